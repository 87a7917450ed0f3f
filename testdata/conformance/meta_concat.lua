-- __concat and concatenation of numbers and strings.
local mt = {__concat = function(a, b)
  local function s(v) if type(v) == "table" then return "T" end return tostring(v) end
  return s(a) .. "+" .. s(b)
end}
local t = setmetatable({}, mt)
print(t .. "x", "x" .. t, 1 .. t, t .. t)
print("a" .. "b" .. t .. "c")
print(1 .. 2, 1.5 .. "", -0.0 .. "", 2^63 .. "", 1e100 .. "")
print(10 / 2 .. "", 3 .. "" == "3")
print(pcall(function() return "a" .. {} end))
print(pcall(function() return {} .. "a" end))
print(pcall(function() return "a" .. nil end))
print(pcall(function() return "a" .. true end))
local x
print(pcall(function() return "a" .. x end))
print(pcall(function() local t2 = {} return "a" .. t2.field end))
-- right associativity: the rightmost pair is concatenated first
local order = {}
local mt2 = {__concat = function(a, b)
  local function s(v) if type(v) == "table" then return v.n end return v end
  local r = "(" .. s(a) .. s(b) .. ")"
  order[#order + 1] = r
  return setmetatable({n = r}, getmetatable(type(a) == "table" and a or b))
end}
local A = setmetatable({n = "A"}, mt2)
local B = setmetatable({n = "B"}, mt2)
local r = "x" .. A .. "y" .. B
print(r.n)
print(table.concat(order, " "))
