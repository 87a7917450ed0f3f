// Package trace writes the event trace (--trace-events): one JSON line per
// event the computer takes from its queue, saying where it came from, which
// coroutines received it and which skipped it because their filter did not
// match. The classic CraftOS bug, a sleep or http.get inside an event loop
// swallowing other events, is one look at it.
//
// Every method runs on the computer's goroutine. An event's line is written
// once its delivery is over: when the bios waits for the next event (Flush),
// since the ROM's coroutine managers report their deliveries in between.
package trace

import (
	"encoding/json"
	"io"
	"math"
	"sync"
	"time"

	"github.com/craftos/craftos/internal/events"
)

// Bios is how the trace names the bios coroutine, the one the scheduler
// resumes (a program run by `craftos run` runs on it).
const Bios = "bios"

// Record is one line of the trace.
type Record struct {
	Seq int64 `json:"seq"`
	// Time is seconds since the computer booted, by its clock; Clock is the
	// clock's time of day.
	Time   float64 `json:"time"`
	Clock  string  `json:"clock"`
	Name   string  `json:"name"`
	Args   []any   `json:"args"`
	Source string  `json:"source"`
	// ReceivedBy lists the coroutines resumed with the event, outermost
	// first (the bios, then each coroutine a ROM manager passed it to).
	ReceivedBy []string `json:"received_by"`
	// SkippedBy lists the coroutines waiting for another event.
	SkippedBy []Skip `json:"skipped_by,omitempty"`
	// Discarded: the scheduler dropped it, the bios waiting for another event.
	Discarded bool `json:"discarded,omitempty"`
}

// Skip is a coroutine that did not get an event, the filter it waited
// with, and where it waited (the program's line, as source:line).
type Skip struct {
	Coroutine string `json:"coroutine"`
	Filter    string `json:"filter"`
	At        string `json:"at,omitempty"`
}

// Recorder writes a computer's trace.
type Recorder struct {
	mu    sync.Mutex
	w     io.Writer
	err   error
	seq   int64
	now   func() time.Time
	boot  time.Time
	cur   *Record // the event being delivered, written at the next Flush
	lines []byte
}

// New writes the trace to w, one line per event.
func New(w io.Writer) *Recorder {
	return &Recorder{w: w, now: time.Now, boot: time.Now()}
}

// Boot starts a boot of the computer: times count from now on the given
// clock (nil: the real one). Sequence numbers go on across reboots.
func (r *Recorder) Boot(clock func() time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.flush()
	if clock == nil {
		clock = time.Now
	}
	r.now = clock
	r.boot = clock()
}

func (r *Recorder) start(ev events.Event) *Record {
	r.flush()
	r.seq++
	now := r.now()
	return &Record{
		Seq:        r.seq,
		Time:       math.Round(now.Sub(r.boot).Seconds()*1e6) / 1e6,
		Clock:      now.Format(time.RFC3339Nano),
		Name:       ev.Name,
		Args:       Summarise(ev.Args),
		Source:     ev.Source,
		ReceivedBy: []string{},
	}
}

// Delivered notes ev handed to the coroutine to (the bios); ROM managers
// may then report the coroutines it goes on to.
func (r *Recorder) Delivered(ev events.Event, to string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rec := r.start(ev)
	rec.ReceivedBy = append(rec.ReceivedBy, to)
	r.cur = rec
}

// Discarded notes ev dropped by the scheduler: by (the bios) waited with
// filter, at a line.
func (r *Recorder) Discarded(ev events.Event, by Skip) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rec := r.start(ev)
	rec.SkippedBy = []Skip{by}
	rec.Discarded = true
	r.write(rec)
}

// Received notes that a coroutine manager resumed co with the event being
// delivered. Outside a delivery (a manager's first resume) it is ignored.
func (r *Recorder) Received(co string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur != nil {
		r.cur.ReceivedBy = append(r.cur.ReceivedBy, co)
	}
}

// Skipped notes that a coroutine manager did not resume a coroutine with
// the event being delivered.
func (r *Recorder) Skipped(s Skip) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur != nil {
		r.cur.SkippedBy = append(r.cur.SkippedBy, s)
	}
}

// Flush writes the event being delivered: its delivery is over.
func (r *Recorder) Flush() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.flush()
}

// Err is the first write error, if any; later lines were not written.
func (r *Recorder) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

func (r *Recorder) flush() {
	if r.cur != nil {
		r.write(r.cur)
		r.cur = nil
	}
}

func (r *Recorder) write(rec *Record) {
	if r.err != nil {
		return
	}
	b, err := json.Marshal(rec)
	if err != nil {
		r.err = err
		return
	}
	// One Write per line, so lines from a shared stream never interleave.
	r.lines = append(append(r.lines[:0], b...), '\n')
	_, r.err = r.w.Write(r.lines)
}
