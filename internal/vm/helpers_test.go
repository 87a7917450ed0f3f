package vm

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// testMachine is a bare machine with a print that collects its output.
type testMachine struct {
	*Machine
	mu     sync.Mutex
	out    strings.Builder
	closed sync.Once
}

// Close closes the machine once (tests may close before the cleanup).
func (tm *testMachine) Close() { tm.closed.Do(tm.Machine.Close) }

func newTestMachine(t testing.TB, opts Options) *testMachine {
	t.Helper()
	tm := &testMachine{Machine: New(context.Background(), opts)}
	tm.L.SetGlobal("print", tm.L.NewFunction(func(L *lua.LState) int {
		parts := make([]string, L.GetTop())
		for i := range parts {
			parts[i] = ToString(L, L.Get(i+1))
		}
		tm.mu.Lock()
		tm.out.WriteString(strings.Join(parts, "\t") + "\n")
		tm.mu.Unlock()
		return 0
	}))
	t.Cleanup(tm.Close)
	return tm
}

func (tm *testMachine) output() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	s := tm.out.String()
	tm.out.Reset()
	return s
}

// run runs src as a top-level coroutine (as the bios runs), so that yields
// work everywhere; a yield that reaches the host ends the run with an error.
func (tm *testMachine) run(src string) error {
	fn, err := tm.Load(src, "=test")
	if err != nil {
		return err
	}
	co, h := tm.NewCoroutine(fn)
	vals, ok := tm.RunHost(co, nil)
	defer runtime.KeepAlive(h)
	if !ok {
		return luaError{ToString(tm.L, vals[0])}
	}
	if co.Status() != Dead {
		return luaError{"yielded to the host"}
	}
	return nil
}

type luaError struct{ msg string }

func (e luaError) Error() string { return e.msg }

// luaCase is one program with the output and error it must produce.
type luaCase struct {
	name, src, want string
	err             string // expected error text ("" = must succeed)
}

func runCases(t *testing.T, cases []luaCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tm := newTestMachine(t, Options{})
			err := tm.run(c.src)
			got := tm.output()
			switch {
			case c.err == "" && err != nil:
				t.Fatalf("error: %v\noutput:\n%s", err, got)
			case c.err != "" && (err == nil || err.Error() != c.err):
				t.Fatalf("error = %v, want %q\noutput:\n%s", err, c.err, got)
			}
			if got != c.want {
				t.Fatalf("output:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// waitFor polls cond for up to d.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}
