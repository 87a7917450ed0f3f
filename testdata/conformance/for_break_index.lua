-- A generic for over gmatch whose body breaks before an assignment, in a
-- function called from another: the iterator must not be confused with a table.
local function f(p1, p2)
  for k in ("Lua"):gmatch("%w") do
    if true then break end
    p2 = (tonumber(k) or -1)
  end
  return "f done"
end
local function g(a, b)
  local x, y, z = f(3.75, b)
  return x
end
print(g(7))
