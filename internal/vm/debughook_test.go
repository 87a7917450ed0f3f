package vm

import (
	"strings"
	"testing"
	"time"
)

// Hook cases: the programs' output is lua5.2's (TestHookCasesArePUCs checks).
var hookCases = []luaCase{
	{name: "line trace", src: `local lines = {}
local function f(n)
  local s = 0
  for i = 1, n do
    s = s + i
  end
  return s
end
local function g(x)
  if x > 1 then
    return f(x)
  else
    return 0
  end
end
debug.sethook(function(ev, line)
  lines[#lines + 1] = line
end, "l")
local r = g(3)
local t = {}
for k, v in pairs({a = 1}) do t[k] = v end
while r > 5 do
  r = r - 1
end
repeat r = r + 1 until r > 7
debug.sethook()
print(table.concat(lines, " "))
`,
		want: `19 10 11 3 4 5 4 5 4 5 4 7 20 21 21 22 23 22 25 25 25 26
`},
	{name: "call and return events", src: `local ev = {}
local function f(a) return a + 1 end
local function g(x) local y = f(x) return y end
local t = {m = function(self) return 1 end}
local function h() return f(1) end
debug.sethook(function(e, l)
  local info = debug.getinfo(2, "nSl")
  if info.what ~= "C" then
    ev[#ev + 1] = e .. " " .. tostring(info.name) .. " " .. info.namewhat .. " " .. info.what .. " " .. info.currentline
  end
end, "cr")
g(2)
t:m()
h()
debug.sethook()
print(table.concat(ev, "\n"))
`,
		want: `call g local Lua 3
call f upvalue Lua 2
return f upvalue Lua 2
return g local Lua 3
call m method Lua 4
return m method Lua 4
call h local Lua 5
tail call nil  Lua 2
return nil  Lua 2
`},
	{name: "gethook", src: `print(debug.gethook())
local function f() end
debug.sethook(f, "crl", 5)
local h, m, c = debug.gethook()
print(h == f, m, c)
debug.sethook()
print(debug.gethook())
debug.sethook(f, "")
h, m, c = debug.gethook()
print(h == f, m, c)
debug.sethook(f, "", 3)
h, m, c = debug.gethook()
print(h == f, m, c)
debug.sethook()
local co = coroutine.create(function() end)
debug.sethook(co, f, "l")
h, m, c = debug.gethook(co)
print(h == f, m, c)
print(debug.gethook())
print(pcall(function() debug.sethook(1, 2) end))
print(pcall(function() debug.sethook(f) end))
`,
		want: `nil		0
true	crl	5
nil		0
true		0
true		3
true	l	0
nil		0
false	test:20: bad argument #1 to 'sethook' (function expected, got number)
false	test:21: bad argument #2 to 'sethook' (string expected, got no value)
`},
	{name: "coroutine and pcall", src: `local lines = {}
local co = coroutine.create(function(a)
  local b = a + 1
  coroutine.yield(b)
  return b * 2
end)
debug.sethook(co, function(e, l) lines[#lines + 1] = l end, "l")
print(coroutine.resume(co, 1))
print(coroutine.resume(co))
print(table.concat(lines, " "))
local n = 0
debug.sethook(function() n = n + 1 end, "l")
local x = 1
local ok = pcall(function()
  x = x + 1
  x = x + 1
end)
debug.sethook()
print(n)
`,
		want: `true	2
true	4
3 4 5
8
`},
}

func TestDebugHooks(t *testing.T) { runCases(t, hookCases) }

func TestHookCasesArePUCs(t *testing.T) { checkPUC(t, hookCases) }

// A hook may yield: coroutines are goroutines here (PUC Lua 5.2 refuses
// with "attempt to yield across a C-call boundary").
func TestHookYields(t *testing.T) {
	runCases(t, []luaCase{{name: "line hook yields", src: `local co = coroutine.create(function()
  local a = 1
  local b = 2
  return a + b
end)
debug.sethook(co, function(e, l) coroutine.yield(l) end, "l")
local out = {}
while true do
  local ok, v = coroutine.resume(co)
  out[#out+1] = tostring(ok) .. ":" .. tostring(v)
  if coroutine.status(co) == "dead" then break end
end
print(table.concat(out, " "))
print(debug.gethook())`, want: "true:2 true:3 true:4 true:3\nnil\t\t0\n"}})
}

// A hook is no yield: code that runs a hook on every line and never yields
// still gets "Too long without yielding", and hooks cost nothing after.
func TestHookBesideWatchdog(t *testing.T) {
	tm := watchdogMachine(t)
	start := time.Now()
	err := tm.run(`local n = 0
debug.sethook(function() n = n + 1 end, "l")
while true do n = n + 1 end`)
	if err == nil || !strings.HasSuffix(err.Error(), ErrTooLongWithoutYielding) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %v", d)
	}
}
