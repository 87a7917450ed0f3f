-- Numeric for: integer and float steps, negative steps, empty ranges, modifying the variable.
local function run(a, b, s)
  local out = {}
  if s then
    for i = a, b, s do out[#out + 1] = i if #out > 20 then break end end
  else
    for i = a, b do out[#out + 1] = i if #out > 20 then break end end
  end
  print(a, b, s, "->", table.concat(out, ","))
end
run(1, 5)
run(5, 1)
run(5, 1, -1)
run(1, 2, 0.25)
run(0, 1, 0.1)
run(1, 0, -0.3)
run(1, 1)
run(1, 1, -1)
run(-3, 3, 2)
run(10, 1, -3)
run(0.5, 3)
run(1, 3.5)
run(2^53 - 2, 2^53)
run(1, 0)
print(pcall(function() for i = 1, 10, 0 do return "zero step ran", i end end))
print(pcall(function() for i = 1, 2, "x" do end end))
print(pcall(function() for i = nil, 2 do end end))
print(pcall(function() for i = 1, {} do end end))

-- the loop variable is a copy
for i = 1, 3 do
  i = i * 10
  io.write(i, " ")
end
print()

-- bounds are evaluated once
local n = 3
for i = 1, n do n = n + 1 end
print("n", n)

-- large and negative values
for i = -1, -3, -1 do io.write(i, ";") end
print()
for i = math.huge, math.huge, 1 do print("huge once", i) break end
local c = 0
for i = 1, 0, -1 do c = c + 1 end
print("count", c)
