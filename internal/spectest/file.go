package spectest

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/vm"
)

//go:embed runner.lua
var runnerSource string

// runnerName is the runner chunk's name in tracebacks.
const runnerName = "(craftos test)"

// backstopGrace is how long past its timeout a test may still run before
// its computer is stopped from outside (code that ignores the timeout's
// "terminate"); the tests after it run on a new computer.
var backstopGrace = 3 * time.Second

// runFile runs one spec file on fresh computers rooted at a scratch copy of
// the project: one computer normally; if a test stops its computer (a hard
// abort, os.shutdown, the backstop), that test is reported and a new
// computer runs the tests after it.
func (r *runner) runFile(ctx context.Context, spec Spec) *File {
	f := &File{Spec: spec, Started: time.Now()}
	defer func() { f.Duration = time.Since(f.Started) }()
	scratch, err := os.MkdirTemp("", "craftos-test-*")
	if err != nil {
		f.Tests = append(f.Tests, fileError(err.Error()))
		return f
	}
	defer os.RemoveAll(scratch)
	if err := copyProject(r.root, scratch); err != nil {
		f.Tests = append(f.Tests, fileError("copy the project: "+err.Error()))
		return f
	}
	var out syncBuffer
	skip := 0
	for {
		n := &natives{r: r, f: f, skip: skip}
		cfg := r.o.Computer()
		cfg.Root = scratch
		cfg.Stdin = nil
		cfg.StdinIsTerminal = false
		cfg.Stdout, cfg.Stderr = &out, &out
		switch cfg.TraceEvents {
		case "":
		case "-":
			// The trace goes to the computer's error stream: ours, then.
			cfg.Stderr = r.o.Stderr
		default:
			if r.specs > 1 { // a trace file per spec file
				cfg.TraceEvents += "." + strings.ReplaceAll(spec.Inside, "/", "_")
			}
		}
		cfg.Screenshot = ""
		cfg.Boot = computer.Boot{Kind: computer.BootRun, Source: runnerSource, Name: runnerName, Path: spec.Inside}
		cfg.Extensions = append(append([]computer.Extension{}, cfg.Extensions...), n.install)
		runCtx, cancel := context.WithCancel(ctx)
		n.cancel = cancel
		n.backstopAfter = r.o.Timeout + backstopGrace
		status, err := computer.New(cfg).Run(runCtx)
		cancel()
		n.stopTimers()
		if n.done {
			break
		}
		why := stopReason(n, status, err)
		if ctx.Err() != nil {
			why = "the run was cancelled"
		}
		if n.current == 0 || ctx.Err() != nil {
			t := fileError(why)
			t.Trace = strings.TrimSpace(out.String())
			f.Tests = append(f.Tests, t)
			break
		}
		t := n.declared[n.current]
		t.Status, t.Message, t.Duration = Error, why, time.Since(n.started)
		if n.stoppedByBackstop() {
			t.Status = Timeout
		}
		f.Tests = append(f.Tests, t)
		skip = n.current
	}
	f.Output = out.String()
	return f
}

// stopReason says why a computer stopped before the runner was done.
func stopReason(n *natives, status int, err error) string {
	switch {
	case n.stoppedByBackstop():
		return fmt.Sprintf("timed out after %s, and did not stop: its computer was stopped", seconds(n.r.o.Timeout))
	case err != nil:
		return "the computer stopped: " + err.Error()
	default:
		return fmt.Sprintf("the computer shut down (status %d) before the tests were done", status)
	}
}

func fileError(msg string) *Test {
	return &Test{Name: "(file)", Status: Error, Message: msg}
}

// natives is the `craftos_test` table the runner talks to the host with:
// one per computer, called on its goroutine (the timers take mu).
type natives struct {
	r      *runner
	f      *File
	host   *computer.Host
	skip   int
	cancel context.CancelFunc

	declared map[int]*Test
	current  int // the test running now (0: none)
	started  time.Time
	done     bool

	mu            sync.Mutex
	timer         *time.Timer // queues "terminate" when the test's time is up
	armed         bool        // timer has not fired nor been stopped
	timedOut      bool        // it did
	backstopTimer *time.Timer
	backstopAfter time.Duration
	backstop      bool // the backstop stopped the computer
}

func (n *natives) install(h *computer.Host) error {
	n.host = h
	h.M.Register("craftos_test", n)
	return nil
}

