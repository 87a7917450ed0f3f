-- Multiple assignment and multiple returns.
local function two() return 1, 2 end
local function none() end
local a, b, c = two()
print(a, b, c)
a, b, c = two(), 10
print(a, b, c)
a, b, c = 0, two()
print(a, b, c)
a, b = 1, 2, 3
print(a, b)
a, b, c = none()
print(a, b, c)
a, b, c = (two())
print(a, b, c)

-- swap and evaluation order
local x, y = 1, 2
x, y = y, x
print(x, y)
local t = {1, 2, 3}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])

-- assignment to table fields and globals at once
local u = {}
u.a, u.b, g1 = 1, 2, 3
print(u.a, u.b, g1)

-- returns in table constructors
local r = {two(), two()}
print(#r, r[1], r[2], r[3])
r = {two(), (two())}
print(#r)
r = {two(), nil}
print(#r)

-- returns through pcall
print(pcall(two))
print(select("#", pcall(none)))

-- string.find returns several values
local s, e = ("hello"):find("ll")
print(s, e)
local s2, e2, cap = ("key=val"):find("(%w+)=")
print(s2, e2, cap)

-- parenthesised call adjusts to one value
print((("a b"):gsub(" ", "_")))
print(("a b"):gsub(" ", "_"))
