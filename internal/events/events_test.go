package events

import (
	"container/heap"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

func names(q *Queue) []string {
	var out []string
	for {
		e, ok := q.TryPop()
		if !ok {
			return out
		}
		out = append(out, e.Name)
	}
}

func TestQueueFIFO(t *testing.T) {
	q := NewQueue()
	var want []string
	for i := 0; i < 200; i++ {
		name := fmt.Sprint(i)
		if i%3 == 0 {
			q.Push(Event{Name: name})
		} else {
			q.PushHost(Event{Name: name})
		}
		want = append(want, name)
	}
	if q.Len() != 200 {
		t.Fatalf("Len = %d", q.Len())
	}
	if got := names(q); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %v", got)
	}
	if _, ok := q.TryPop(); ok || q.Len() != 0 {
		t.Fatal("queue not empty")
	}
}

func TestQueueOrderWithInterleavedPops(t *testing.T) {
	q := NewQueue()
	next := 0
	for i := 0; i < 5000; i++ {
		q.PushHost(Event{Name: "e", Args: []any{i}})
		if i%3 == 2 {
			for j := 0; j < 2; j++ {
				e, ok := q.TryPop()
				if !ok || e.Args[0].(int) != next {
					t.Fatalf("popped %v, want %d", e.Args, next)
				}
				next++
			}
		}
	}
	for {
		e, ok := q.TryPop()
		if !ok {
			break
		}
		if e.Args[0].(int) != next {
			t.Fatalf("popped %v, want %d", e.Args, next)
		}
		next++
	}
	if next != 5000 {
		t.Fatalf("got %d events", next)
	}
}

// Past HostLimit pending events, host events wait outside the queue, in
// order, and are never dropped; os.queueEvent is never limited.
func TestQueueHostBackPressure(t *testing.T) {
	q := NewQueue()
	for i := 0; i < 1000; i++ {
		q.PushHost(Event{Name: "host", Args: []any{i}})
	}
	if q.Len() != 1000 {
		t.Fatalf("Len = %d", q.Len())
	}
	q.mu.Lock()
	inside, waiting := q.pending(), len(q.waiting)
	q.mu.Unlock()
	if inside != HostLimit || waiting != 1000-HostLimit {
		t.Fatalf("inside %d, waiting %d", inside, waiting)
	}
	// A Lua event goes in at once, behind the 256 already inside, ahead
	// of the host events still waiting outside (as in CraftOS-PC).
	q.Push(Event{Name: "lua"})
	for i := 0; i < HostLimit; i++ {
		e, _ := q.TryPop()
		if e.Name != "host" || e.Args[0].(int) != i {
			t.Fatalf("pop %d: %+v", i, e)
		}
	}
	e, _ := q.TryPop()
	if e.Name != "lua" {
		t.Fatalf("got %+v, want the Lua event", e)
	}
	for i := HostLimit; i < 1000; i++ {
		e, ok := q.TryPop()
		if !ok || e.Name != "host" || e.Args[0].(int) != i {
			t.Fatalf("pop %d: %+v %v", i, e, ok)
		}
	}
	if q.Len() != 0 {
		t.Fatal("events left")
	}
	// Lua events alone are never held back.
	for i := 0; i < 1000; i++ {
		q.Push(Event{Name: "lua"})
	}
	q.mu.Lock()
	inside = q.pending()
	q.mu.Unlock()
	if inside != 1000 {
		t.Fatalf("%d Lua events inside", inside)
	}
}

// Many concurrent host sources: every event arrives once, and each
// source's events stay in order.
func TestQueueConcurrentHostSources(t *testing.T) {
	q := NewQueue()
	const sources, per = 8, 500
	var wg sync.WaitGroup
	for s := 0; s < sources; s++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < per; i++ {
				q.PushHost(Event{Name: "e", Args: []any{s, i}})
			}
		}()
	}
	next := make([]int, sources)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for n := 0; n < sources*per; n++ {
		e, ok := q.Pop(ctx)
		if !ok {
			t.Fatalf("timed out after %d events", n)
		}
		s, i := e.Args[0].(int), e.Args[1].(int)
		if i != next[s] {
			t.Fatalf("source %d: got %d, want %d", s, i, next[s])
		}
		next[s]++
	}
	wg.Wait()
	if q.Len() != 0 {
		t.Fatal("extra events")
	}
}

