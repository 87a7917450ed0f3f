-- A goto must close only the locals it leaves: a closure made before it keeps
-- sharing the local it captured.
-- goto out of a block whose locals are captured: each iteration's closure keeps its own value
local fs = {}
local i = 1
::top::
do
  local x = i * 10
  fs[#fs + 1] = function() return x end
  i = i + 1
  if i <= 3 then goto top end
end
print(fs[1](), fs[2](), fs[3]())
for j = 1, 3 do
  local y = j
  fs[j] = function() return y end
  if j == 2 then goto done end
end
::done::
print(fs[1](), fs[2](), fs[3]())
local n = 1
local function get() return n end
if true then goto cont end
::cont::
local function set() n = 2 end
set()
print(get(), n)