// Config returns the runner's settings: the spec's path inside the
// computer, whether to count lines, how many tests to skip (a restart).
func (n *natives) Config(a vm.Args) int {
	t := a.L.NewTable()
	t.RawSetString("spec", lua.LString(n.f.Spec.Inside))
	t.RawSetString("coverage", lua.LBool(n.r.o.Coverage != ""))
	t.RawSetString("skip", lua.LNumber(n.skip))
	return a.Return(t)
}

// Declare notes a collected test: its id, describe path ("\31"-separated),
// name and definition.
func (n *natives) Declare(a vm.Args) int {
	if n.declared == nil {
		n.declared = map[int]*Test{}
	}
	t := &Test{ID: a.Int(1), Name: a.String(3), Location: n.hostLocation(a.String(4))}
	if p := a.String(2); p != "" {
		t.Path = strings.Split(p, "\x1f")
	}
	n.declared[t.ID] = t
	return 0
}

// hostLocation shows a position in the spec ("spec/x_spec.lua:3", its path
// inside the computer) with the spec's path on the host.
func (n *natives) hostLocation(loc string) string {
	if rest, ok := strings.CutPrefix(loc, n.f.Spec.Inside+":"); ok {
		return n.f.Spec.Host + ":" + rest
	}
	return loc
}

// Selected says whether --filter keeps test id.
func (n *natives) Selected(a vm.Args) int {
	t := n.declared[a.Int(1)]
	ok := t != nil && (n.r.filter == nil || n.r.filter.MatchString(t.FullName()))
	return a.Return(lua.LBool(ok))
}

// Start begins test id (again, for its after_each once it timed out): it
// arms the timeout and the backstop.
func (n *natives) Start(a vm.Args) int {
	id := a.Int(1)
	if n.current != id {
		n.current, n.started = id, time.Now()
	}
	n.stopTimers()
	timeout := n.r.o.Timeout
	n.mu.Lock()
	defer n.mu.Unlock()
	n.timedOut = false
	if timeout <= 0 {
		return 0
	}
	// The timeout is real time, and not an event source the computer
	// waits for (Host.Hold): a virtual clock jumps over it.
	n.armed = true
	n.timer = time.AfterFunc(timeout, func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.armed {
			n.armed, n.timedOut = false, true
			n.host.Queue.PushHost(events.Event{Name: "terminate"})
		}
	})
	n.backstopTimer = time.AfterFunc(n.backstopAfter, func() {
		n.mu.Lock()
		n.backstop = true
		n.mu.Unlock()
		n.cancel()
	})
	return 0
}

// TimedOut says whether the running test's time ran out (its
// "Terminated" is the timeout's, not a Ctrl-C).
func (n *natives) TimedOut(a vm.Args) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return a.Return(lua.LBool(n.timedOut && n.current == a.Int(1)))
}

func (n *natives) stoppedByBackstop() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.backstop
}

func (n *natives) stopTimers() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.timer != nil {
		n.timer.Stop()
		n.timer = nil
	}
	n.armed = false
	if n.backstopTimer != nil {
		n.backstopTimer.Stop()
		n.backstopTimer = nil
	}
}

// Finish reports test id: status, and for a failure its message, location
// and traceback.
func (n *natives) Finish(a vm.Args) int {
	id := a.Int(1)
	n.stopTimers()
	t := n.declared[id]
	if t == nil {
		a.Fail("no test %d", id)
	}
	t.Status = Status(a.String(2))
	t.Message = a.OptString(3, "")
	if loc := a.OptString(4, ""); loc != "" {
		t.Location = loc
	}
	t.Location = n.hostLocation(t.Location)
	t.Trace = a.OptString(5, "")
	if n.current == id {
		t.Duration = time.Since(n.started)
		n.current = 0
	}
	if t.Status == Timeout {
		t.Message = fmt.Sprintf("timed out after %s", seconds(n.r.o.Timeout))
	}
	n.f.Tests = append(n.f.Tests, t)
	return 0
}

// Coverage takes the line counts: "chunk\tline\tcount" lines.
func (n *natives) Coverage(a vm.Args) int {
	if n.f.coverage == nil {
		n.f.coverage = map[string]map[int]int{}
	}
	for _, row := range strings.Split(a.String(1), "\n") {
		parts := strings.Split(row, "\t")
		if len(parts) != 3 {
			continue
		}
		line, err1 := strconv.Atoi(parts[1])
		count, err2 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil {
			continue
		}
		m := n.f.coverage[parts[0]]
		if m == nil {
			m = map[int]int{}
			n.f.coverage[parts[0]] = m
		}
		m[line] += count
	}
	return 0
}

// Done says every test ran.
func (n *natives) Done(a vm.Args) int {
	n.done = true
	return 0
}

func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}

// syncBuffer collects a computer's output.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
