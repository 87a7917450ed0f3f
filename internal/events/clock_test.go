package events

import (
	"testing"
	"time"
)

func TestVirtualClockAdvances(t *testing.T) {
	v := NewVirtualClock()
	if d := v.Now().Sub(time.Now()); d < -time.Second || d > time.Second {
		t.Fatalf("a new virtual clock is %v off the wall clock", d)
	}
	before := v.Now()
	v.AdvanceTo(before.Add(time.Hour))
	if d := v.Now().Sub(before); d < time.Hour || d > time.Hour+time.Second {
		t.Fatalf("advanced by %v, want an hour", d)
	}
	now := v.Now()
	v.AdvanceTo(now.Add(-time.Hour)) // never back
	if v.Now().Before(now) {
		t.Fatalf("the clock went back")
	}
}

// Skip fires the earliest pending entries, in (due, start) order, one
// deadline per call; on the wall clock it does nothing.
func TestTimersSkip(t *testing.T) {
	q := NewQueue()
	real := NewTimers(q)
	defer real.Stop()
	real.Start(time.Hour)
	if real.Skip() {
		t.Fatal("Skip jumped the wall clock")
	}

	v := NewVirtualClock()
	tm := NewTimersOn(q, v)
	defer tm.Stop()
	if tm.Skip() {
		t.Fatal("Skip with nothing pending")
	}
	start := v.Now()
	day := tm.Start(24 * time.Hour)
	hourA := tm.Start(time.Hour)
	alarm := tm.StartAlarm(30 * time.Minute)
	hourB := tm.Start(time.Hour)
	tm.Cancel(tm.Start(10 * time.Minute))
	want := []struct {
		at time.Duration
		ev Event
	}{
		{30 * time.Minute, Event{Name: "alarm", Args: []any{alarm}}},
		{time.Hour, Event{Name: "timer", Args: []any{hourA}}},
		{time.Hour, Event{Name: "timer", Args: []any{hourB}}},
		{24 * time.Hour, Event{Name: "timer", Args: []any{day}}},
	}
	for i := 0; i < len(want); {
		if !tm.Skip() {
			t.Fatalf("Skip found nothing before %+v", want[i].ev)
		}
		// Each Skip fires what is due at its deadline: at least one entry.
		for n := 0; ; n++ {
			e, ok := q.TryPop()
			if !ok {
				if n == 0 {
					t.Fatalf("Skip fired nothing")
				}
				break
			}
			w := want[i]
			if e.Name != w.ev.Name || e.Args[0] != w.ev.Args[0] {
				t.Fatalf("event %d is %+v, want %+v", i, e, w.ev)
			}
			if d := v.Now().Sub(start); d < w.at || d > w.at+time.Second {
				t.Fatalf("%+v fired at %v, want %v", e, d, w.at)
			}
			i++
		}
	}
	if tm.Skip() || tm.Pending() != 0 {
		t.Fatalf("Skip after the last timer (%d pending)", tm.Pending())
	}
}
