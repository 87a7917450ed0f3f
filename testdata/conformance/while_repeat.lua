-- while and repeat; repeat's until sees the body's locals.
local i = 0
while i < 5 do i = i + 1 end
print("while", i)

local n = 0
repeat
  local done = n >= 3
  n = n + 1
until done
print("repeat local in until", n)

local j = 10
repeat j = j - 1 until j < 5
print("repeat", j)

-- break from nested loops
for a = 1, 3 do
  while true do
    if a == 2 then break end
    io.write("a", a, " ")
    break
  end
end
print()

-- repeat with closure capturing a body local, until referencing it
local fs = {}
local k = 0
repeat
  local v = k * 2
  fs[#fs + 1] = function() return v end
  k = k + 1
until v >= 4
print("captured", fs[1](), fs[2](), fs[3]())

-- while with complex conditions
local a, b = 0, 10
while a < b and not (a == 3) do a = a + 1 end
print("and/not", a)

-- repeat body executes at least once
local ran = 0
repeat ran = ran + 1 until true
print("once", ran)

-- while false never runs
while false do print("never") end
-- nil condition
while nil do print("never") end
print("end")
