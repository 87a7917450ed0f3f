// Package vm is craftos's Lua machine: a gopher-lua state with CraftOS's Lua
// 5.2 surface, coroutines on goroutines, and the watchdog.
package vm

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	lua "github.com/yuin/gopher-lua"
)

// Options configure a machine.
type Options struct {
	// Watchdog is how long code may run without yielding before CraftOS's
	// "Too long without yielding" is raised; the computer is stopped
	// HardAbortAfter later if it still does not yield. Zero disables it.
	Watchdog       time.Duration
	HardAbortAfter time.Duration
	// MemoryLimit is the live heap, in bytes, past which the running code
	// gets "not enough memory" (memlimit.go). Zero disables it.
	MemoryLimit int64
	// Interrupt, when set, is given to the string library so long pattern
	// matches reach the watchdog.
}

// Machine is one Lua state with its coroutines. Only one goroutine runs Lua
// at a time; every method except Stop and the GC cleanups must be called by
// that goroutine.
type Machine struct {
	L    *lua.LState
	opts Options
	ctx  context.Context

	abort atomic.Int32

	current  *Coroutine
	mu       sync.Mutex // guards the maps and lists below
	byHandle map[weak.Pointer[lua.LState]]*Coroutine
	live     map[*Coroutine]struct{}
	idle     []*worker
	reap     []*Coroutine

	threads []*lua.LState // idle threads for protected calls
	// callerOf links a protected call's thread to the thread that made the
	// call, so stack levels seen by debug.getinfo run on through pcall.
	callerOf map[*lua.LState]*lua.LState
	identity *lua.LFunction
	// coErrHandler records a coroutine's frames when it dies by an error
	// (deadframes.go)
	coErrHandler *lua.LFunction
	mainHook     *luaHook // debug.sethook of the main thread
	// notHandler stands for an xpcall handler that is not a function
	notHandler *lua.LFunction
	// upvalueIDs gives debug.upvalueid one value per upvalue (guarded by mu)
	upvalueIDs map[weak.Pointer[lua.Upvalue]]*lua.LUserData

	wd  watchdog
	mem *memLimiter // the memory limit's sampler (memlimit.go)
	// stopOnCancel unhooks the hard abort New arms for ctx's cancellation.
	stopOnCancel func() bool

	// the host's top-level coroutine and its in-place event loop
	hostTop  *Coroutine
	hostNext func([]lua.LValue) ([]lua.LValue, bool)
}

// New creates a machine with the base libraries and the CraftOS Lua surface.
func New(ctx context.Context, opts Options) *Machine {
	installAbortHook()
	L := lua.NewState(lua.Options{
		SkipOpenLibs:        true,
		CallStackSize:       1 << 18, // about PUC's LUAI_MAXSTACK of a million slots
		RegistrySize:        1 << 8,
		RegistryMaxSize:     1 << 20,
		RegistryGrowStep:    1 << 8,
		MinimizeStackMemory: true,
	})
	m := &Machine{
		L:        L,
		opts:     opts,
		ctx:      ctx,
		byHandle: map[weak.Pointer[lua.LState]]*Coroutine{},
		live:     map[*Coroutine]struct{}{},
		callerOf: map[*lua.LState]*lua.LState{},
	}
	machinesByGlobal.Store(L.G, m)
	m.openLibs()
	m.startMemLimit()
	// A cancelled computer stops its running code at once, even code that
	// never yields (the hard abort passes through pcall).
	m.stopOnCancel = context.AfterFunc(ctx, func() { m.setAbort(abortHard) })
	return m
}

// Close unwinds every coroutine and releases the state.
func (m *Machine) Close() {
	m.stopOnCancel()
	m.wd.stop()
	m.stopMemLimit()
	m.closeCoroutines()
	m.L.SetHook(nil, 0, 0) // hooks slow down every state of the process
	m.clearAbort()
	machinesByGlobal.Delete(m.L.G)
	m.L.Close()
}

// RunHost resumes a top-level coroutine on behalf of the host, with the
// watchdog armed for the duration of the resume.
func (m *Machine) RunHost(co *Coroutine, args []lua.LValue) ([]lua.LValue, bool) {
	m.beginHostResume()
	vals, ok := m.Resume(co, args)
	m.endHostResume()
	return vals, ok
}

// beginHostResume is done before the host hands an event to Lua: unwind
// collected coroutines, then start the watchdog's window.
func (m *Machine) beginHostResume() {
	m.reapCollected()
	m.wd.arm(m)
}

// endHostResume is done when the code yields back to the host.
func (m *Machine) endHostResume() {
	m.wd.disarm()
	if m.abort.Load() == abortSoft {
		m.clearAbort() // the code yielded before the soft abort reached it
	}
}

// HardAborted reports whether the watchdog stopped the computer.
func (m *Machine) HardAborted() bool { return m.abort.Load() == abortHard }

// watchdog raises the abort levels while one host resume lasts too long.
// One timer serves every resume: arming is a Reset, not a new timer, since
// it happens for every event the computer handles.
type watchdog struct {
	mu       sync.Mutex
	timer    *time.Timer
	active   bool      // a host resume is running
	next     int32     // the abort level the timer raises
	deadline time.Time // when it may raise it; an earlier, stale firing is ignored
	// paused holds the time left while no Lua runs inside a resume (waiting
	// for the ROM's shared compile): the window covers only running Lua.
	paused time.Duration
}

// pause stops the clock of the running resume's window; resume restarts it
// with the time that was left.
func (w *watchdog) pause() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.active {
		return
	}
	w.active = false
	w.paused = max(time.Until(w.deadline), time.Millisecond)
	w.timer.Stop()
}

func (w *watchdog) resume() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.paused == 0 {
		return
	}
	w.active = true
	w.deadline = time.Now().Add(w.paused)
	w.timer.Reset(w.paused)
	w.paused = 0
}

func (w *watchdog) arm(m *Machine) {
	if m.opts.Watchdog <= 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.active = true
	w.paused = 0
	w.next = abortSoft
	w.deadline = time.Now().Add(m.opts.Watchdog)
	if w.timer == nil {
		w.timer = time.AfterFunc(m.opts.Watchdog, func() { w.fire(m) })
	} else {
		w.timer.Reset(m.opts.Watchdog)
	}
}

func (w *watchdog) fire(m *Machine) {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := time.Now()
	if !w.active || now.Before(w.deadline) {
		return // that resume has ended, or this firing belongs to an earlier one
	}
	m.setAbort(w.next)
	if w.next == abortSoft {
		hard := m.opts.HardAbortAfter
		if hard <= 0 {
			hard = 1500 * time.Millisecond
		}
		w.next = abortHard
		w.deadline = now.Add(hard)
		w.timer.Reset(hard)
	}
}

func (w *watchdog) disarm() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.active = false
	w.paused = 0
	if w.timer != nil {
		w.timer.Stop()
	}
}

func (w *watchdog) stop() { w.disarm() }
