package computer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/fs"
	"github.com/craftos/craftos/internal/term"
	"github.com/craftos/craftos/internal/trace"
	"github.com/craftos/craftos/internal/vm"
)

// Host is what natives see of a running computer. Extensions install their
// APIs through it and register what must be released at shutdown.
type Host struct {
	M      *vm.Machine
	Queue  *events.Queue
	Timers *events.Timers
	// Ctx is cancelled when the computer stops.
	Ctx    context.Context
	Limits Limits
	ID     int
	// Listen opens a listening socket (Config.Listen, else net.Listen).
	Listen func(network, address string) (net.Listener, error)

	mu      sync.Mutex
	closers []func()
	// holds counts event sources that may still wake the computer.
	holds atomic.Int64
}

// Hold notes an event source that may still queue an event for the
// computer (an HTTP request in flight, an open port or WebSocket); Release
// ends it. With none held, no timer pending and its input at an end, a
// computer waiting for an event would wait forever.
func (h *Host) Hold() { h.holds.Add(1) }

// Release ends what Hold began.
// The last one wakes the scheduler, which may be waiting only because
// this source could still bring an event (the virtual clock's jump).
func (h *Host) Release() {
	if h.holds.Add(-1) == 0 {
		h.Queue.Wake()
	}
}

// OnClose registers f to run when the computer stops, before its Lua state
// is closed; closers run in reverse order.
func (h *Host) OnClose(f func()) {
	h.mu.Lock()
	h.closers = append(h.closers, f)
	h.mu.Unlock()
}

// Extension installs further natives on a booting computer.
type Extension func(h *Host) error

// Computer is one CraftOS computer.
type Computer struct {
	cfg   Config
	queue *events.Queue

	label    string
	hasLabel bool
	labelMu  sync.Mutex // label is read by other computers (Label)
	started  time.Time
	// clock is the time the computer sees (clock.go).
	clock events.Clock
	// trace records events (Config.TraceEvents; trace.go), nil when off.
	trace *trace.Recorder

	// set by os.shutdown / os.reboot, read by the scheduler
	shutdown bool
	// inputEnded: a foreign ROM's typed input is over (see next).
	inputEnded bool
	// host and timers of the running boot.
	host     *Host
	timers   *events.Timers
	reboot   bool
	exitCode int

	term  *term.Terminal
	input *lineInput
	// periph is what is attached (peripherals.go); it outlives boots.
	periph *peripherals
	// full mode: what went to stderr, written once the screen is closed
	errMu      sync.Mutex
	pendingErr []byte
}

