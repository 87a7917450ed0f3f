-- select, tostring, tonumber, type, rawequal, next.
print(select("#"), select("#", nil), select(2, 1, 2, 3))
print(pcall(function() return (select("x")) end))
print(pcall(function() return (select()) end))
print(type(nil), type(1), type("s"), type({}), type(print), type(true), type(coroutine.create(print)))
print(pcall(function() return (type()) end))
print(tostring(1e300 * 1e10), tostring(-(0/0)) ~= nil)
print(pcall(function() return (tostring()) end))
print(next({}), next({10}), pcall(function() return (next({}, "nokey")) end))
print(rawequal("a", "a"), rawequal({}, {}), pcall(function() return (rawequal(1)) end))
print(rawget({5}, 1), pcall(function() return (rawget(1, 1)) end))
print(pcall(function() return (rawset({}, nil, 1)) end))
print(ipairs({}) ~= nil, pcall(function() return (ipairs()) end))
print(pcall(function() return (pairs()) end))
print(pcall(function() return (setmetatable({}, 1)) end))
print(getmetatable(1), getmetatable({}), getmetatable(setmetatable({}, {})) ~= nil)
local i = 0
local mt = {__pairs = function(t) return function(_, k) i = i + 1 if i <= 2 then return i, i * 2 end end, t, nil end}
for k, v in pairs(setmetatable({}, mt)) do io.write(k, "=", v, " ") end
print()
print(_VERSION, _G._G == _G, _G.print == print)
print(#arg == 0 or arg ~= nil)
