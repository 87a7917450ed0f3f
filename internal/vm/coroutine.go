package vm

import (
	"runtime"
	"weak"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// Coroutines run on goroutines, one per running Lua coroutine, with a strict
// hand-off: resume sends on the worker's channel and blocks until the worker
// yields or finishes, so exactly one goroutine runs Lua at any time and the
// shared state needs no locks. Because the coroutine keeps its Go stack while
// suspended, yield works across pcall, metamethods, iterators and Go
// functions.
//
// The value Lua sees is a handle (an empty *lua.LState, so type() is
// "thread"); the worker goroutine never references it. When Lua drops the
// handle, a GC cleanup queues the coroutine for reaping, and the machine
// unwinds its goroutine at the next safe point. Workers return to a small
// idle pool when their coroutine dies.

// Status is a coroutine's state as coroutine.status names it.
type Status int

const (
	Suspended Status = iota
	Running
	Normal
	Dead
)

func (s Status) String() string {
	return [...]string{"suspended", "running", "normal", "dead"}[s]
}

// Coroutine is one Lua coroutine.
type Coroutine struct {
	fn     *lua.LFunction
	handle weak.Pointer[lua.LState]
	w      *worker
	status Status
	hook   *luaHook    // debug.sethook of this coroutine
	ccalls int         // nested C calls of its resumer, plus one (corolib.go)
	dead   []deadFrame // its frames when it died by an error (deadframes.go)
}

// Status reports the coroutine's state.
func (co *Coroutine) Status() Status { return co.status }

type message struct {
	start *Coroutine // to an idle worker: run this coroutine
	vals  []lua.LValue
	kill  bool // to a suspended worker: unwind
	done  bool // from the worker: the coroutine finished
	err   *lua.ApiError
}

type worker struct {
	th  *lua.LState
	in  chan message
	out chan message
}

const maxIdleWorkers = 64

// NewCoroutine creates a suspended coroutine running fn and returns it with
// its Lua handle.
func (m *Machine) NewCoroutine(fn *lua.LFunction) (*Coroutine, *lua.LState) {
	m.reapCollected()
	co := &Coroutine{fn: fn}
	h := &lua.LState{}
	co.handle = weak.Make(h)
	m.mu.Lock()
	m.byHandle[co.handle] = co
	m.mu.Unlock()
	runtime.AddCleanup(h, m.collected, co)
	return co, h
}

// CoroutineOf finds the coroutine of a handle.
func (m *Machine) CoroutineOf(h *lua.LState) *Coroutine {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.byHandle[weak.Make(h)]
}

// Current is the running coroutine, nil on the main thread.
func (m *Machine) Current() *Coroutine { return m.current }

// Handle returns the Lua value of a coroutine (nil once collected).
func (co *Coroutine) Handle() *lua.LState { return co.handle.Value() }

// collected runs on the GC's cleanup goroutine: it only records the
// coroutine, which is unwound later by the goroutine that owns Lua.
func (m *Machine) collected(co *Coroutine) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.byHandle, co.handle)
	if co.w != nil {
		m.reap = append(m.reap, co)
	}
}

// reapCollected unwinds the goroutines of collected, suspended coroutines.
// It must be called by the goroutine that currently owns Lua.
func (m *Machine) reapCollected() {
	m.mu.Lock()
	list := m.reap
	m.reap = nil
	m.mu.Unlock()
	for _, co := range list {
		m.kill(co)
	}
}

// kill unwinds a suspended coroutine's goroutine, handing control to it and
// waiting until it has finished.
func (m *Machine) kill(co *Coroutine) {
	if co.w == nil || co.status != Suspended {
		return
	}
	prev := m.current
	m.current = co
	m.setAbort(abortKill)
	co.w.in <- message{kill: true}
	<-co.w.out
	m.clearAbort()
	m.current = prev
	co.status = Dead
	m.release(co)
}

// Resume runs co until it yields or finishes. ok is false when it raised an
// error, and the error value is then the only element of vals.
func (m *Machine) Resume(co *Coroutine, args []lua.LValue) (vals []lua.LValue, ok bool) {
	switch {
	case co.status == Dead:
		return []lua.LValue{lua.LString("cannot resume dead coroutine")}, false
	case co.status != Suspended:
		return []lua.LValue{lua.LString("cannot resume non-suspended coroutine")}, false
	}
	prev := m.current
	if prev != nil {
		prev.status = Normal
	}
	co.status = Running
	m.current = co
	var r message
	if co.w == nil {
		co.w = m.acquireWorker()
		applyHook(co.w.th, co.hook)
		m.mu.Lock()
		m.live[co] = struct{}{}
		m.mu.Unlock()
		co.w.in <- message{start: co, vals: args}
	} else {
		co.w.in <- message{vals: args}
	}
	r = <-co.w.out
	m.current = prev
	if prev != nil {
		prev.status = Running
	}
	if !r.done {
		co.status = Suspended
		return r.vals, true
	}
	co.status = Dead
	m.release(co)
	if r.err != nil {
		return []lua.LValue{r.err.Object}, false
	}
	return r.vals, true
}