// New makes a computer from cfg.
func New(cfg Config) *Computer {
	precompileROM(cfg)
	if cfg.Stdout == nil {
		cfg.Stdout = io.Discard
	}
	if cfg.Stderr == nil {
		cfg.Stderr = io.Discard
	}
	if cfg.Stdin == nil {
		cfg.Stdin = eofReader{}
	}
	c := &Computer{cfg: cfg, queue: events.NewQueue(), label: cfg.Label, hasLabel: cfg.Label != "", clock: newClock(cfg), periph: newPeripherals()}
	to := cfg.Term
	to.Out = cfg.Stdout
	to.Post = func(name string, args ...any) {
		c.queue.PushHost(events.Event{Name: name, Args: args, Source: events.SourceTerminal})
	}
	if to.Full && to.Keys == nil {
		to.Keys = term.LoadKeyCodes(cfg.ROM)
	}
	c.term = term.New(to)
	c.input = newLineInput(cfg.Stdin, cfg.StdinIsTerminal, c.queue)
	return c
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// Queue is the computer's event queue; anything may push to it.
func (c *Computer) Queue() *events.Queue { return c.queue }

// Terminate queues a "terminate" event, as Ctrl+T does in CraftOS.
func (c *Computer) Terminate() {
	c.queue.PushHost(events.Event{Name: "terminate", Source: events.SourceSignal})
}

// HaltError is a computer stopped by its own Lua code: the bios failed, or
// the watchdog's hard abort stopped it. Message is what CraftOS shows.
type HaltError struct{ Message string }

func (e *HaltError) Error() string { return e.Message }

// ErrStopped is returned by Run when its context was cancelled.
var ErrStopped = errors.New("computer stopped")

// Run boots the computer and runs it until it shuts down. It returns the
// exit status: os.shutdown's code, 0 when the program returned, 1 when the
// bios failed (the error is also returned).
func (c *Computer) Run(ctx context.Context) (int, error) {
	defer c.input.close()
	if err := c.term.Start(); err != nil {
		return 1, err
	}
	defer c.endTerminal()
	endTrace, err := c.openTrace()
	if err != nil {
		return 1, err
	}
	defer endTrace()
	if err := c.attachConfigured(); err != nil {
		return 1, err
	}
	for {
		c.shutdown, c.reboot, c.exitCode = false, false, 0
		err := c.boot(ctx)
		if err != nil {
			return 1, err
		}
		if !c.reboot {
			return c.exitCode, nil
		}
	}
}

// boot runs one boot of the computer, from a fresh Lua state.
func (c *Computer) boot(parent context.Context) (err error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	c.started = c.clock.Now()
	c.term.Reset()
	c.queue.Clear() // events of an earlier boot are not for this one

	m := vm.New(ctx, vm.Options{Watchdog: c.cfg.Watchdog, HardAbortAfter: c.cfg.HardAbortAfter, MemoryLimit: c.cfg.Limits.MemoryLimit})
	timers := events.NewTimersOn(c.queue, c.clock)
	host := &Host{M: m, Queue: c.queue, Timers: timers, Ctx: ctx, Limits: c.cfg.Limits, ID: c.cfg.ID, Listen: c.cfg.Listen}
	if host.Listen == nil {
		host.Listen = net.Listen
	}
	c.host, c.timers = host, timers
	fsys, ferr := fs.New(c.cfg.Root, c.cfg.ROM, fs.Options{Capacity: c.cfg.Limits.DiskCapacity})
	if ferr != nil {
		return fmt.Errorf("open computer folder: %w", ferr)
	}
	defer func() {
		timers.Stop()
		cancel()
		c.periph.stop()
		host.mu.Lock()
		closers := host.closers
		host.mu.Unlock()
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
		m.Close()
		fsys.Close()
	}()

	if err := c.mountAll(fsys); err != nil {
		return err
	}
	c.installNatives(host, fsys, timers)
	c.periph.start(&peripheralHost{c: c, fsys: fsys, boot: host})
	c.seedRandom(m)
	c.installTrace(m)
	for _, ext := range c.cfg.Extensions {
		if err := ext(host); err != nil {
			return err
		}
	}

	bios, lerr := m.Load(string(c.cfg.BIOS), "@bios.lua")
	if lerr != nil {
		return fmt.Errorf("load bios: %w", lerr)
	}
	co, handle := m.NewCoroutine(bios)
	defer runtime.KeepAlive(handle) // the bios coroutine lives as long as the boot
	return c.schedule(ctx, m, co)
}

// schedule is CraftOS's event loop: resume the bios coroutine with each
// event, honouring the filter it yielded.
func (c *Computer) schedule(ctx context.Context, m *vm.Machine, co *vm.Coroutine) error {
	// The bios's yields are answered on its own goroutine; Resume returns
	// here only when it ends, fails, shuts down or the computer is stopped.
	firstYield := true
	m.ServeInPlace(co, func(yielded []lua.LValue) ([]lua.LValue, bool) {
		if firstYield {
			firstYield = false
			c.adoptForeignBIOS(ctx, m)
		}
		if c.shutdown {
			return nil, false
		}
		ev, ok := c.next(ctx, filterOf(yielded))
		if !ok {
			return nil, false
		}
		return eventArgs(m.L, ev), true
	})
	var args []lua.LValue
	for {
		vals, ok := m.RunHost(co, args)
		if !ok {
			msg := "bios error"
			if len(vals) > 0 {
				msg = vm.ToString(m.L, vals[0])
			}
			if m.HardAborted() {
				msg = vm.ErrTooLongWithoutYielding
			}
			return &HaltError{Message: msg}
		}
		if c.shutdown || co.Status() == vm.Dead {
			return nil
		}
		ev, ok := c.next(ctx, filterOf(vals))
		if !ok {
			if c.shutdown {
				return nil
			}
			return ErrStopped
		}
		args = eventArgs(m.L, ev)
	}
}

// adoptForeignBIOS notices a bios that is not ours (--rom with another
// ROM): ours takes _CRAFTOS_HOST away before it first yields. Such a bios
// reads the keyboard, so on the plain terminal standard input is typed
// into it line by line.
func (c *Computer) adoptForeignBIOS(ctx context.Context, m *vm.Machine) {
	if m.L.GetGlobal("_CRAFTOS_HOST") == lua.LNil {
		return
	}
	m.L.SetGlobal("_CRAFTOS_HOST", lua.LNil)
	if !c.term.Plain() {
		return
	}
	enter := term.DefaultKeys["enter"]
	if codes := term.LoadKeyCodes(c.cfg.ROM); codes != nil {
		if code, ok := codes["enter"]; ok {
			enter = code
		}
	}
	c.input.typeLines(ctx, enter)
}

// filterOf is the event filter a coroutine yielded: its first value when
// that is a string.
func filterOf(yielded []lua.LValue) string {
	if len(yielded) > 0 {
		if s, ok := yielded[0].(lua.LString); ok {
			return string(s)
		}
	}
	return ""
}

// next waits for the next event the filter accepts; others are discarded,
// as CraftOS does. Output is flushed before the computer goes idle.
func (c *Computer) next(ctx context.Context, filter string) (events.Event, bool) {
	for {
		ev, ok := c.queue.TryPop()
		if !ok {
			c.term.Flush()
			c.traceIdle()
			if c.inputEnded && c.idle() {
				// A foreign ROM's shell never sees the end of its input: it
				// ends as ours does there, once nothing else can come.
				c.shutdown, c.exitCode = true, 0
				return ev, false
			}
			if c.skipTime() {
				continue // a virtual clock jumped to the next timer
			}
			virtual := c.isVirtual()
			// A foreign ROM waits for input when its cursor blinks (read(),
			// the shell's prompt), or when nothing else can wake it. (Checked
			// only while its input is typed: this runs whenever the queue
			// empties, once per request on a busy server.)
			if c.input.typing.Load() && (c.term.Buffer().Blink() || c.idle()) {
				c.input.ask()
			}
			if virtual {
				// A source letting go (a request answered, a line read)
				// wakes this wait without an event: the jump is tried
				// again.
				if !c.queue.Wait(ctx) {
					return ev, false
				}
				continue
			}
			ev, ok = c.queue.Pop(ctx)
			if !ok {
				return ev, false
			}
		}
		if isInputEnded(ev) {
			c.inputEnded = true
			continue
		}
		passed := filter == "" || ev.Name == filter || ev.Name == "terminate"
		c.traced(ev, passed, filter)
		if passed {
			return ev, true
		}
	}
}

// idle reports that nothing can queue an event any more: no timer pending,
// no event source held (requests, ports, WebSockets), the queue empty.
// Holds are read first: a source queues its last event before it lets go.
func (c *Computer) idle() bool {
	return c.host.holds.Load() == 0 && c.timers.Pending() == 0 && c.queue.Len() == 0
}

func eventArgs(L *lua.LState, ev events.Event) []lua.LValue {
	vals := make([]lua.LValue, 1+len(ev.Args))
	vals[0] = lua.LString(ev.Name)
	for i, a := range ev.Args {
		vals[i+1] = vm.ToLua(L, a)
	}
	return vals
}

// Terminal is the computer's screen.
func (c *Computer) Terminal() *term.Terminal { return c.term }

// CloseTerminal gives a full-screen terminal back (for a hard exit); what
// went to stderr meanwhile is written then.
func (c *Computer) CloseTerminal() {
	c.term.Close()
	c.errMu.Lock()
	defer c.errMu.Unlock()
	if len(c.pendingErr) > 0 {
		c.cfg.Stderr.Write(c.pendingErr)
		c.pendingErr = nil
	}
}

// endTerminal ends the run's output: the screenshot, then the renderer.
func (c *Computer) endTerminal() {
	c.term.Flush()
	if c.cfg.Screenshot != "" {
		if err := c.term.Screenshot(c.cfg.Screenshot); err != nil {
			c.stderr("craftos: screenshot: " + err.Error() + "\n")
		}
	}
	c.CloseTerminal()
}

// stderr writes to the error stream, after any pending terminal output, and
// shows it on the screen kept for screenshots. A full screen owns the
// terminal, so there the text waits until it is closed.
func (c *Computer) stderr(s string) {
	if !c.term.Plain() {
		c.errMu.Lock()
		c.pendingErr = append(c.pendingErr, term.Printable(s)...)
		c.errMu.Unlock()
		return
	}
	c.term.Flush()
	io.WriteString(c.cfg.Stderr, term.Printable(s))
	c.term.WriteError(s)
}
