package events

import (
	"container/heap"
	"sync"
	"time"
)

// Timers fires timer and alarm events into a queue. One goroutine and one
// time.Timer serve all of a computer's timers, so timers due at the same
// instant fire in the order they were started.
type Timers struct {
	q       *Queue
	clock   Clock
	mu      sync.Mutex
	h       timerHeap
	byID    map[int]*entry
	next    int
	seq     uint64
	wake    *time.Timer
	stopped bool
}

type entry struct {
	id    int
	name  string // "timer" or "alarm"
	due   time.Time
	seq   uint64
	index int
}

type timerHeap []*entry

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i]; h[i].index = i; h[j].index = j }
func (h *timerHeap) Push(x any)   { e := x.(*entry); e.index = len(*h); *h = append(*h, e) }
func (h *timerHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	e.index = -1
	return e
}

// NewTimers makes the timer service of a queue, on the wall clock.
func NewTimers(q *Queue) *Timers { return NewTimersOn(q, RealClock) }

// NewTimersOn makes the timer service of a queue on clock: due times are
// that clock's, so a virtual clock's jumps make timers due.
func NewTimersOn(q *Queue, clock Clock) *Timers {
	t := &Timers{q: q, clock: clock, byID: map[int]*entry{}}
	t.wake = time.AfterFunc(time.Hour, t.fire)
	t.wake.Stop()
	return t
}

// Pending is how many timers and alarms have yet to fire.
func (t *Timers) Pending() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.byID)
}

// Start schedules a "timer" event after d and returns its ID. IDs are
// shared by timers and alarms and count up from 1 on each boot.
func (t *Timers) Start(d time.Duration) int { return t.add("timer", d) }

// StartAlarm schedules an "alarm" event after d.
func (t *Timers) StartAlarm(d time.Duration) int { return t.add("alarm", d) }

func (t *Timers) add(name string, d time.Duration) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.next++
	t.seq++
	e := &entry{id: t.next, name: name, due: t.clock.Now().Add(d), seq: t.seq}
	heap.Push(&t.h, e)
	t.byID[e.id] = e
	t.reschedule()
	return e.id
}

// Cancel removes a pending timer or alarm; unknown IDs are ignored.
//
// A timer that has fired but whose event the computer has not taken yet is
// cancelled too: its event leaves the queue. CraftOS fires timers between
// a computer's yields, so a program cancelling before it next waits
// (cc.internal.event's discard_char with os.startTimer(0)) never sees it.
func (t *Timers) Cancel(id int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if e, ok := t.byID[id]; ok {
		heap.Remove(&t.h, e.index)
		delete(t.byID, id)
		t.reschedule()
		return
	}
	t.q.remove(func(e Event) bool {
		return (e.Source == SourceTimer || e.Source == SourceAlarm) && len(e.Args) == 1 && e.Args[0] == id
	})
}

// Stop cancels every timer; no event is queued afterwards.
func (t *Timers) Stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopped = true
	t.wake.Stop()
	t.h = nil
	clear(t.byID)
}

// reschedule points the single time.Timer at the earliest entry.
func (t *Timers) reschedule() {
	if t.stopped {
		return
	}
	if len(t.h) == 0 {
		t.wake.Stop()
		return
	}
	t.wake.Reset(t.h[0].due.Sub(t.clock.Now()))
}

func (t *Timers) fire() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.fireDue(t.clock.Now())
}

// fireDue queues every entry due by now, earliest (then first started)
// first, and points the time.Timer at the rest. t.mu is held.
func (t *Timers) fireDue(now time.Time) {
	for len(t.h) > 0 && !t.h[0].due.After(now) {
		e := heap.Pop(&t.h).(*entry)
		delete(t.byID, e.id)
		t.q.PushHost(Event{Name: e.name, Args: []any{e.id}, Source: e.name}) // SourceTimer, SourceAlarm
	}
	t.reschedule()
}

// Skip jumps a virtual clock to the earliest pending timer or alarm and
// fires it (with any others due then), as if the wait had passed. It
// reports false, doing nothing, when none is pending or the clock is not
// virtual. The caller makes sure nothing else could have woken the
// computer first.
func (t *Timers) Skip() bool {
	v, ok := t.clock.(*VirtualClock)
	if !ok {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped || len(t.h) == 0 {
		return false
	}
	v.AdvanceTo(t.h[0].due)
	t.fireDue(v.Now())
	return true
}
