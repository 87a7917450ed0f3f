package vm

import (
	"os/exec"
	"strings"
	"testing"
)

// errorCase is a chunk, loaded as "=t" and run under pcall, and the message
// Lua 5.2.4 gives for it (measured with lua5.2; TestErrorTextsLua52 checks
// them again when lua5.2 is installed).
type errorCase struct{ name, src, want string }

// runtimeErrorCases: runtime errors name the variable as PUC Lua 5.2's
// getobjname does (third_party/gopher-lua/varinfo.go).
var runtimeErrorCases = []errorCase{
	{"index local nil", `local x; return x.y`, "t:1: attempt to index local 'x' (a nil value)"},
	{"index local number", `local x = 5; return x.y`, "t:1: attempt to index local 'x' (a number value)"},
	{"index global", `return undefinedglobal.y`, "t:1: attempt to index global 'undefinedglobal' (a nil value)"},
	{"index field", `local t = {} return t.a.b`, "t:1: attempt to index field 'a' (a nil value)"},
	{"index field deep", `local t = {a = {}} return t.a.b.c`, "t:1: attempt to index field 'b' (a nil value)"},
	{"index upvalue", `local u = 5; return (function() return u.x end)()`, "t:1: attempt to index upvalue 'u' (a number value)"},
	{"index upvalue nil", `local u; return (function() return u[1] end)()`, "t:1: attempt to index upvalue 'u' (a nil value)"},
	{"index key local", `local t, k = {}, "a" return t[k].z`, "t:1: attempt to index field '?' (a nil value)"},
	{"index key number", `local t = {} return t[1].z`, "t:1: attempt to index field '?' (a nil value)"},
	{"index key expr", `local t = {} return t[1 + 1].z`, "t:1: attempt to index field '?' (a nil value)"},
	{"index method receiver", `local x; x:m()`, "t:1: attempt to index local 'x' (a nil value)"},
	{"assign index local", `local x; x.y = 1`, "t:1: attempt to index local 'x' (a nil value)"},
	{"assign index global", `undefinedglobal.y = 1`, "t:1: attempt to index global 'undefinedglobal' (a nil value)"},
	{"assign index field", `local t = {} t.a.b = 1`, "t:1: attempt to index field 'a' (a nil value)"},
	{"assign index upvalue", `local u = true; (function() u.x = 1 end)()`, "t:1: attempt to index upvalue 'u' (a boolean value)"},
	{"index string method missing", `local s = "x"; return s:nomethod()`, "t:1: attempt to call method 'nomethod' (a nil value)"},
	{"index boolean", `local b = true; return b.x`, "t:1: attempt to index local 'b' (a boolean value)"},
	{"index through __index chain", `local t = setmetatable({}, {__index = 5}) return t.x`, "t:1: attempt to index a number value"},
	{"index in nested function", `local function f(a) return a.b end return f()`, "t:1: attempt to index local 'a' (a nil value)"},
	{"index param", `return (function(p) return p.q end)(nil)`, "t:1: attempt to index local 'p' (a nil value)"},
	{"call global", `foo()`, "t:1: attempt to call global 'foo' (a nil value)"},
	{"call local", `local f; f()`, "t:1: attempt to call local 'f' (a nil value)"},
	{"call field", `local t = {} t.go()`, "t:1: attempt to call field 'go' (a nil value)"},
	{"call method", `local t = {} t:m()`, "t:1: attempt to call method 'm' (a nil value)"},
	{"call upvalue", `local g = 1; (function() g() end)()`, "t:1: attempt to call upvalue 'g' (a number value)"},
	{"call result", `local function f() end f()()`, "t:1: attempt to call a nil value"},
	{"call number", `local n = 1; n()`, "t:1: attempt to call local 'n' (a number value)"},
	{"call tail", `return foo()`, "t:1: attempt to call global 'foo' (a nil value)"},
	{"call field string key", `local t = {} t["go"]()`, "t:1: attempt to call field 'go' (a nil value)"},
	{"call string method", `("x"):nomethod()`, "t:1: attempt to call method 'nomethod' (a nil value)"},
	{"call via pcall nil", `local ok, e = pcall(nil) error(e, 0)`, "attempt to call a nil value"},
	{"call global table", `local t = {} _G.tbl = {} tbl()`, "t:1: attempt to call global 'tbl' (a table value)"},
	{"arith local string", `local s = "abc"; return s + 1`, "t:1: attempt to perform arithmetic on local 's' (a string value)"},
	{"arith field string", `local t = {n = "abc"} return t.n + 1`, "t:1: attempt to perform arithmetic on field 'n' (a string value)"},
	{"arith nil constant", `return nil + 1`, "t:1: attempt to perform arithmetic on a nil value"},
	{"arith string constant", `return "abc" + 1`, "t:1: attempt to perform arithmetic on a string value"},
	{"arith global", `return undefinedglobal * 2`, "t:1: attempt to perform arithmetic on global 'undefinedglobal' (a nil value)"},
	{"arith second operand", `local a, b = 1, {} return a - b`, "t:1: attempt to perform arithmetic on local 'b' (a table value)"},
	{"arith upvalue", `local u = {}; return (function() return u % 2 end)()`, "t:1: attempt to perform arithmetic on upvalue 'u' (a table value)"},
	{"arith unary local", `local s = "abc"; return -s`, "t:1: attempt to perform arithmetic on local 's' (a string value)"},
	{"arith unary constant", `return -"abc"`, "t:1: attempt to perform arithmetic on constant 'abc' (a string value)"},
	{"arith unary table", `local t = {} return -t`, "t:1: attempt to perform arithmetic on local 't' (a table value)"},
	{"arith pow", `local t = {} return 2 ^ t`, "t:1: attempt to perform arithmetic on local 't' (a table value)"},
	{"arith field via method result", `local t = {} return t.x.y + 1`, "t:1: attempt to index field 'x' (a nil value)"},
	{"compare number nil", `return 1 < nil`, "t:1: attempt to compare number with nil"},
	{"compare tables", `return {} < {}`, "t:1: attempt to compare two table values"},
	{"compare le tables", `return {} <= {}`, "t:1: attempt to compare two table values"},
	{"compare string number", `return "10" < 5`, "t:1: attempt to compare string with number"},
	{"compare number string le", `return 1 <= "x"`, "t:1: attempt to compare number with string"},
	{"compare bool", `return true < false`, "t:1: attempt to compare two boolean values"},
	{"compare mixed metamethods", `local a = setmetatable({}, {__lt = function() return true end}) return a < {}`, "true"},
	{"concat local table", `local s = {} return s .. "x"`, "t:1: attempt to concatenate local 's' (a table value)"},
	{"concat right", `local s = {} return "x" .. s`, "t:1: attempt to concatenate local 's' (a table value)"},
	{"concat middle", `local t = {} return "a" .. t .. "b"`, "t:1: attempt to concatenate local 't' (a table value)"},
	{"concat nil global", `return "a" .. undefinedglobal`, "t:1: attempt to concatenate global 'undefinedglobal' (a nil value)"},
	{"concat field bool", `local t = {f = true} return t.f .. "x"`, "t:1: attempt to concatenate field 'f' (a boolean value)"},
	{"concat upvalue", `local u = {}; return (function() return u .. "" end)()`, "t:1: attempt to concatenate upvalue 'u' (a table value)"},
	{"concat after metamethod", `local m = setmetatable({}, {__concat = function() return {} end}) return "a" .. m .. "b"`, "t:1: attempt to concatenate local 'm' (a table value)"},
	{"len local nil", `local s; return #s`, "t:1: attempt to get length of local 's' (a nil value)"},
	{"len global", `return #undefinedglobal`, "t:1: attempt to get length of global 'undefinedglobal' (a nil value)"},
	{"len number", `local n = 1 return #n`, "t:1: attempt to get length of local 'n' (a number value)"},
	{"len field", `local t = {} return #t.x`, "t:1: attempt to get length of field 'x' (a nil value)"},
	{"for init", `for i = "a", 2 do end`, "t:1: 'for' initial value must be a number"},
	{"for limit", `for i = 1, {} do end`, "t:1: 'for' limit must be a number"},
	{"for step", `for i = 1, 2, nil do end`, "t:1: 'for' step must be a number"},
	{"generic for call", `for k in 5 do end`, "t:1: attempt to call a number value"},
	{"loop in gettable", `local t = {} setmetatable(t, {__index = t}) local u = setmetatable({}, {__index = t}) local m = {} m.__index = m setmetatable(m, m) return m.x`, "t:1: loop in gettable"},
	{"compare le second metamethod", `local a = setmetatable({}, {__le = function() return true end}) return {} <= a`, "true"},
	{"compare lt falls back for le", `local mt = {__lt = function() return false end} local a, b = setmetatable({}, mt), setmetatable({}, mt) return a <= b`, "true"},
	{"eq different metamethods", `local a = setmetatable({}, {__eq = function() return true end}) local b = setmetatable({}, {__eq = function() return true end}) return a == b`, "false"},
	{"multiple assignment", `local x; local a, b; a, b = x.y, 1`, "t:1: attempt to index local 'x' (a nil value)"},
	{"generic for value", `for i, v in ipairs({1}) do v.x() end`, "t:1: attempt to index local 'v' (a number value)"},
	{"self field", `local t = {} function t:m() return self.x.y end return t:m()`, "t:1: attempt to index field 'x' (a nil value)"},
	{"nested upvalue two levels", `local u; return (function() return (function() return u.z end)() end)()`, "t:1: attempt to index upvalue 'u' (a nil value)"},
	{"vararg local", `local a = ...; return a.x`, "t:1: attempt to index local 'a' (a nil value)"},
	{"global then field", `return string.nofield.x`, "t:1: attempt to index field 'nofield' (a nil value)"},
	{"global table call field", `string.nofield()`, "t:1: attempt to call field 'nofield' (a nil value)"},
	{"deep assignment", `local a = {b = {}} a.b.c.d = 1`, "t:1: attempt to index field 'c' (a nil value)"},
	{"error inside __index function", `local t = setmetatable({}, {__index = function(t, k) local n; return n.k end}) return t.x`, "t:1: attempt to index local 'n' (a nil value)"},
	{"error inside __add", `local t = setmetatable({}, {__add = function(a, b) return a.q.r end}) return t + 1`, "t:1: attempt to index field 'q' (a nil value)"},
	{"__index function result called", `local t = setmetatable({}, {__index = function() return nil end}) t.go()`, "t:1: attempt to call field 'go' (a nil value)"},
	{"__newindex chain to number", `local t = setmetatable({}, {__newindex = 7}) t.x = 1`, "t:1: attempt to index a number value"},
	{"index in coroutine", `local co = coroutine.create(function() local q; return q.w end) local ok, e = coroutine.resume(co) error(e, 0)`, "t:1: attempt to index local 'q' (a nil value)"},
	{"call local after reassign", `local f = print; f = nil; f()`, "t:1: attempt to call local 'f' (a nil value)"},
	{"call parenthesised", `local t = {} (t.f)()`, "t:1: attempt to call field 'f' (a nil value)"},
	{"call upvalue method", `local o = {} ; (function() o:go() end)()`, "t:1: attempt to call method 'go' (a nil value)"},
	{"arith in return of nested call", `local function f() return {} end return f() + 1`, "t:1: attempt to perform arithmetic on a table value"},
	{"len upvalue", `local u; return (function() return #u end)()`, "t:1: attempt to get length of upvalue 'u' (a nil value)"},
	{"concat number and nil local", `local n = 1; local z; return n .. z`, "t:1: attempt to concatenate local 'z' (a nil value)"},
	{"unm global", `return -undefinedglobal`, "t:1: attempt to perform arithmetic on global 'undefinedglobal' (a nil value)"},
	{"loop local reuse", `do local a = 1 end local b; return b.c`, "t:1: attempt to index local 'b' (a nil value)"},
	{"call field chain", `local a = {b = {}} a.b.c()`, "t:1: attempt to call field 'c' (a nil value)"},
	{"call indexed by local string", `local t, k = {}, "go" t[k]()`, "t:1: attempt to call field '?' (a nil value)"},
	{"call string constant method", `("x"):foo()`, "t:1: attempt to call method 'foo' (a nil value)"},
	{"call result of method", `local t = {m = function() end} t:m()()`, "t:1: attempt to call a nil value"},
	{"local _ENV global", `local _ENV = {print = print} return undefinedglobal.x`, "t:1: attempt to index global 'undefinedglobal' (a nil value)"},
	{"local _ENV call", `local _ENV = {} foo()`, "t:1: attempt to call global 'foo' (a nil value)"},
	{"upvalue _ENV", `local _ENV = {} return (function() return zzz.y end)()`, "t:1: attempt to index global 'zzz' (a nil value)"},
	{"arith with folded constant", `return 2 * (3 + {})`, "t:1: attempt to perform arithmetic on a table value"},
	{"concat many", `local a, b = "x", nil return a .. "y" .. b .. "z"`, "t:1: attempt to concatenate local 'b' (a nil value)"},
	{"index after and", `local t = nil return (t and t.x).y`, "t:1: attempt to index a nil value"},
	{"index after or", `local t = nil return (t or nil).y`, "t:1: attempt to index a nil value"},
	{"setlist element call", `local t = {1, 2, nil} return t[3]()`, "t:1: attempt to call field '?' (a nil value)"},
	{"vararg call", `local f = ... f()`, "t:1: attempt to call local 'f' (a nil value)"},
	{"self on number", `local n = 5 n:foo()`, "t:1: attempt to index local 'n' (a number value)"},
	{"index global after reassign", `x = nil; return x.y`, "t:1: attempt to index global 'x' (a nil value)"},
	{"tail call method", `local t = {} return t:nope()`, "t:1: attempt to call method 'nope' (a nil value)"},
	{"numeric for var", `for i = 1, 1 do return i.x end`, "t:1: attempt to index local 'i' (a number value)"},
	{"while local", `local i = 0 while true do local z; i = i + 1 if i > 1 then return z.q end end`, "t:1: attempt to index local 'z' (a nil value)"},
	{"repeat local", `repeat local w; return w.e until true`, "t:1: attempt to index local 'w' (a nil value)"},
	{"nested table ctor", `return {a = {}.b.c}`, "attempt to call a nil value"},
	{"goto scope", `do goto l end ::l:: local q; return q.x`, "t:1: attempt to index local 'q' (a nil value)"},
}

