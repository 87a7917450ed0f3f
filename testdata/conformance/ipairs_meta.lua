-- Lua 5.2's ipairs honours __ipairs and otherwise reads raw (no __index).
local ip = setmetatable({}, {__ipairs = function(t) return function(_, k) if not k or k < 2 then return (k or 0) + 1, "ip" end end, t, nil end})
for k, v in ipairs(ip) do io.write(k, "=", v, " ") end
print()
local idx = setmetatable({}, {__index = function(_, k) if k <= 3 then return k * 100 end end})
for k, v in ipairs(idx) do io.write(k, "=", v, " ") end
print()
