-- A generic for whose body has a dead block (constant false condition)
-- declaring a local: the loop and the rest of the program must still run.
for k in pairs({1}) do
  if false then local s = 1 end
end
print("after pairs loop")
for w in ("a b"):gmatch("%a+") do
  if nil then local s end
end
print("after gmatch loop")
