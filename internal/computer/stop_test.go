package computer_test

import (
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computertest"
)

// Cancelling a computer stops code that never yields, with the watchdog off
// and under pcall: a host can always stop a computer.
func TestCancelStopsCodeThatNeverYields(t *testing.T) {
	r := computertest.Start(t, `print("looping") while true do pcall(function() while true do end end) end`, computertest.Watchdog(0))
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(r.Stdout(), "looping") {
		if time.Now().After(deadline) {
			t.Fatalf("never started; stdout %q stderr %q", r.Stdout(), r.Stderr())
		}
		time.Sleep(5 * time.Millisecond)
	}
	stopped := make(chan struct{})
	go func() { r.Stop(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(20 * time.Second):
		t.Fatal("the computer did not stop when cancelled")
	}
}
