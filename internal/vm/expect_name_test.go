package vm

import (
	"os"
	"testing"
)

// cc.expect names the checked function from debug.getinfo(3, "nS"): a main
// chunk has no name (PUC's getfuncname), so an error there reads
// "bad argument #1 (...)", not "bad argument #1 to 'main chunk' (...)".
func TestExpectNamesCaller(t *testing.T) {
	src, err := os.ReadFile("../../rom/modules/main/cc/expect.lua")
	if err != nil {
		t.Fatal(err)
	}
	tm := newTestMachine(t, Options{})
	fn, err := tm.Load(string(src), "=expect.lua")
	if err != nil {
		t.Fatal(err)
	}
	tm.L.Push(fn)
	tm.L.Call(0, 1)
	tm.L.SetGlobal("cc_expect", tm.L.Get(-1))
	tm.L.Pop(1)
	cases := []struct{ name, src, want string }{
		{"main chunk", `local expect = cc_expect.expect
print(select(2, pcall(function() expect(1, nil, "string") end)))
expect(2, nil, "string")`, "bad argument #2 (string expected, got nil)"},
		{"local function", `local expect = cc_expect.expect
local function f(x) expect(1, x, "string") end
f(nil)`, "test:3: bad argument #1 to 'f' (string expected, got nil)"},
		{"global function", `local expect = cc_expect.expect
function g(x, y) expect(2, y, "number", "nil") end
g(1, "s")`, "test:3: bad argument #2 to 'g' (number expected, got string)"},
		{"method", `local expect = cc_expect.expect
local obj = {}
function obj:m(x) expect(1, x, "table") end
obj:m(5)`, "test:4: bad argument #1 to 'm' (table expected, got number)"},
	}
	// What any ROM's expect sees: CC:Tweaked's takes info.name as it is.
	runCases(t, []luaCase{{name: "getinfo(3) from a helper", src: `local function helper() return pcall(debug.getinfo, 3, "nS") end
local ok, info = helper()
print(ok, info.name, info.namewhat, info.what)
local function f() local ok, info = helper() return info.name, info.namewhat end
print(f())`, want: "true\tnil\t\tmain\nf\tlocal\n"}})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := tm.run(c.src)
			tm.output()
			if err == nil || err.Error() != c.want {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}
