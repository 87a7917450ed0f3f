package computer

import (
	"fmt"
	"io"
	"os"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/trace"
	"github.com/craftos/craftos/internal/vm"
)

// The event trace (Config.TraceEvents, --trace-events): the scheduler notes
// each event it delivers to the bios or discards (next), and the ROM's
// coroutine managers (parallel, multishell, cc.internal.exception.try)
// report, through a native kept in the registry only while tracing, which
// coroutines they passed it to and which they skipped. With tracing off
// c.trace is nil, the native is absent and the ROM's checks see nil.

// traceRegistryKey is where the ROM finds the reporter:
// debug.getregistry()[key](kind, co, filter, what).
const traceRegistryKey = "craftos.trace"

// openTrace starts the trace; the function returned ends it (writing the
// last event) and closes its file.
func (c *Computer) openTrace() (func(), error) {
	path := c.cfg.TraceEvents
	if path == "" {
		return func() {}, nil
	}
	var w io.Writer = traceStderr{c}
	var f *os.File
	if path != "-" {
		var err error
		if f, err = os.Create(path); err != nil {
			return nil, fmt.Errorf("trace events: %w", err)
		}
		w = f
	}
	c.trace = trace.New(w)
	return func() {
		c.trace.Flush()
		if f != nil {
			if err := f.Close(); err != nil {
				c.stderr("craftos: trace events: " + err.Error() + "\n")
			}
		}
		if err := c.trace.Err(); err != nil {
			c.stderr("craftos: trace events: " + err.Error() + "\n")
		}
	}, nil
}

// traceStderr is `--trace-events -`: lines go to the error stream after the
// output so far, or, while a full screen owns the terminal, once it closes.
type traceStderr struct{ c *Computer }

func (t traceStderr) Write(p []byte) (int, error) {
	c := t.c
	if !c.term.Plain() {
		c.errMu.Lock()
		c.pendingErr = append(c.pendingErr, p...)
		c.errMu.Unlock()
		return len(p), nil
	}
	c.term.Flush()
	return c.cfg.Stderr.Write(p)
}

// traced notes an event the scheduler took from the queue: delivered to the
// bios when passed is true, else discarded, the bios waiting with filter.
func (c *Computer) traced(ev events.Event, passed bool, filter string) {
	if c.trace == nil {
		return
	}
	if passed {
		c.trace.Delivered(ev, trace.Bios)
	} else {
		m := c.host.M
		at := m.WaitingAt(m.HostCoroutine(), isROMChunk)
		c.trace.Discarded(ev, trace.Skip{Coroutine: trace.Bios, Filter: filter, At: at})
	}
}

// traceIdle writes the last event's line before the computer waits.
func (c *Computer) traceIdle() {
	if c.trace != nil {
		c.trace.Flush()
	}
}

// installTrace starts a boot's trace (times count from the boot) and gives
// the ROM its reporter.
func (c *Computer) installTrace(m *vm.Machine) {
	if c.trace == nil {
		return
	}
	c.trace.Boot(c.clock.Now)
	m.L.G.Registry.RawSetString(traceRegistryKey, m.L.NewFunction(func(L *lua.LState) int {
		return c.traceReport(m, vm.Args{L: L})
	}))
}

// traceReport is the ROM's reporter: kind "received" or "skipped", the
// coroutine, the filter it waits with (when skipped), and optionally what
// to name it by (the function or program it runs; default the function it
// was created from).
func (c *Computer) traceReport(m *vm.Machine, a vm.Args) int {
	kind := a.String(1)
	h, ok := a.Value(2).(*lua.LState)
	if !ok {
		a.TypeError(2, "coroutine")
	}
	name := coroutineName(m, h, a.Value(4))
	switch kind {
	case "received":
		c.trace.Received(name)
	case "skipped":
		at := m.WaitingAt(m.CoroutineOf(h), isROMChunk)
		c.trace.Skipped(trace.Skip{Coroutine: name, Filter: vm.ToString(a.L, a.Value(3)), At: at})
	default:
		a.Error(1, "expected received or skipped")
	}
	return 0
}

// coroutineName is how the trace names a coroutine: what it runs (a label,
// or a function as source:line, as debug.getinfo(f, "S") shows it) and the
// coroutine's own tostring, so one coroutine reads the same wherever it
// appears.
func coroutineName(m *vm.Machine, h *lua.LState, what lua.LValue) string {
	label := ""
	switch w := what.(type) {
	case lua.LString:
		label = string(w)
	case *lua.LFunction:
		label = functionLabel(w)
	default:
		if co := m.CoroutineOf(h); co != nil {
			label = functionLabel(co.Func())
		}
	}
	if label == "" {
		return h.String()
	}
	return label + " (" + h.String() + ")"
}

func functionLabel(fn *lua.LFunction) string {
	if fn == nil {
		return ""
	}
	if fn.IsG || fn.Proto == nil {
		return "[C]"
	}
	src := strings.TrimPrefix(fn.Proto.SourceName, "@")
	return fmt.Sprintf("%s:%d", src, fn.Proto.LineDefined)
}

// isROMChunk: where a coroutine waits, the trace shows the program's line
// rather than the ROM's (os.pullEvent, sleep, the bios).
func isROMChunk(source string) bool {
	s := strings.TrimPrefix(source, "@")
	return s == "bios.lua" || strings.HasPrefix(s, "/rom/") || strings.HasPrefix(s, "rom/")
}
