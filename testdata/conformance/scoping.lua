-- Scoping: locals shadow, blocks end scopes, a local is visible only after its statement.
local x = 1
do
  local x = x + 1
  print("inner", x)
  do
    local x = x * 10
    print("inner2", x)
  end
  print("inner again", x)
end
print("outer", x)

local a = 5
local a = a + 1 -- the new a sees the old a
print("redeclared", a)

local function f() return x end
x = 42
print("function sees later assignment", f())

-- a local function can call itself; a local f = function cannot
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print("fact", fact(10))
local g = function(n) return n end
print("g", g(3))

-- globals vs locals
y = "global y"
local function gy() return y end
local y = "local y"
print(gy(), y)

-- if/elseif scopes
for i = 1, 3 do
  local v
  if i == 1 then local v = "one"; print(i, v) elseif i == 2 then v = "two" else v = "three" end
  print(i, v)
end

-- local with no value is nil, and multiple locals
local p, q, r = 1
print(p, q, r)
local s, t = 1, 2, 3
print(s, t)
