package lstring

import (
	"math"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

func TestFormatNumber(t *testing.T) {
	negNaN := math.Float64frombits(math.Float64bits(math.NaN()) | 1<<63)
	posNaN := math.Float64frombits(math.Float64bits(math.NaN()) &^ (1 << 63))
	for _, c := range []struct {
		f    float64
		want string
	}{
		{100, "100"}, {-5, "-5"}, {0, "0"}, {math.Copysign(0, -1), "-0"},
		{1e15, "1e+15"}, {1e14, "1e+14"}, {99999999999999, "99999999999999"},
		{1e100, "1e+100"}, {0.1 + 0.2, "0.3"}, {1.0 / 3, "0.33333333333333"},
		{math.Pow(2, 63), "9.2233720368548e+18"}, {math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"}, {negNaN, "-nan"}, {posNaN, "nan"},
		{0.0001, "0.0001"}, {0.00001, "1e-05"}, {123456.789, "123456.789"},
		{-1.5, "-1.5"}, {2.5e-300, "2.5e-300"}, {math.MaxFloat64, "1.7976931348623e+308"},
		{5e-324, "4.9406564584125e-324"}, {1234567890123456, "1.2345678901235e+15"},
	} {
		if got := FormatNumber(c.f); got != c.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", c.f, got, c.want)
		}
	}
}

func TestToString(t *testing.T) {
	for _, c := range []struct {
		v    lua.LValue
		want string
	}{
		{lua.LNumber(0.5), "0.5"}, {lua.LString("x"), "x"}, {lua.LTrue, "true"},
		{lua.LFalse, "false"}, {lua.LNil, "nil"}, {lua.LNumber(1e15), "1e+15"},
	} {
		if got := ToString(c.v); got != c.want {
			t.Errorf("ToString(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	if got := ToString(&lua.LTable{}); !strings.HasPrefix(got, "table: 0x") {
		t.Errorf("ToString(table) = %q", got)
	}
}

// TestSnippets checks Lua-level behaviour against fixed expectations, so it
// runs even without lua5.2.
func TestSnippets(t *testing.T) {
	for _, c := range []struct{ code, want string }{
		{`1/3, 0.1+0.2, 1e15, 2^63, -0.0, 1/0, -1/0`, "0.33333333333333\t0.3\t1e+15\t9.2233720368548e+18\t-0\tinf\t-inf\n"},
		{`tostring(100), tostring(1e100)`, "100\t1e+100\n"},
		{`string.format("%q", "a\nb\0c")`, "\"a\\\nb\\0c\"\n"},
		{`string.format("%q", "\r\0001")`, "\"\\13\\0001\"\n"},
		{`string.format("%5.2f|%-10s|%x|%g|%s", 3.14159, "ab", 255, 1e20, 1/3)`, " 3.14|ab        |ff|1e+20|0.33333333333333\n"},
		{`string.format("%d", 3.7)`, "3\n"},
		{`string.format("%d", "x")`, "ERR: case:1: bad argument #2 to 'format' (number expected, got string)\n"},
		{`string.format("%y", 1)`, "ERR: case:1: invalid option '%y' to 'format'\n"},
		{`string.rep()`, "ERR: case:1: bad argument #1 to 'rep' (string expected, got no value)\n"},
		{`string.rep("x")`, "ERR: case:1: bad argument #2 to 'rep' (number expected, got no value)\n"},
		{`("x"):rep()`, "ERR: case:1: bad argument #1 to 'rep' (number expected, got no value)\n"},
		{`string.rep("ab", 3, ",")`, "ab,ab,ab\n"},
		{`("x"):rep(3)`, "xxx\n"},
		{`string.rep("x", 1e9)`, "ERR: not enough memory\n"}, // past alloc_test.go's limit
		{`string.find("abc", "b", -1)`, "nil\n"},
		{`string.gsub(string.rep("x", 20000), "", string.rep("y", 20000))`, "ERR: not enough memory\n"},
		{`string.find("abc", "", 10)`, "nil\n"},
		{`string.find("abc", "", 4)`, "4\t3\n"},
		{`string.find("a+b", "+", 1, true)`, "2\t2\n"},
		{`string.match("key = val", "(%w+)%s*=%s*(%w+)")`, "key\tval\n"},
		{`string.match("hello", "()ll()")`, "3\t5\n"},
		{`string.match("THE (quick) fox", "%f[%a]%a+", 5)`, "quick\n"},
		{`string.match("x(a(b)c)y", "%b()")`, "(a(b)c)\n"},
		{`string.match("abab", "(ab)%1")`, "ab\n"},
		{`string.match("a", "%")`, "ERR: case:1: malformed pattern (ends with '%')\n"},
		{`string.match("a", "[a")`, "ERR: case:1: malformed pattern (missing ']')\n"},
		{`string.match("a", "%fa")`, "ERR: case:1: missing '[' after '%f' in pattern\n"},
		{`string.match("a", "%1")`, "ERR: case:1: invalid capture index %1\n"},
		{`string.match("a", "a)")`, "ERR: case:1: invalid pattern capture\n"},
		{`string.match("a", "(a")`, "ERR: case:1: unfinished capture\n"},
		{`string.find(("a"):rep(300), ("a?"):rep(300))`, "ERR: case:1: pattern too complex\n"},
		{`string.gsub("hello world", "(%w+)", "<%1>")`, "<hello> <world>\t2\n"},
		{`string.gsub("abc", "", "-")`, "-a-b-c-\t4\n"},
		{`string.gsub("abc", "%w", "%2")`, "ERR: case:1: invalid capture index\n"},
		{`string.gsub("abc", "%w", "%x")`, "xxx\t3\n"},
		{`string.gsub("a.b", "%.", "%%%.")`, "a%.b\t1\n"},
		{`string.gsub("abc", "%w", "%")`, "ERR: case:1: invalid use of '%' in replacement string\n"},
		{`string.gsub("abc", "%w", {a = 1, b = true})`, "ERR: case:1: invalid replacement value (a boolean)\n"},
		{`string.gsub("abc", "%w", {a = 1.5, c = false})`, "1.5bc\t3\n"},
		{`string.gsub("abc", "%w", function(c) return c:upper() end, 2)`, "ABc\t2\n"},
		{`for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do out(k, v) end`, "a\t1\nb\t2\n"},
		{`tostring(setmetatable({}, {__tostring = function() return "T" end}))`, "T\n"},
		{`string.format("%s", setmetatable({}, {__tostring = function() return "T" end}))`, "T\n"},
	} {
		if got := runGo(c.code); got != c.want {
			t.Errorf("%s\n got: %q\nwant: %q", c.code, got, c.want)
		}
	}
}

// TestInterrupt checks that runaway patterns are abandoned promptly once
// the interrupt callback asks, with the callback's error.
func TestInterrupt(t *testing.T) {
	for _, code := range []string{
		`return string.find(string.rep("a", 1e5), ".-.-.-.-b")`,
		`return string.match(string.rep("a", 40) .. "c", string.rep("a*", 20) .. "b")`,
		`return string.gsub(string.rep("a", 40) .. "c", string.rep("a*", 20) .. "b", "x")`,
		`for x in string.gmatch(string.rep("a", 1e5), ".-.-.-b") do end`,
	} {
		var stop atomic.Bool
		var calls atomic.Int64
		L, _ := newState(func(L *lua.LState) {
			calls.Add(1)
			if stop.Load() {
				L.RaiseError("Too long without yielding")
			}
		})
		done := make(chan error, 1)
		go func() { done <- L.DoString(code) }()
		// Ask once the matcher is running (it has called back twice): the
		// next callback must stop it, whatever the machine's load.
		for deadline := time.Now().Add(5 * time.Second); calls.Load() < 2 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		stop.Store(true)
		asked := calls.Load()
		select {
		case err := <-done:
			t.Logf("%s: %d interrupt calls", code, calls.Load())
			if err == nil || !strings.Contains(err.Error(), "Too long without yielding") {
				t.Errorf("%s: err = %v", code, err)
			}
			if after := calls.Load() - asked; after > 1 {
				t.Errorf("%s: %d more interrupt calls after asking", code, after)
			}
			if calls.Load() < 2 {
				t.Errorf("%s: interrupt called %d times", code, calls.Load())
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: not interrupted", code)
		}
		L.Close()
	}
}

// TestMethodCallDetection guards the gopher-lua opcode numbers used to
// renumber arguments of ':' calls.
func TestMethodCallDetection(t *testing.T) {
	for _, c := range []struct{ code, want string }{
		{`local s = "x" return s:rep()`, "bad argument #1 to 'rep'"},
		{`local s = "x" return s:rep(s:len() + #s, {})`, "bad argument #2 to 'rep'"},
		{`local t = {rep = string.rep} return t:rep(1)`, "calling 'rep' on bad self (string expected, got table)"},
		{`return string.rep("x")`, "bad argument #2 to 'rep'"},
		{`local r = string.rep return r("x", {})`, "bad argument #2 to 'r'"},
		{"local s = 'x'\nlocal a = s:rep(1)\nreturn s.rep(s)", "bad argument #2 to 'rep'"},
	} {
		L, _ := newState(nil)
		err := L.DoString(c.code)
		L.Close()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.code, err, c.want)
		}
	}
}

func TestOpenMetatable(t *testing.T) {
	L, _ := newState(nil)
	defer L.Close()
	if err := L.DoString(`assert(("%5.1f"):format(1/3) == "  0.3") assert(("ab"):rep(2, "-") == "ab-ab")
		assert(tostring(0.1 + 0.2) == "0.3") assert(string.gmatch == string.gfind or string.gfind == nil)`); err != nil {
		t.Fatal(err)
	}
}
