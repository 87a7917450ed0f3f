package luaarg

import (
	"math"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// newState gives a state whose str.rep checks its arguments as PUC's
// string.rep does, and whose strings index str, so the expected texts are
// lua5.2's for the same code with str = string.
func newState(t *testing.T) *lua.LState {
	L := lua.NewState()
	t.Cleanup(L.Close)
	str := L.NewTable()
	str.RawSetString("rep", L.NewFunction(func(L *lua.LState) int {
		s := CheckString(L, 1, "string.rep")
		n := CheckInteger(L, 2, "string.rep")
		L.Push(lua.LString(strings.Repeat(s, int(max(n, 0)))))
		return 1
	}))
	// A CraftOS native: no function name, self counted.
	str.RawSetString("native", L.NewFunction(func(L *lua.LState) int {
		if _, ok := L.Get(1).(lua.LNumber); !ok {
			ArgError(L, 1, "", "number expected, got "+TypeName(L, L.Get(1)))
		}
		return 0
	}))
	L.SetGlobal("str", str)
	mt := L.NewTable()
	mt.RawSetString("__index", str)
	L.SetMetatable(lua.LString(""), mt)
	return L
}

// run runs src as chunk "t" and returns its result or error text.
func run(t *testing.T, L *lua.LState, src string) string {
	fn, err := L.Load(strings.NewReader(src), "t")
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	L.Push(fn)
	if err := L.PCall(0, 1, nil); err != nil {
		return "error: " + err.(*lua.ApiError).Object.String()
	}
	r := L.Get(-1)
	L.Pop(1)
	return r.String()
}

func TestArgErrorTexts(t *testing.T) {
	// Expected values: lua5.2 with str = string.
	for _, c := range []struct{ src, want string }{
		{`return str.rep()`, "error: t:1: bad argument #1 to 'rep' (string expected, got no value)"},
		{`return str.rep("x", {})`, "error: t:1: bad argument #2 to 'rep' (number expected, got table)"},
		{`local r = str.rep; return r("x", "y")`, "error: t:1: bad argument #2 to 'r' (number expected, got string)"},
		{`local t = {rep = str.rep}; return t:rep(1)`, "error: t:1: calling 'rep' on bad self (string expected, got table)"},
		{`local t = {rep = str.rep}; return t:rep("x", true)`, "error: t:1: calling 'rep' on bad self (string expected, got table)"},
		{`local t = {rep = str.rep}; return t.rep(t)`, "error: t:1: bad argument #1 to 'rep' (string expected, got table)"},
		{`return ("x"):rep({})`, "error: t:1: bad argument #1 to 'rep' (number expected, got table)"},
		{`return str.rep("x", nil)`, "error: t:1: bad argument #2 to 'rep' (number expected, got nil)"},
		{`return str.rep("x", "0x3")`, "xxx"},
		{`return str.rep(12, 2.9)`, "1212"},
		{`return select(2, pcall(str.rep))`, "bad argument #1 to 'string.rep' (string expected, got no value)"},
		{`return select(2, pcall(str.rep, "x", "1e"))`, "bad argument #2 to 'string.rep' (number expected, got string)"},
		// CraftOS's native text (CC:Tweaked): no name, self not discounted.
		{`return str.native("x")`, "error: t:1: bad argument #1 (number expected, got string)"},
		{`local t = {f = str.native}; return t:f()`, "error: t:1: bad argument #1 (number expected, got table)"},
		{`return select(2, pcall(str.native))`, "bad argument #1 (number expected, got nil)"},
	} {
		if got := run(t, newState(t), c.src); got != c.want {
			t.Errorf("%s\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}

func TestTypeNameHonoursName(t *testing.T) {
	L := newState(t)
	got := run(t, L, `return str.rep(setmetatable({}, {__name = "MyType"}))`)
	if want := "error: t:1: bad argument #1 to 'rep' (string expected, got MyType)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRaisePosition(t *testing.T) {
	L := newState(t)
	L.SetGlobal("fail", L.NewFunction(func(L *lua.LState) int {
		Raise(L, "%d%% wrong", 100)
		return 0
	}))
	L.SetGlobal("literal", L.NewFunction(func(L *lua.LState) int {
		RaiseText(L, "100% literal")
		return 0
	}))
	for src, want := range map[string]string{
		"\n\nfail()":                    "error: t:3: 100% wrong",
		"return select(2, pcall(fail))": "100% wrong",
		"literal()":                     "error: t:1: 100% literal",
	} {
		if got := run(t, L, src); got != want {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}

func TestOptAndInteger(t *testing.T) {
	L := lua.NewState()
	defer L.Close()
	L.Push(lua.LNil)
	L.Push(lua.LString(" 0x10 "))
	if got := OptInteger(L, 1, "f", 7); got != 7 {
		t.Errorf("OptInteger(nil) = %d", got)
	}
	if got := OptString(L, 3, "f", "d"); got != "d" {
		t.Errorf("OptString(absent) = %q", got)
	}
	if got := OptNumber(L, 2, "f", 0); got != 16 {
		t.Errorf("OptNumber(%q) = %v", " 0x10 ", got)
	}
	for f, want := range map[float64]int64{2.9: 2, -2.9: -2, 1e300: math.MinInt64, math.NaN(): math.MinInt64} {
		if got := ToInteger(f); got != want {
			t.Errorf("ToInteger(%v) = %d, want %d", f, got, want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		s  string
		f  float64
		ok bool
	}{
		{"10", 10, true}, {" 10 ", 10, true}, {"0x10", 16, true}, {"-0x10", -16, true},
		{"0x1p4", 16, true}, {"0x.8", 0.5, true}, {"1e2", 100, true}, {".5", 0.5, true},
		{"5.", 5, true}, {"inf", 0, false}, {"nan", 0, false}, {"1_0", 0, false},
		{"", 0, false}, {"0x", 0, false}, {"1e", 0, false}, {"abc", 0, false},
		{"1e400", math.Inf(1), true}, {"\t\n12\r", 12, true},
	} {
		f, ok := ParseNumber(c.s)
		if ok != c.ok || (ok && f != c.f) {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", c.s, f, ok, c.f, c.ok)
		}
	}
}
