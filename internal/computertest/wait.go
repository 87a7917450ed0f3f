package computertest

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// Patience is how long tests wait for something that should happen at once:
// long enough for a loaded 2-core machine under -race, since a test must
// never depend on the machine being idle.
const Patience = 20 * time.Second

// Eventually polls cond until it holds and reports whether it did within
// Patience.
func Eventually(cond func() bool) bool {
	deadline := time.Now().Add(Patience)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

// WaitOutput waits until the running program has printed want; the test
// fails if it stops first without having printed it, or takes longer than
// Patience.
func (r *Running) WaitOutput(t testing.TB, want string) {
	t.Helper()
	stopped := false
	ok := Eventually(func() bool {
		if strings.Contains(r.Stdout(), want) {
			return true
		}
		select {
		case <-r.done:
			stopped = true
			return true
		default:
			return false
		}
	})
	switch {
	case strings.Contains(r.Stdout(), want):
	case stopped:
		t.Fatalf("the computer stopped without printing %q; stdout:\n%s\nstderr:\n%s", want, r.Stdout(), r.Stderr())
	case !ok:
		t.Fatalf("no %q within %v; stdout:\n%s\nstderr:\n%s", want, Patience, r.Stdout(), r.Stderr())
	}
}

// CheckGoroutines fails the test if goroutines started during it outlive
// it (a few stragglers of the runtime and test clients are allowed). Call it
// first, so its cleanup runs after every other one.
func CheckGoroutines(t testing.TB) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		if !Eventually(func() bool { return runtime.NumGoroutine() <= before+3 }) {
			buf := make([]byte, 1<<20)
			t.Errorf("goroutines: %d before, %d after\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
	})
}
