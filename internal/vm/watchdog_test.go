package vm

import (
	"runtime"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// The abort reaches running code through the fork's interrupt hook
// (lua.SetInterruptHandler, checked before every instruction): in loops,
// tail calls and under pcall.
func TestAbortHookInstalled(t *testing.T) {
	tm := newTestMachine(t, Options{})
	tm.L.SetGlobal("abort", tm.L.NewFunction(func(L *lua.LState) int {
		tm.setAbort(abortSoft)
		return 0
	}))
	err := tm.run(`print(pcall(function() abort() while true do end end)) print("after")`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tm.output(), "false\ttest:1: Too long without yielding\nafter\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	err = tm.run(`abort() local n = 0 for i = 1, 1e12 do n = n + i end`)
	if err == nil || err.Error() != "test:1: Too long without yielding" {
		t.Fatalf("numeric for: %v", err)
	}
	err = tm.run(`abort() local function f(n) return f(n + 1) end f(1)`)
	if err == nil || !strings.HasSuffix(err.Error(), "Too long without yielding") {
		t.Fatalf("tail calls: %v", err)
	}
}

func watchdogMachine(t *testing.T) *testMachine {
	return newTestMachine(t, Options{Watchdog: 150 * time.Millisecond, HardAbortAfter: 300 * time.Millisecond})
}

func TestWatchdogSoftAbortIsCatchable(t *testing.T) {
	tm := watchdogMachine(t)
	start := time.Now()
	err := tm.run(`print(pcall(function() while true do end end)) print("carried on")`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tm.output(), "false\ttest:1: Too long without yielding\ncarried on\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if d := time.Since(start); d < 150*time.Millisecond || d > 2*time.Second {
		t.Fatalf("soft abort after %v, want about 150ms", d)
	}
	if tm.HardAborted() {
		t.Fatal("hard abort after a soft one that was handled")
	}
}

func TestWatchdogUncaughtSoftAbortEndsTheRun(t *testing.T) {
	tm := watchdogMachine(t)
	err := tm.run(`while true do end`)
	if err == nil || err.Error() != "test:1: Too long without yielding" {
		t.Fatalf("got %v", err)
	}
}

func TestWatchdogHardAbort(t *testing.T) {
	tm := watchdogMachine(t)
	start := time.Now()
	// Catches the soft abort and keeps going without yielding: the hard
	// abort passes through every pcall.
	err := tm.run(`
		local caught = 0
		while true do
			local ok, e = pcall(function() while true do end end)
			caught = caught + 1
			if caught == 1 then print(e) end
		end`)
	d := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "Too long without yielding") {
		t.Fatalf("got %v", err)
	}
	if !tm.HardAborted() {
		t.Fatal("HardAborted is false")
	}
	if d < 450*time.Millisecond || d > 3*time.Second {
		t.Fatalf("hard abort after %v, want about 150ms + 300ms", d)
	}
	if got := tm.output(); got != "test:4: Too long without yielding\n" {
		t.Fatalf("output %q", got)
	}
}

// Only yields that reach the host reset the window; a program that keeps
// pulling events is never aborted, one that only yields to its own
// coroutines is.
func TestWatchdogWindow(t *testing.T) {
	t.Run("host yields reset it", func(t *testing.T) {
		tm := watchdogMachine(t)
		fn, err := tm.Load(`
			for i = 1, 6 do
				local t = os_clock() while os_clock() - t < 0.05 do end
				coroutine.yield()
			end
			return "ok"`, "=window")
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		tm.L.SetGlobal("os_clock", tm.L.NewFunction(func(L *lua.LState) int {
			L.Push(lua.LNumber(time.Since(start).Seconds()))
			return 1
		}))
		co, h := tm.NewCoroutine(fn)
		for i := 0; co.Status() != Dead; i++ {
			vals, ok := tm.RunHost(co, nil)
			if !ok {
				t.Fatalf("resume %d: %v", i, vals)
			}
		}
		runtime.KeepAlive(h)
	})
	t.Run("nested yields do not", func(t *testing.T) {
		tm := watchdogMachine(t)
		err := tm.run(`
			local co = coroutine.wrap(function() while true do coroutine.yield() end end)
			print(pcall(function() while true do co() end end))`)
		if err != nil {
			t.Fatal(err)
		}
		if got := tm.output(); !strings.HasSuffix(got, "Too long without yielding\n") {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("inside a nested coroutine", func(t *testing.T) {
		tm := watchdogMachine(t)
		err := tm.run(`print(coroutine.resume(coroutine.create(function() while true do end end)))`)
		if err != nil {
			t.Fatal(err)
		}
		if got := tm.output(); got != "false\ttest:1: Too long without yielding\n" {
			t.Fatalf("got %q", got)
		}
	})
}

// Pattern matching runs in Go; internal/lstring checks the watchdog every
// few thousand steps.
func TestWatchdogStopsLongPatternMatches(t *testing.T) {
	tm := watchdogMachine(t)
	start := time.Now()
	// Takes seconds in PUC Lua too (backtracking over 6 lazy repeats).
	err := tm.run(`print(pcall(string.find, string.rep("a", 60), string.rep(".-", 6) .. "b"))`)
	if err != nil {
		t.Fatal(err)
	}
	if got := tm.output(); !strings.HasPrefix(got, "false\t") || !strings.HasSuffix(got, "Too long without yielding\n") {
		t.Fatalf("got %q", got)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("the match ran %v before stopping", d)
	}
	for _, src := range []string{
		`string.gsub(string.rep("a", 60), string.rep(".-", 6) .. "b", "")`,
		`for _ in string.gmatch(string.rep("a", 60), string.rep(".-", 6) .. "b") do end`,
		`string.match(string.rep("a", 60), string.rep(".-", 6) .. "b")`,
	} {
		tm := watchdogMachine(t)
		if err := tm.run(src); err == nil || !strings.HasSuffix(err.Error(), "Too long without yielding") {
			t.Fatalf("%s: %v", src, err)
		}
	}
}

// A program waiting for a weak table to empty (gopher-lua's tables are
// strong, see README) calls collectgarbage without end: the watchdog must
// still stop it.
func TestWatchdogStopsCollectgarbageLoop(t *testing.T) {
	tm := watchdogMachine(t)
	err := tm.run(`local t = setmetatable({}, {__mode = "k"}) t[{}] = 1
repeat collectgarbage() until next(t) == nil`)
	if err == nil || !strings.HasSuffix(err.Error(), ErrTooLongWithoutYielding) {
		t.Fatalf("err = %v", err)
	}
}
