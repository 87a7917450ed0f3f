-- A generic for (two variables, stateless iterator) whose body breaks before
-- code that calls methods: the loop must end, and the program go on.
local calls = 0
local function iter(s, c)
  calls = calls + 1
  if calls > 20 then error("runaway: the loop never ended", 0) end
  c = c + 1
  if c <= s then return c, c * c end
end
for k, v in iter, 4, 0 do
  if true then break end
  print(obj.v, obj:add(1).v)
end
print("after loop", calls)
