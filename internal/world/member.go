package world

import (
	"context"
	"errors"
	"sync"

	"github.com/craftos/craftos/internal/computer"
)

// Member is one computer of a world; it is the Target of the "computer"
// peripherals that reach it. Off, it keeps its label and folder; turned on
// again it boots afresh.
type Member struct {
	w   *World
	id  int
	cfg computer.Config

	mu  sync.Mutex
	on  bool
	cur *run // the current (or last) run; nil before the first
}

// run is one time a computer is on, from TurnOn to its end.
type run struct {
	c      *computer.Computer
	cancel context.CancelFunc
	done   chan struct{} // closed when it has ended
	shut   bool          // ended by Shutdown (or Reboot), not by itself
	status int
	err    error
}

// ID is the computer's ID.
func (m *Member) ID() int { return m.id }

// IsOn is whether the computer is running.
func (m *Member) IsOn() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.on
}

// Label is the computer's label (kept while it is off).
func (m *Member) Label() (string, bool) {
	if c := m.current(); c != nil {
		return c.Label()
	}
	return m.cfg.Label, m.cfg.Label != ""
}

// current is the computer of the current or last run.
func (m *Member) current() *computer.Computer {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cur == nil {
		return nil
	}
	return m.cur.c
}

// TurnOn boots the computer when it is off (and the world is running).
func (m *Member) TurnOn() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.turnOnLocked()
}

func (m *Member) turnOnLocked() {
	w := m.w
	if m.on {
		return
	}
	w.mu.Lock()
	wctx := w.ctx
	if wctx == nil || w.stopped {
		w.mu.Unlock()
		return
	}
	w.wg.Add(1) // before Run's Wait can begin
	w.mu.Unlock()
	cfg := m.cfg
	var prev chan struct{}
	if m.cur != nil {
		prev = m.cur.done
		// The label outlives the run, as CC:Tweaked keeps it.
		cfg.Label, _ = m.cur.c.Label()
	}
	ctx, cancel := context.WithCancel(wctx)
	r := &run{c: computer.New(cfg), cancel: cancel, done: make(chan struct{})}
	m.on, m.cur = true, r
	go m.serve(ctx, r, prev)
}

// serve runs r once the run before it has ended.
func (m *Member) serve(ctx context.Context, r *run, prev chan struct{}) {
	defer m.w.wg.Done()
	defer close(r.done)
	defer r.cancel()
	if prev != nil {
		<-prev
	}
	remove := m.w.showScreen(m, r.c.Terminal())
	status, err := r.c.Run(ctx)
	remove()
	m.mu.Lock()
	defer m.mu.Unlock()
	if r.shut && errors.Is(err, computer.ErrStopped) {
		status, err = 0, nil // turned off from outside
	}
	r.status, r.err = status, err
	if m.cur == r {
		m.on = false
	}
}

// Shutdown turns the computer off at once, as CC:Tweaked's shutdown of
// another computer does.
func (m *Member) Shutdown() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.shutdownLocked()
}

func (m *Member) shutdownLocked() {
	if !m.on {
		return
	}
	m.on = false
	m.cur.shut = true
	m.cur.cancel()
}

// Reboot restarts the computer, or turns it on when it is off.
func (m *Member) Reboot() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.shutdownLocked()
	m.turnOnLocked()
}

// wait waits until the computer is off for good and returns how its last
// run ended (a reboot from outside starts another run, which is waited
// for).
func (m *Member) wait() (int, error) {
	for {
		m.mu.Lock()
		r := m.cur
		m.mu.Unlock()
		if r == nil {
			return 0, nil
		}
		<-r.done
		m.mu.Lock()
		again := m.cur != r
		m.mu.Unlock()
		if !again {
			return r.status, r.err
		}
	}
}

// Terminate queues "terminate" on the computer while it is on (Ctrl-C).
func (m *Member) Terminate() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.on {
		m.cur.c.Terminate()
	}
}
