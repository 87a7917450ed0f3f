-- Coroutines: status, resume dead, wrap, yield across pcall.
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got2", d, e)
  return "done", 99
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, "x", "y"))
print(coroutine.status(co))
print(coroutine.resume(co))
print(coroutine.resume(co))

-- errors inside coroutines
local co2 = coroutine.create(function() error("oops") end)
print(coroutine.resume(co2))
print(coroutine.status(co2))
local co3 = coroutine.create(function() error({1, 2}) end)
local ok, e = coroutine.resume(co3)
print(ok, type(e), e[2])

-- wrap
local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end return "end" end)
print(gen(), gen(), gen(), gen())
print(pcall(gen))
local werr = coroutine.wrap(function() error("wrapped error") end)
print(pcall(werr))
local werr2 = coroutine.wrap(function() error({}) end)
print(select("#", pcall(werr2)), type(select(2, pcall(werr2))))

-- yield across pcall
local co4 = coroutine.create(function()
  local ok, v = pcall(function()
    local x = coroutine.yield("in pcall")
    error("after yield " .. x)
  end)
  coroutine.yield(tostring(ok) .. " " .. v)
  return "finished"
end)
print(coroutine.resume(co4))
print(coroutine.resume(co4, "X"))
print(coroutine.resume(co4))
print(coroutine.status(co4))

-- running and status from inside
local co5
co5 = coroutine.create(function()
  print("inside status", coroutine.status(co5), coroutine.running() == co5)
  local inner = coroutine.create(function() print("outer seen from inner", coroutine.status(co5)) end)
  coroutine.resume(inner)
end)
coroutine.resume(co5)
print(coroutine.status(co5))

-- resume non-coroutine, yield outside
print(coroutine.resume(coroutine.create(function() return coroutine.resume(coroutine.running()) end)))
-- wrap a dead coroutine
local w = coroutine.wrap(function() end)
w()
print(pcall(w))
-- yield passing many values
local many = coroutine.wrap(function(...) local a = {coroutine.yield(...)} return #a end)
print(many(1, 2, 3))
print(many(4, 5))
-- generator pattern with ipairs inside
local function gen2(t) return coroutine.wrap(function() for _, v in ipairs(t) do coroutine.yield(v) end end) end
for v in gen2({"a", "b"}) do io.write(v, " ") end
print()
-- coroutine.yield through a metamethod (5.2 allows yield across __index? no: only Lua functions)
local mt = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end})
local co6 = coroutine.create(function() return mt.key end)
print(coroutine.resume(co6))
print(coroutine.resume(co6, "v"))
