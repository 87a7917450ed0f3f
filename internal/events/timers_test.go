package events

import (
	"strings"
	"testing"
	"time"
)

// A timer cancelled after it fired, before the computer took its event, is
// gone from the queue; an event a program queued by the same name stays.
func TestCancelAfterFiringRemovesTheEvent(t *testing.T) {
	q := NewQueue()
	tm := NewTimers(q)
	defer tm.Stop()
	q.Push(Event{Name: "timer", Args: []any{1}, Source: SourceQueueEvent})
	id := tm.Start(0)
	for q.Len() < 2 {
		time.Sleep(time.Millisecond)
	}
	q.Push(Event{Name: "after"})
	tm.Cancel(id)
	var got []string
	for {
		e, ok := q.TryPop()
		if !ok {
			break
		}
		got = append(got, e.Name+":"+e.Source)
	}
	want := "timer:os.queueEvent after:"
	if strings.Join(got, " ") != want {
		t.Fatalf("queue %q, want %q", strings.Join(got, " "), want)
	}
}
