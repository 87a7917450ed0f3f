-- __eq, __lt, __le.
local log = {}
local mt = {
  __eq = function(a, b) log[#log + 1] = "eq"; return a.v == b.v end,
  __lt = function(a, b) log[#log + 1] = "lt"; return a.v < b.v end,
  __le = function(a, b) log[#log + 1] = "le"; return a.v <= b.v end,
}
local function V(v) return setmetatable({v = v}, mt) end
local a, b, c = V(1), V(2), V(1)
print(a == c, a ~= c, a == b, a < b, a <= c, a > b, a >= c)
print(table.concat(log, ","))
-- __eq is not called for the same object or for different types
log = {}
print(a == a, a == 1, 1 == a, a == "x")
print(#log)
-- __eq returns a boolean
mt.__eq = function() return "yes" end
print(a == c, a ~= c)
-- __le falls back to not __lt(b, a)
mt.__le = nil
log = {}
print(a <= b, b <= a)
print(table.concat(log, ","))
-- results converted to boolean
mt.__lt = function() return nil end
print(a < b, a > b)
-- different metatables: __eq only when both metamethods are the same
local other = setmetatable({v = 1}, {__eq = function() return true end})
print(a == other)
-- comparing mixed types errors
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < {} end))
print(pcall(function() return {} <= 1 end))
print(pcall(function() return "a" < 1 end))
print(pcall(function() return nil > 1 end))
-- strings compare bytewise
print("a" < "b", "Z" < "a", "" < "a", "abc" < "abd", "a\0b" < "a\0c", "10" < "9")
-- numbers
print(1 < 2, -0.0 == 0, 0/0 == 0/0, 1/0 > 1e308, -1/0 < -1e308)