// errorProgram runs each case under pcall and prints its message, one line
// per case.
func errorProgram(cases []errorCase) string {
	var b strings.Builder
	for _, c := range cases {
		b.WriteString("do local ok, e = pcall(load([==[" + c.src + "]==], \"=t\")) print((tostring(e):gsub(\"\\n\", \"\\\\n\"))) end\n")
	}
	return b.String()
}

func checkErrorCases(t *testing.T, cases []errorCase) {
	t.Helper()
	tm := newTestMachine(t, Options{})
	for _, c := range cases {
		if err := tm.run(errorProgram([]errorCase{c})); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := strings.TrimSuffix(tm.output(), "\n"); got != c.want {
			t.Errorf("%s: %s\n got %q\nwant %q", c.name, c.src, got, c.want)
		}
	}
}

// checkLua52 runs the cases on lua5.2, to keep the embedded texts honest.
func checkLua52(t *testing.T, cases []errorCase) {
	t.Helper()
	if _, err := exec.LookPath("lua5.2"); err != nil {
		t.Skip("lua5.2 not installed")
	}
	cmd := exec.Command("lua5.2", "-")
	cmd.Stdin = strings.NewReader(errorProgram(cases))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("lua5.2 printed %d lines for %d cases", len(lines), len(cases))
	}
	for i, c := range cases {
		if lines[i] != c.want {
			t.Errorf("%s: lua5.2 says %q, table says %q", c.name, lines[i], c.want)
		}
	}
}

func TestRuntimeErrorTexts(t *testing.T) { checkErrorCases(t, runtimeErrorCases) }

func TestRuntimeErrorTextsLua52(t *testing.T) { checkLua52(t, runtimeErrorCases) }
