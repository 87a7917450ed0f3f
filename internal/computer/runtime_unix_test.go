//go:build unix

package computer_test

import (
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computertest"
)

// getrusage is Unix's; the idle check runs where it exists.

// A computer waiting for an event uses no CPU.
func TestIdleUsesNoCPU(t *testing.T) {
	r := computertest.Start(t, `print("ready") os.pullEvent("never")`)
	r.WaitOutput(t, "ready")
	time.Sleep(100 * time.Millisecond) // let boot's garbage settle
	runtime.GC()
	before := cpuTime(t)
	time.Sleep(time.Second)
	used := cpuTime(t) - before
	t.Logf("CPU while idle for 1 s: %v", used)
	if used > 50*time.Millisecond {
		t.Fatalf("idle computer used %v of CPU in 1 s", used)
	}
	r.Stop()
}

func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
