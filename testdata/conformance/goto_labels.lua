-- goto and labels (Lua 5.2).
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    io.write(i, j, " ")
    ::continue::
  end
end
print()

do
  local k = 0
  ::top::
  k = k + 1
  if k < 5 then goto top end
  print("loop via goto", k)
end

-- break out of nested loops
for i = 1, 10 do
  for j = 1, 10 do
    if i * j > 6 then goto out end
  end
end
::out::
print("out")

-- goto into scope of a local is an error (compile time)
print(load("goto f; local x; ::f:: print(x)") == nil)
-- jumping to a label at the end of a block is allowed
print(load("do goto f; local x; ::f:: end") ~= nil)
-- duplicate labels
local f, err = load("::a:: ::a::")
print(f, err)
-- missing label
f, err = load("goto nowhere")
print(f, err)
-- labels are visible in nested functions? no
f, err = load("::l:: local function g() goto l end")
print(f, err)

-- closures in a goto loop capture fresh locals
local fs = {}
do
  local i = 1
  ::again::
  local x = i
  fs[#fs + 1] = function() return x end
  i = i + 1
  if i <= 3 then goto again end
end
print(fs[1](), fs[2](), fs[3]())
