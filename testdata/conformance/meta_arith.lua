-- Arithmetic metamethods, operand order, and fallbacks.
local mt = {}
local function V(x) return setmetatable({x = x}, mt) end
local function val(v) if type(v) == "table" then return "V" .. v.x end return tostring(v) end
for _, op in ipairs({"add", "sub", "mul", "div", "mod", "pow"}) do
  mt["__" .. op] = function(a, b) return op .. "(" .. val(a) .. "," .. val(b) .. ")" end
end
mt.__unm = function(a) return "unm(" .. val(a) .. ")" end
local a, b = V(1), V(2)
print(a + b, a - 1, 2 * a, a / "3", a % b, 2 ^ a)
print(-a)
print(1 + a, "s" - a)
-- the left operand's metamethod is used first
local mt2 = {__add = function() return "left2" end}
local c = setmetatable({x = "c"}, mt2)
print(c + a, a + c)
-- only the right has one
print(5 + a)
-- no metamethod: errors
print(pcall(function() return {} + 1 end))
print(pcall(function() return 1 + {} end))
print(pcall(function() return "x" + 1 end))
print(pcall(function() return -{} end))
-- numbers in strings coerce
print("10" + 1, "0x10" * 1, " 5 " - 1, "1e1" / 2)
-- metamethod returning several values is truncated to one
mt.__add = function() return 1, 2 end
print(a + a)
-- __index on the metatable does not matter for arithmetic
local proxy = setmetatable({}, {__index = {__add = function() return "no" end}})
print(pcall(function() return proxy + 1 end))