func TestQueuePushHostWait(t *testing.T) {
	q := NewQueue()
	for i := 0; i < HostLimit; i++ {
		q.PushHost(Event{Name: "fill", Args: []any{i}})
	}
	done := make(chan error, 1)
	go func() { done <- q.PushHostWait(context.Background(), Event{Name: "waited"}) }()
	select {
	case err := <-done:
		t.Fatalf("PushHostWait returned %v with a full queue", err)
	case <-time.After(50 * time.Millisecond):
	}
	if _, ok := q.TryPop(); !ok {
		t.Fatal("empty")
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("PushHostWait still blocked after a pop made room")
	}
	got := names(q)
	if len(got) != HostLimit || got[len(got)-1] != "waited" {
		t.Fatalf("got %d events, last %q", len(got), got[len(got)-1])
	}

	// It also waits behind host events already waiting outside, keeping
	// their order, and gives up when its context ends.
	for i := 0; i < HostLimit+5; i++ {
		q.PushHost(Event{Name: "host"})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := q.PushHostWait(ctx, Event{Name: "late"}); err == nil {
		t.Fatal("PushHostWait succeeded with a full queue")
	}
	for _, n := range names(q) {
		if n == "late" {
			t.Fatal("a cancelled PushHostWait queued its event")
		}
	}
}

func TestQueuePopWaitsAndCancels(t *testing.T) {
	q := NewQueue()
	go func() {
		time.Sleep(30 * time.Millisecond)
		q.PushHost(Event{Name: "later"})
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e, ok := q.Pop(ctx)
	if !ok || e.Name != "later" {
		t.Fatalf("got %+v %v", e, ok)
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel2() }()
	if _, ok := q.Pop(ctx2); ok {
		t.Fatal("Pop returned an event from an empty queue")
	}
}

// collect pops n events (waiting up to 5 s) and returns them.
func collect(t *testing.T, q *Queue, n int) []Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var out []Event
	for len(out) < n {
		e, ok := q.Pop(ctx)
		if !ok {
			t.Fatalf("timed out with %d of %d events: %+v", len(out), n, out)
		}
		out = append(out, e)
	}
	return out
}

func TestTimersOrder(t *testing.T) {
	q := NewQueue()
	tm := NewTimers(q)
	defer tm.Stop()
	slow := tm.Start(60 * time.Millisecond)
	fast := tm.Start(10 * time.Millisecond)
	// Equal deadlines fire in creation order: zero durations share "now"
	// closely enough, so give them one explicit deadline instead.
	var same []int
	for i := 0; i < 20; i++ {
		same = append(same, tm.Start(30*time.Millisecond))
	}
	evs := collect(t, q, 22)
	if evs[0].Args[0] != fast {
		t.Fatalf("first event %+v, want timer %d", evs[0], fast)
	}
	for i, id := range same {
		if evs[i+1].Name != "timer" || evs[i+1].Args[0] != id {
			t.Fatalf("event %d: %+v, want timer %d", i+1, evs[i+1], id)
		}
	}
	if evs[21].Args[0] != slow {
		t.Fatalf("last event %+v, want timer %d", evs[21], slow)
	}
}

func TestTimersEqualDeadlinesKeepCreationOrder(t *testing.T) {
	q := NewQueue()
	tm := NewTimers(q)
	defer tm.Stop()
	due := time.Now().Add(20 * time.Millisecond)
	var ids []int
	tm.mu.Lock() // add entries with one identical deadline
	for i := 0; i < 50; i++ {
		tm.next++
		tm.seq++
		e := &entry{id: tm.next, name: "timer", due: due, seq: tm.seq}
		tm.h = append(tm.h, e)
		e.index = len(tm.h) - 1
		tm.byID[e.id] = e
		ids = append(ids, e.id)
	}
	tm.mu.Unlock()
	// Rebuild the heap from scratch in reverse insertion order to make
	// sure the order comes from seq, not from where entries sit.
	tm.mu.Lock()
	for i, j := 0, len(tm.h)-1; i < j; i, j = i+1, j-1 {
		tm.h.Swap(i, j)
	}
	heap.Init(&tm.h)
	tm.reschedule()
	tm.mu.Unlock()
	evs := collect(t, q, 50)
	for i, e := range evs {
		if e.Args[0] != ids[i] {
			t.Fatalf("event %d is timer %v, want %d", i, e.Args[0], ids[i])
		}
	}
}

func TestTimersIDsAndKinds(t *testing.T) {
	q := NewQueue()
	tm := NewTimers(q)
	defer tm.Stop()
	a := tm.Start(time.Millisecond)
	b := tm.StartAlarm(2 * time.Millisecond)
	c := tm.Start(3 * time.Millisecond)
	if !(a > 0 && b > a && c > b) {
		t.Fatalf("ids %d %d %d are not increasing positive integers shared by timers and alarms", a, b, c)
	}
	evs := collect(t, q, 3)
	if evs[0].Name != "timer" || evs[1].Name != "alarm" || evs[1].Args[0] != b || evs[2].Name != "timer" {
		t.Fatalf("got %+v", evs)
	}
}

func TestTimersCancel(t *testing.T) {
	q := NewQueue()
	tm := NewTimers(q)
	defer tm.Stop()
	a := tm.Start(20 * time.Millisecond)
	b := tm.Start(10 * time.Millisecond)
	al := tm.StartAlarm(15 * time.Millisecond)
	c := tm.Start(40 * time.Millisecond)
	tm.Cancel(b)
	tm.Cancel(al) // alarms are cancelled the same way
	tm.Cancel(9999)
	tm.Cancel(b) // twice: still a no-op
	evs := collect(t, q, 2)
	if evs[0].Args[0] != a || evs[1].Args[0] != c {
		t.Fatalf("got %+v", evs)
	}
	time.Sleep(30 * time.Millisecond)
	if q.Len() != 0 {
		t.Fatalf("cancelled timer fired: %+v", names(q))
	}
}

func TestTimersStop(t *testing.T) {
	q := NewQueue()
	tm := NewTimers(q)
	for i := 0; i < 10; i++ {
		tm.Start(time.Duration(i) * 5 * time.Millisecond)
	}
	tm.Stop()
	tm.Start(time.Millisecond) // after Stop: never fires
	time.Sleep(80 * time.Millisecond)
	if n := q.Len(); n > 1 {
		// a timer of 0 ms may have fired before Stop
		t.Fatalf("%d events after Stop", n)
	}
	if got := names(q); len(got) == 1 && got[0] != "timer" {
		t.Fatalf("got %v", got)
	}
}

// A timer firing into a full queue waits outside it rather than being
// dropped.
func TestTimersNeverDropped(t *testing.T) {
	q := NewQueue()
	tm := NewTimers(q)
	defer tm.Stop()
	for i := 0; i < HostLimit+10; i++ {
		q.PushHost(Event{Name: "fill"})
	}
	id := tm.Start(time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The timer fires while the queue is over its host limit: its event
	// waits outside and arrives, in order, after every earlier one.
	for i := 0; i < HostLimit+10; i++ {
		if e, ok := q.Pop(ctx); !ok || e.Name != "fill" {
			t.Fatalf("event %d: %v %v, want fill", i, e, ok)
		}
	}
	e, ok := q.Pop(ctx)
	if !ok || e.Name != "timer" || len(e.Args) != 1 || e.Args[0] != id {
		t.Fatalf("got %+v %v, want timer %v", e, ok, id)
	}
}

func TestClearDropsPendingAndWaitingEvents(t *testing.T) {
	q := NewQueue()
	for i := 0; i < HostLimit+10; i++ {
		q.PushHost(Event{Name: "old"})
	}
	q.Push(Event{Name: "old"})
	q.Clear()
	if q.Len() != 0 {
		t.Fatalf("Len %d after Clear", q.Len())
	}
	q.Push(Event{Name: "new"})
	if e, ok := q.TryPop(); !ok || e.Name != "new" {
		t.Fatalf("got %v %v, want the new event", e, ok)
	}
}