// Yield suspends the running coroutine, handing vals to its resumer, and
// returns the values of the next resume. It is called on the coroutine's own
// goroutine from a Go function.
func (m *Machine) Yield(L *lua.LState, vals []lua.LValue) []lua.LValue {
	co := m.current
	if co == nil || co.w == nil {
		luaarg.Raise(L, "attempt to yield from outside a coroutine")
	}
	if co == m.hostTop && m.hostNext != nil {
		if next, ok := m.serveInPlace(vals); ok {
			return next
		}
	}
	co.w.out <- message{vals: vals}
	in := <-co.w.in
	if in.kill {
		m.raiseAbort(L)
	}
	return in.vals
}

func (m *Machine) release(co *Coroutine) {
	m.mu.Lock()
	delete(m.live, co)
	w := co.w
	co.w = nil
	if w != nil {
		w.th.SetHook(nil, 0, 0)
	}
	if w != nil && len(m.idle) < maxIdleWorkers && m.ctx.Err() == nil {
		m.idle = append(m.idle, w)
		w = nil
	}
	m.mu.Unlock()
	if w != nil {
		close(w.in) // lets the goroutine exit
	}
}

func (m *Machine) acquireWorker() *worker {
	m.mu.Lock()
	if n := len(m.idle); n > 0 {
		w := m.idle[n-1]
		m.idle = m.idle[:n-1]
		m.mu.Unlock()
		return w
	}
	m.mu.Unlock()
	th, _ := m.L.NewThread()
	w := &worker{th: th, in: make(chan message), out: make(chan message)}
	go m.workerLoop(w)
	return w
}

func (m *Machine) workerLoop(w *worker) {
	for job := range w.in {
		co := job.start
		if co == nil {
			continue // a kill or resume meant for a coroutine that never started
		}
		th := w.th
		th.SetTop(0)
		th.SetCCalls(co.ccalls)
		th.Push(co.fn)
		for _, v := range job.vals {
			th.Push(v)
		}
		err := th.PCall(len(job.vals), lua.MultRet, m.coroutineErrorHandler())
		var r message
		r.done = true
		if err != nil {
			r.err = asAPIError(err)
		} else {
			n := th.GetTop()
			r.vals = make([]lua.LValue, n)
			for i := 1; i <= n; i++ {
				r.vals[i-1] = th.Get(i)
			}
		}
		th.SetTop(0)
		w.out <- r
	}
}

func asAPIError(err error) *lua.ApiError {
	if e, ok := err.(*lua.ApiError); ok {
		return e
	}
	return &lua.ApiError{Type: lua.ApiErrorRun, Object: lua.LString(err.Error())}
}

// closeCoroutines unwinds every live coroutine and stops the idle workers, so
// no goroutine outlives the machine.
func (m *Machine) closeCoroutines() {
	for {
		m.mu.Lock()
		var co *Coroutine
		for c := range m.live {
			if c.status == Suspended {
				co = c
				break
			}
		}
		m.mu.Unlock()
		if co == nil {
			break
		}
		m.kill(co)
	}
	m.mu.Lock()
	idle := m.idle
	m.idle = nil
	m.mu.Unlock()
	for _, w := range idle {
		close(w.in)
	}
}

// ServeInPlace lets the host answer the yields of its top-level coroutine
// (the bios) on that coroutine's own goroutine: next gets what the
// coroutine yielded and returns the values to resume it with (the next
// event), or false to hand control back to the host's Resume (shutdown,
// stop). Every event then costs no goroutine switch, where a hand-off to the
// host and back would cost two.
func (m *Machine) ServeInPlace(top *Coroutine, next func(yielded []lua.LValue) ([]lua.LValue, bool)) {
	m.hostTop, m.hostNext = top, next
}

// serveInPlace ends one host resume and starts the next, as RunHost does
// around Resume.
func (m *Machine) serveInPlace(vals []lua.LValue) ([]lua.LValue, bool) {
	m.endHostResume()
	next, ok := m.hostNext(vals)
	if !ok {
		return nil, false
	}
	m.beginHostResume()
	return next, true
}
