package vm

import "testing"

// The debug library as Lua 5.2's ldblib.c; the embedded output is lua5.2's
// (TestDebugLibCasesArePUCs checks it).
var debugLibCases = []luaCase{
	{name: "upvalues", src: `local a, b = 1, 2
local function f() return a, b end
local function g() return b end
print(debug.getupvalue(f, 1), debug.getupvalue(f, 2), debug.getupvalue(f, 3), debug.getupvalue(f, 0))
print(debug.setupvalue(f, 1, 10), a, debug.setupvalue(f, 5, 1))
print(select("#", debug.getupvalue(string.rep, 1)), select("#", debug.setupvalue(string.rep, 1, 2)))
print(type(debug.upvalueid(f, 1)), debug.upvalueid(f, 2) == debug.upvalueid(g, 1), debug.upvalueid(f, 1) == debug.upvalueid(g, 1))
debug.upvaluejoin(f, 1, g, 1)
print(f())
print(debug.upvalueid(f, 1) == debug.upvalueid(g, 1))
print(pcall(function() return debug.upvalueid(f, 3) end))
print(pcall(function() return debug.upvalueid(f, 0) end))
print(pcall(function() return debug.upvalueid(string.rep, 1) end))
print(pcall(function() return debug.upvaluejoin(f, 1, g, 2) end))
print(pcall(function() return debug.upvaluejoin(f, 3, g, 1) end))
print(pcall(function() return debug.upvaluejoin(string.rep, 1, g, 1) end))
print(pcall(function() return debug.upvalueid({}, 1) end))
print(pcall(function() return debug.getupvalue({}, 1) end))
print(pcall(function() return debug.getupvalue(f) end))
`,
		want: `a	b	nil
a	10
0	0
userdata	true	false
2	2
true
false	test:11: bad argument #2 to 'upvalueid' (invalid upvalue index)
false	test:12: bad argument #2 to 'upvalueid' (invalid upvalue index)
false	test:13: bad argument #2 to 'upvalueid' (invalid upvalue index)
false	test:14: bad argument #4 to 'upvaluejoin' (invalid upvalue index)
false	test:15: bad argument #2 to 'upvaluejoin' (invalid upvalue index)
false	test:16: bad argument #2 to 'upvaluejoin' (invalid upvalue index)
false	test:17: bad argument #1 to 'upvalueid' (function expected, got table)
false	test:18: bad argument #1 to 'getupvalue' (function expected, got table)
false	test:19: bad argument #2 to 'getupvalue' (number expected, got no value)
`},
	{name: "locals and varargs", src: `local function h(x, y, ...)
  local z = 3
  print(debug.getlocal(1, 1), debug.getlocal(1, 2), debug.getlocal(1, 3), debug.getlocal(1, 4), debug.getlocal(1, -1))
  print(debug.getlocal(1, -2), debug.getlocal(1, -3))
  print(debug.setlocal(1, 3, 30), z, debug.setlocal(1, 10, 1), debug.setlocal(1, -1, "v"), ...)
  print(pcall(function() return debug.getlocal(50, 1) end))
  print(pcall(function() return debug.setlocal(50, 1, 1) end))
end
h(1, 2, 5, 6)
print(debug.getlocal(h, 1), debug.getlocal(h, 3), debug.getlocal(string.rep, 1))
print(pcall(function() return debug.getlocal({}, 1) end))
print(pcall(function() return debug.getlocal() end))
local co = coroutine.create(function(p) local q = p coroutine.yield() end)
coroutine.resume(co, 7)
print(debug.getlocal(co, 1, 1), debug.getlocal(co, 1, 2))
print(debug.getinfo(co, 1, "l").currentline, debug.getinfo(co, 0, "S").what)
`,
		want: `x	y	z	(*temporary)	(*vararg)	5
(*vararg)	nil
z	30	nil	(*vararg)	v	6
false	test:6: bad argument #1 to 'getlocal' (level out of range)
false	test:7: bad argument #1 to 'setlocal' (level out of range)
x	nil	nil
false	test:11: bad argument #1 to 'getlocal' (number expected, got table)
false	test:12: bad argument #2 to 'getlocal' (number expected, got no value)
p	q	7
13	C
`},
	{name: "metatables and user values", src: `print(debug.getmetatable("x").__index == string, debug.getmetatable({}), debug.getmetatable(1))
local t = {}
print(debug.setmetatable(t, {__index = {z = 9}}) == t, t.z)
print(debug.setmetatable(5, {__index = {w = 8}}), (5).w)
debug.setmetatable(5, nil)
print(pcall(function() return debug.setmetatable(t, 1) end))
print(debug.getuservalue({}), debug.getuservalue(1))
print(pcall(function() return debug.setuservalue({}, {}) end))
`,
		want: `true	nil	nil
true	9
5	8
false	test:6: bad argument #2 to 'setmetatable' (nil or table expected)
nil	nil
false	test:8: bad argument #1 to 'setuservalue' (userdata expected, got table)
`},
	{name: "function names", src: `local function show(level)
  local i = debug.getinfo(level + 1, "n")
  return tostring(i.name) .. "/" .. i.namewhat
end
local t = setmetatable({}, {
  __index = function() return show(1) end,
  __add = function() return show(1) end,
  __concat = function() return show(1) end,
  __eq = function() print(show(1)) return true end,
})
print(t.x, t + 1, t .. "s")
print(t == setmetatable({}, getmetatable(t)))
for k in function(_, c) if not c then print(show(1)) return 1 end end do end
local tt = {f = function() return show(1) end}
print(tt.f(), tt:f())
local up = tt.f
print((function() return (up()) end)())
g = tt.f
print(g())
local function h() return tt.f() end
print(h())
print(show(0), show(1))
print(pcall(show, 0))
local ok, info = pcall(debug.getinfo, 1, "n")
print(info.name, info.namewhat)
`,
		want: `nil/	nil/	nil/
__eq/metamethod
true
for iterator/for iterator
nil/	nil/
nil/
nil/
nil/
show/local	nil/
true	nil/
pcall	global
`},
	{name: "tracebacks", src: `local function lines(s) return (s:gsub("\n\t%(command line%).*$", ""):gsub("\n\t%[C%]: in %?$", "")) end
print(lines(select(2, xpcall(string.rep, debug.traceback))))
local function f() error("e") end
local function g() return f() end
print(lines(select(2, xpcall(function() g() end, debug.traceback))))
local co = coroutine.create(function() local x = 1 coroutine.yield() end)
coroutine.resume(co)
print(debug.traceback(co))
print(debug.traceback(co, "msg"))
print(debug.traceback(co, "msg", 1))
print(debug.traceback(co, nil, 1))
print(lines(debug.traceback("m", 1)))
print(lines(debug.traceback(12)))
print(lines(debug.traceback(nil)))
local t = {}
print(debug.traceback(t) == t, debug.traceback(true), debug.traceback(co, t) == t)
local function deep(n) if n == 0 then coroutine.yield() end local r = deep(n - 1) return r end
local dc = coroutine.create(deep)
coroutine.resume(dc, 30)
print(debug.traceback(dc, "deep"))
local dead = coroutine.create(function() end)
coroutine.resume(dead)
print(debug.traceback(dead, "dead"))
`,
		want: `bad argument #1 to 'string.rep' (string expected, got no value)
stack traceback:
	[C]: in function 'string.rep'
	[C]: in function 'xpcall'
	test:2: in main chunk
test:3: e
stack traceback:
	[C]: in function 'error'
	test:3: in function <test:3>
	(...tail calls...)
	test:5: in function <test:5>
	[C]: in function 'xpcall'
	test:5: in main chunk
stack traceback:
	[C]: in function 'yield'
	test:6: in function <test:6>
msg
stack traceback:
	[C]: in function 'yield'
	test:6: in function <test:6>
msg
stack traceback:
	test:6: in function <test:6>
stack traceback:
	test:6: in function <test:6>
m
stack traceback:
	test:12: in main chunk
12
stack traceback:
	test:13: in main chunk
stack traceback:
	test:14: in main chunk
true	true	true
deep
stack traceback:
	[C]: in function 'yield'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	...
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function 'deep'
	test:17: in function <test:17>
dead
stack traceback:
`},
	{name: "sources", src: `local function S(name) local f = load("return debug.getinfo(1, 'S')", name) local i = f() return i.source .. " | " .. i.short_src .. " | " .. i.what end
print(S("=mine"))
print(S("@file.lua"))
print(S("some code"))
print(S(nil))
local i = debug.getinfo(string.rep, "S")
print(i.source, i.short_src, i.what, i.linedefined)
`,
		want: `=mine | mine | main
@file.lua | file.lua | main
some code | [string "some code"] | main
return debug.getinfo(1, 'S') | [string "return debug.getinfo(1, 'S')"] | main
=[C]	[C]	C	-1
`},
}

func TestDebugLib(t *testing.T) { runCases(t, debugLibCases) }

func TestDebugLibCasesArePUCs(t *testing.T) { checkPUC(t, debugLibCases) }
