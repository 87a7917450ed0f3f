-- A gmatch loop with a local inside a repeat loop whose until reads a global.
local r = 0 repeat
  for w in ("a b c"):gmatch("%a+") do
    local s = (false and w or "x")
    print(w, s)
  end
until done or ("hello" >= "a")
print("done")
