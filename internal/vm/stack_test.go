package vm

import "testing"

// Recursion from Lua ends in PUC Lua 5.2's errors, catchable by pcall, with
// the machine working afterwards; recursion through Go (metamethods,
// pcall, library callbacks, resumes) stops at PUC's C stack limit instead of
// a fatal Go stack overflow. Texts are lua5.2's.
var stackCases = []luaCase{
	{name: "Lua recursion", src: `local function f() return 1 + f() end
print(pcall(f))
print(pcall(f))
print("alive")`, want: "false\ttest:1: stack overflow\nfalse\ttest:1: stack overflow\nalive\n"},
	{name: "deep Lua recursion", src: `local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end
print(f(1e5))
print(pcall(f, 1e6))
print(f(10))`, want: "100000\nfalse\ttest:1: stack overflow\n10\n"},
	{name: "__index functions", src: `local t = setmetatable({}, {__index = function(t, k) return t[k] end})
print(pcall(function() return t.x end))`, want: "false\ttest:1: C stack overflow\n"},
	{name: "__index tables 1e4 deep", src: `local t = {} local cur = t
for i = 1, 1e4 do local n = {} setmetatable(cur, {__index = n}) cur = n end
print(pcall(function() return t.x end))`, want: "false\ttest:3: loop in gettable\n"},
	{name: "gsub callbacks", src: `local function f(s) return (s:gsub(".", f)) end
print(pcall(f, "x"))`, want: "false\tC stack overflow\n"},
	{name: "coroutines resuming coroutines", src: `local function f() local co = coroutine.create(f) return coroutine.resume(co) end
local r = {f()}
print(r[#r - 1], r[#r], #r > 150)`, want: "false\tC stack overflow\ttrue\n"},
	{name: "error in error handling", src: `print(xpcall(error, function() error("x") end))
print(xpcall(function() error("a") end, function(m) error("x") end))
print(xpcall(function() error("a") end, function(m) return "h:" .. m end))
print(xpcall(function() local x = nil; return x.y end, function(m) return m:upper() end))`,
		want: "false\terror in error handling\nfalse\terror in error handling\nfalse\th:test:3: a\nfalse\tTEST:4: ATTEMPT TO INDEX LOCAL 'X' (A NIL VALUE)\n"},
	{name: "xpcall handler that is not a function", src: `print(xpcall(error, 1))
print(xpcall(function() return 1 end, 1))
print(xpcall(error, setmetatable({}, {__call = function(_, m) return "called" end})))`,
		want: "false\terror in error handling\ntrue\t1\nfalse\terror in error handling\n"},
	{name: "xpcall passes arguments", src: `print(xpcall(function(...) return select("#", ...), ... end, print, 1, nil, 3))`,
		want: "true\t3\t1\tnil\t3\n"},
}

func TestStackLimits(t *testing.T) { runCases(t, stackCases) }

func TestStackCasesArePUCs(t *testing.T) { checkPUC(t, stackCases) }

// Nested pcalls stop at PUC's limit of about 200 nested C calls; the exact
// count depends on how deep the chunk starts (lua5.2 prints 199 values).
func TestNestedPcallLimit(t *testing.T) {
	runCases(t, []luaCase{{name: "pcall(pcall(...))", src: `local function f() return pcall(f) end
local r = {f()}
print(#r >= 190 and #r <= 200, r[#r - 1], r[#r])
r = {f()}
print(#r >= 190 and #r <= 200, r[#r])`, want: "true\tfalse\tC stack overflow\ntrue\tC stack overflow\n"}})
}

// An xpcall handler may yield (PUC Lua 5.2 cannot: its handler is a C
// boundary).
func TestXpcallHandlerYields(t *testing.T) {
	runCases(t, []luaCase{{name: "yield in handler", src: `local co = coroutine.wrap(function()
  return xpcall(function() error("e", 0) end, function(m) local v = coroutine.yield("in handler") return m .. v end)
end)
print(co())
print(co("!"))`, want: "in handler\nfalse\te!\n"}})
}
