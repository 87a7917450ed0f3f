package events

import (
	"context"
	"testing"
)

// One event pushed (os.queueEvent's path) and popped.
func BenchmarkQueuePushPop(b *testing.B) {
	q := NewQueue()
	e := Event{Name: "e", Args: []any{1}}
	for i := 0; i < b.N; i++ {
		q.Push(e)
		q.TryPop()
	}
}

// Bursts of 100 host events, then 100 pops.
func BenchmarkQueueHostBurst(b *testing.B) {
	q := NewQueue()
	e := Event{Name: "e", Args: []any{1}}
	for i := 0; i < b.N; i += 100 {
		for j := 0; j < 100; j++ {
			q.PushHost(e)
		}
		for j := 0; j < 100; j++ {
			q.TryPop()
		}
	}
}

// Host events from another goroutine, popped with Pop as the scheduler
// does (including its wake-ups when the queue runs dry).
func BenchmarkQueueCrossGoroutine(b *testing.B) {
	q := NewQueue()
	ctx := context.Background()
	go func() {
		e := Event{Name: "e"}
		for i := 0; i < b.N; i++ {
			q.PushHost(e)
		}
	}()
	for i := 0; i < b.N; i++ {
		if _, ok := q.Pop(ctx); !ok {
			b.Fatal("pop failed")
		}
	}
}
