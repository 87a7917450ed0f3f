-- Generic fors whose explist is ... (the ipairs triple passed to a vararg
-- function), one inside the other.
local function outer(...) for k, v in ... do
  local function inner(...) for k2, v2 in ... do
    print(k, k2)
  end end
  inner(ipairs({0x10, 1}))
end end
outer(ipairs({0.1; 10}))
print("done")
