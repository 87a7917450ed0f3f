package events

import (
	"sync/atomic"
	"time"
)

// Clock is the time a computer sees: its timers, os.clock, os.time,
// os.epoch, os.date and os.day all read it.
type Clock interface {
	Now() time.Time
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

// RealClock is the host's wall clock.
var RealClock Clock = realClock{}

// VirtualClock runs at real speed but can be moved forward: the scheduler
// jumps it to the next timer or alarm when nothing else can wake the
// computer, so sleep(3600) returns at once while everything that reads the
// time sees the hour pass. It never goes back.
type VirtualClock struct {
	offset atomic.Int64 // nanoseconds added to the wall clock
}

// NewVirtualClock is a virtual clock that starts at the wall clock's time.
func NewVirtualClock() *VirtualClock { return &VirtualClock{} }

// Now is the wall clock plus every jump made so far. The result keeps
// time.Now's monotonic reading, so differences stay exact.
func (v *VirtualClock) Now() time.Time {
	return time.Now().Add(time.Duration(v.offset.Load()))
}

// AdvanceTo moves the clock forward to t; a t already past is ignored.
func (v *VirtualClock) AdvanceTo(t time.Time) {
	if d := t.Sub(v.Now()); d > 0 {
		v.offset.Add(int64(d))
	}
}
