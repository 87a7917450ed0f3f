package vm

import (
	"context"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// runChunk compiles and runs src on a fresh machine and returns its first
// result as text.
func runChunk(t *testing.T, src string) string {
	t.Helper()
	m := New(context.Background(), Options{})
	defer m.Close()
	fn, err := m.Load(src, "=test")
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	m.L.Push(fn)
	if err := m.L.PCall(0, 1, nil); err != nil {
		t.Fatalf("run: %v", err)
	}
	return lua.LVAsString(m.L.Get(-1))
}

func TestMultipleAssignmentEvaluatesBeforeAssigning(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"swap locals", `local x, y = 1, 2; x, y = y, x; return x .. "," .. y`, "2,1"},
		{"nil then old value", `local a, b = 1, 2; a, b = nil, a; return tostring(a) .. "," .. b`, "nil,1"},
		{"arithmetic on both sides", `local a, b = 0, 0; a, b = a + 1, a + b; return a .. "," .. b`, "1,0"},
		{"swap globals", `X, Y = 1, 2; X, Y = Y, X; return X .. "," .. Y`, "2,1"},
		{"swap table fields", `local t = {1, 2}; t[1], t[2] = t[2], t[1]; return t[1] .. "," .. t[2]`, "2,1"},
		{"index uses old key", `local i, t = 1, {}; i, t[i] = i + 1, 20; return i .. "," .. tostring(t[1]) .. "," .. tostring(t[2])`, "2,20,nil"},
		{"key local assigned too", `local i, t = 1, {}; t[i], i = 20, 30; return tostring(t[1]) .. "," .. i`, "20,30"},
		{"multret fills the rest", `local function f() return 7, 8, 9 end; local p, q, r; p, q, r = 0, f(); return p .. q .. r`, "078"},
		{"missing values are nil", `local p, q = 1, 2; p, q = 5; return p .. "," .. tostring(q)`, "5,nil"},
		{"extra values evaluated", `local n = 0; local function g() n = n + 1 return n end; local a, b; a, b = 1, 2, g(); return a .. b .. n`, "121"},
		{"same target twice keeps the first", `local t = {}; t.x, t.x = 1, 2; return t.x`, "1"},
		{"inside functions and loops", `local s = 0; for i = 1, 3 do local a, b = i, 0; a, b = b, a; s = s + b end; return s`, "6"},
		{"closure sees the assignment", `local x, y = 1, 2; local function get() return x .. y end; x, y = y, x; return get()`, "21"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := runChunk(t, c.src); got != c.want {
				t.Fatalf("%s: got %q, want %q", c.src, got, c.want)
			}
		})
	}
}

func TestRewriteKeepsLineNumbers(t *testing.T) {
	src := "local a, b = 1, 2\na, b = b, a\n\nerror('here')"
	m := New(context.Background(), Options{})
	defer m.Close()
	fn, err := m.Load(src, "=chunk")
	if err != nil {
		t.Fatal(err)
	}
	m.L.Push(fn)
	err = m.L.PCall(0, 0, nil)
	if err == nil || asAPIError(err).Object.String() != "chunk:4: here" {
		t.Fatalf("error %v, want chunk:4: here", err)
	}
}

func TestEnvReadsTheRunningFunctionsEnvironment(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"chunk environment", `return tostring(_ENV == _G)`, "true"},
		{"globals through it", `x = 5 return _ENV.x .. tostring(_ENV.print == print)`, "5true"},
		{"as an __index", `local t = setmetatable({}, {__index = _ENV}) return tostring(t.tostring == tostring)`, "true"},
		{"load with env", `local env = {} local f = load("y = 1 return _ENV", "=s", "t", env) return tostring(f() == env) .. rawget(env, "y")`, "true1"},
		{"setfenv'd function", `local env = {} local function f() return _ENV end setfenv(f, env) return tostring(f() == env)`, "true"},
		{"nested closure", `local function f() return function() return _ENV end end return tostring(f()() == _G)`, "true"},
		{"or-expression", `local e = _ENV or 1 return tostring(e == _G)`, "true"},
		{"as an argument", `return tostring(rawequal(_ENV, _G))`, "true"},
		{"declared local: left alone", `local _ENV = {tostring = tostring} return tostring(_ENV.tostring ~= nil)`, "true"},
		{"assigned global: left alone", `_ENV = 1 return tostring(_ENV)`, "1"},
		// The getter is out of sight: pairs(string) lists string's functions only.
		{"string library unchanged", `local n = 0 for k in pairs(string) do if k:find("%z") then n = n + 1 end end return n .. tostring(string.env)`, "0nil"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := runChunk(t, c.src); got != c.want {
				t.Fatalf("%s: got %q, want %q", c.src, got, c.want)
			}
		})
	}
}
