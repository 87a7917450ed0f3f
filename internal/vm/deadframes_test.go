package vm

import "testing"

// A coroutine that died by an error keeps its frames for debug.getinfo, as
// in PUC Lua 5.2; and a closure made in frames an error unwound under an
// error handler keeps its own upvalues (they are closed as luaD_pcall's
// luaF_close does, before the thread's registers are reused).
var deadFrameCases = []luaCase{
	{name: "frames of a dead coroutine", src: `local co = coroutine.create(function()
  local t = nil
  local function g() return t.x end
  g()
end)
print(coroutine.resume(co) == false)
for i = 0, 3 do
  local f = debug.getinfo(co, i, "lnS")
  if not f then print(i, "none") break end
  print(i, f.what, f.currentline, f.name, f.namewhat)
end
print(coroutine.status(co))`, want: "true\n0\tLua\t3\tg\tlocal\n1\tLua\t4\tnil\t\n2\tnone\ndead\n"},
	{name: "error() in a dead coroutine", src: `local co = coroutine.create(function() error("boom") end)
coroutine.resume(co)
local f0, f1 = debug.getinfo(co, 0, "Sl"), debug.getinfo(co, 1, "Sl")
print(f0.what, f0.currentline, f1.what, f1.currentline, debug.getinfo(co, 2))`, want: "C\t-1\tLua\t1\tnil\n"},
	{name: "a finished coroutine has no frames", src: `local co = coroutine.create(function() return 1 end)
coroutine.resume(co)
print(debug.getinfo(co, 0))`, want: "nil\n"},
	{name: "xpcall closes the upvalues it unwinds", src: `local f
xpcall(function() local x = 42; f = function() return x end; error("e") end, function(m) return m end)
pcall(function() local a, b, c, d = 1, 2, 3, 4 end)
print(f())
local co = coroutine.create(function() local y = 7; f = function() return y end; error("e2") end)
coroutine.resume(co)
coroutine.wrap(function() local a, b, c, d = 1, 2, 3, 4 end)()
print(f())`, want: "42\n7\n"},
}

func TestDeadCoroutineFrames(t *testing.T) { runCases(t, deadFrameCases) }

func TestDeadCoroutineFramesArePUCs(t *testing.T) { checkPUC(t, deadFrameCases) }
