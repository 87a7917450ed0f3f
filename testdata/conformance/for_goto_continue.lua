-- Two generic fors with extra explist values; the second jumps to a label
-- that ends its body (continue).
local function tick() jumps = (jumps or 0) + 1 if jumps > 20 then error("runaway: a jump went back", 0) end end
local function iter(s, c) c = c + 1 if c <= s then return c, c * c end end
for k, v in iter, 3, 1, nil do
end
tick()
print("after first loop")
for k, v in iter, 4, 1, "extra" do
  if false then goto continue end
  ::continue::
end
print("after second loop")
