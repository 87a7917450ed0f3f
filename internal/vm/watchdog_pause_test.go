package vm

import (
	"context"
	"testing"
	"time"
)

// While a resume waits for the ROM's shared compile, no Lua runs: the
// watchdog's window stops, and goes on with the time that was left.
func TestWatchdogPausedWhileNoLuaRuns(t *testing.T) {
	m := New(context.Background(), Options{Watchdog: 50 * time.Millisecond, HardAbortAfter: time.Hour})
	defer m.Close()
	m.wd.arm(m)
	m.wd.pause()
	time.Sleep(200 * time.Millisecond) // four windows: none may fire
	if got := m.abort.Load(); got != abortNone {
		t.Fatalf("the watchdog fired while paused (abort %d)", got)
	}
	m.wd.resume()
	if !waitFor(10*time.Second, func() bool { return m.abort.Load() != abortNone }) {
		t.Fatal("the watchdog never fired after resuming")
	}
	m.wd.disarm()
	m.clearAbort()
}
