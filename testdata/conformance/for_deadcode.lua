-- A generic for whose body has a dead block (constant false condition)
-- declaring a local: the loop must end, and the rest of the program run.
local calls = 0
local function counted(t, k)
  calls = calls + 1
  if calls > 20 then error("runaway: the loop never ended", 0) end
  return next(t, k)
end
for k in counted, {1} do
  if false then local s = 1 end
end
ticks = (ticks or 0) + 1 if ticks > 3 then error("runaway: a jump went back", 0) end
print("after loop", calls)
for w in ("a b"):gmatch("%a+") do
  if nil then local s end
end
ticks = ticks + 1 if ticks > 3 then error("runaway: a jump went back", 0) end
print("after gmatch loop")
