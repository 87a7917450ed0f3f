-- Upvalues: closures in loops capture a fresh local per iteration.
local fs = {}
for i = 1, 5 do fs[i] = function() return i end end
local out = {}
for i = 1, 5 do out[#out + 1] = fs[i]() end
print("numeric for", table.concat(out, " "))

fs = {}
for _, v in ipairs({"a", "b", "c"}) do fs[#fs + 1] = function() return v end end
print("generic for", fs[1](), fs[2](), fs[3]())

fs = {}
local i = 1
while i <= 3 do
  local j = i
  fs[i] = function() j = j + 10; return j end
  i = i + 1
end
print("while", fs[1](), fs[1](), fs[2](), fs[3]())

fs = {}
local k = 0
repeat
  local m = k
  fs[#fs + 1] = function() return m end
  k = k + 1
until m >= 2
print("repeat", fs[1](), fs[2](), fs[3]())

-- shared upvalue between two closures
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
inc(); inc()
print("shared", get())
local inc2, get2 = counter()
inc2()
print("independent", get(), get2())

-- loop variable modified inside the body does not affect the loop
for i = 1, 3 do
  local f = function() i = i * 100; return i end
  print("modified copy", f(), i)
end

-- upvalue of an upvalue
local function outer()
  local a = 1
  return function()
    local b = 2
    return function() a = a + 1; b = b + 1; return a + b end
  end
end
local mid = outer()
local f1, f2 = mid(), mid()
print("nested", f1(), f1(), f2())

-- closures capture after goto continue
local gs = {}
for i = 1, 3 do
  local x = i * 2
  if i == 2 then goto continue end
  gs[#gs + 1] = function() return x end
  ::continue::
end
print("goto continue", gs[1](), gs[2]())
