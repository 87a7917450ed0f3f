// Package events is a computer's event queue and its timers.
package events

import (
	"context"
	"sync"
)

// Event is one CraftOS event: a name and its parameters as plain Go values
// (or values the computer knows how to turn into Lua). Sources never build
// Lua values; the computer converts when it delivers the event.
type Event struct {
	Name string
	Args []any
	// Source says where it came from (source.go), for the event trace.
	Source string
}

// HostLimit is how many events may be pending before events from the host's
// own sources (timers, servers, sockets, input) wait outside the queue, as in
// CraftOS-PC. They are never dropped: they move in, in order, as room frees.
const HostLimit = 256

// Queue is a FIFO of events with back-pressure for host sources.
type Queue struct {
	mu      sync.Mutex
	items   []Event // ring buffer would be faster; a slice window is enough
	head    int
	waiting []Event // host events past HostLimit, in arrival order
	notify  chan struct{}
	room    *sync.Cond
}

// NewQueue makes an empty queue.
func NewQueue() *Queue {
	q := &Queue{notify: make(chan struct{}, 1)}
	q.room = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) pending() int { return len(q.items) - q.head }

func (q *Queue) signal() {
	select {
	case q.notify <- struct{}{}:
	default:
	}
}

// Push queues an event from Lua (os.queueEvent). Like CraftOS-PC, it is
// never refused.
func (q *Queue) Push(e Event) {
	q.mu.Lock()
	q.items = append(q.items, e)
	q.mu.Unlock()
	q.signal()
}

// remove takes the first pending event that matches out of the queue.
func (q *Queue) remove(match func(Event) bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i := q.head; i < len(q.items); i++ {
		if match(q.items[i]) {
			q.items = append(q.items[:i], q.items[i+1:]...)
			q.room.Broadcast()
			return
		}
	}
	for i, e := range q.waiting {
		if match(e) {
			q.waiting = append(q.waiting[:i], q.waiting[i+1:]...)
			return
		}
	}
}

// PushHost queues an event from a host source. While HostLimit events are
// pending it waits, in order, outside the queue.
func (q *Queue) PushHost(e Event) {
	q.mu.Lock()
	if q.pending() < HostLimit && len(q.waiting) == 0 {
		q.items = append(q.items, e)
	} else {
		q.waiting = append(q.waiting, e)
	}
	q.mu.Unlock()
	q.signal()
}

// PushHostWait is PushHost for sources that can simply block (a stream
// reader): it returns once the event is inside the queue, or ctx is done.
func (q *Queue) PushHostWait(ctx context.Context, e Event) error {
	q.mu.Lock()
	if q.pending() < HostLimit && len(q.waiting) == 0 {
		// Room: the usual case, without arming the wait's cancellation.
		q.items = append(q.items, e)
		q.mu.Unlock()
		q.signal()
		return nil
	}
	q.mu.Unlock()
	stop := context.AfterFunc(ctx, func() {
		q.mu.Lock()
		q.room.Broadcast()
		q.mu.Unlock()
	})
	defer stop()
	q.mu.Lock()
	for q.pending() >= HostLimit || len(q.waiting) > 0 {
		if err := ctx.Err(); err != nil {
			q.mu.Unlock()
			return err
		}
		q.room.Wait()
	}
	q.items = append(q.items, e)
	q.mu.Unlock()
	q.signal()
	return nil
}

// TryPop takes the next event without waiting.
func (q *Queue) TryPop() (Event, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.pending() == 0 {
		return Event{}, false
	}
	e := q.items[q.head]
	q.items[q.head] = Event{}
	q.head++
	if q.head == len(q.items) {
		q.items = q.items[:0]
		q.head = 0
	} else if q.head > 1024 && q.head*2 > len(q.items) {
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items = q.items[:n]
		q.head = 0
	}
	for len(q.waiting) > 0 && q.pending() < HostLimit {
		q.items = append(q.items, q.waiting[0])
		q.waiting[0] = Event{}
		q.waiting = q.waiting[1:]
	}
	if len(q.waiting) == 0 {
		q.waiting = nil
	}
	q.room.Broadcast()
	return e, true
}

// Pop waits for the next event. It returns false when ctx is done.
func (q *Queue) Pop(ctx context.Context) (Event, bool) {
	for {
		if e, ok := q.TryPop(); ok {
			return e, true
		}
		if !q.Wait(ctx) {
			return Event{}, false
		}
	}
}

// Wait blocks until an event may have arrived or Wake was called (false:
// ctx ended). Unlike Pop it takes nothing, so the caller can look again
// at what else might happen (the virtual clock's jump).
func (q *Queue) Wait(ctx context.Context) bool {
	select {
	case <-q.notify:
		return true
	case <-ctx.Done():
		return false
	}
}

// Wake ends a Wait without an event.
func (q *Queue) Wake() { q.signal() }

// Len is the number of events inside the queue and waiting outside it.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.pending() + len(q.waiting)
}

// Clear drops every pending event, as a reboot does.
func (q *Queue) Clear() {
	q.mu.Lock()
	defer q.mu.Unlock()
	clear(q.items)
	q.items = q.items[:0]
	q.head = 0
	q.waiting = nil
	q.room.Broadcast()
}
