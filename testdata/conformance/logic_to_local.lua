-- and/or results assigned to an existing local: a falsy left operand is the result.
local function t(...) return ... end
local r = {}
for _, a in ipairs({true, false, 1, "s"}) do
  local c, d, e, f, g = 0, 0, 0, 0, 0
  c = (not a and ("a" < "b"))
  d = (t(a) and 5)
  e = (t(a) and t(nil) or 7)
  f = (not a) and (not a) and 3
  g = a and (not a or 9) and "z"
  local h = (not a and t(a))
  r[#r + 1] = table.concat({tostring(c), tostring(d), tostring(e), tostring(f), tostring(g), tostring(h)}, ",")
end
print(table.concat(r, " | "))
local x = nil
local y = 1
y = x and x.field
print(y)
y = 2
y = (1 > 2) and 1
print(y)
local b2 = true
b2 = (not true and ("a" < "b"))
print(b2)
local function f()
  local c = true
  c = (not true and ("a" < "b"))
  return c
end
print(f())
