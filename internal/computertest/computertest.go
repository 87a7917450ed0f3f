// Package computertest runs Lua programs on real craftos computers for
// tests: the embedded ROM, a temporary root folder, captured output.
package computertest

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/rom"
)

// Result is how a run ended.
type Result struct {
	Status int
	Err    error
	Stdout string
	Stderr string
}

// Option adjusts the computer's configuration.
type Option func(*computer.Config)

// Root uses dir as the computer's root folder (default: a new temp dir).
func Root(dir string) Option { return func(c *computer.Config) { c.Root = dir } }

// Args passes program arguments.
func Args(args ...string) Option { return func(c *computer.Config) { c.Boot.Args = args } }

// Stdin feeds standard input.
func Stdin(r io.Reader) Option { return func(c *computer.Config) { c.Stdin = r } }

// Watchdog sets the "Too long without yielding" window.
func Watchdog(d time.Duration) Option { return func(c *computer.Config) { c.Watchdog = d } }

// Limits sets the HTTP/WebSocket limits.
func Limits(l computer.Limits) Option { return func(c *computer.Config) { c.Limits = l } }

// Extensions installs natives beyond the core (http.Install).
func Extensions(e ...computer.Extension) Option {
	return func(c *computer.Config) { c.Extensions = append(c.Extensions, e...) }
}

// Boot replaces the whole boot description (e.g. the REPL).
func Boot(b computer.Boot) Option { return func(c *computer.Config) { c.Boot = b } }

// Devices lets the computer make peripherals of one kind with f (for
// periphemu.create and the specs) and attaches specs at boot.
func Devices(kind string, f peripheral.Factory, specs ...computer.PeripheralSpec) Option {
	return func(c *computer.Config) {
		c.PeripheralTypes = map[string]peripheral.Factory{kind: f}
		c.Peripherals = specs
	}
}

// Configure applies an arbitrary change.
func Configure(f func(*computer.Config)) Option { return f }

// syncBuffer is a bytes.Buffer safe to read while the computer writes.
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

// Running is a computer running in the background.
type Running struct {
	Computer *computer.Computer
	stdout   *syncBuffer
	stderr   *syncBuffer
	cancel   context.CancelFunc
	done     chan struct{}
	result   Result
}

// Stdout is what the program printed so far.
func (r *Running) Stdout() string { return r.stdout.String() }

// Stderr is what the program wrote to stderr so far.
func (r *Running) Stderr() string { return r.stderr.String() }

// Done is closed when the computer has stopped.
func (r *Running) Done() <-chan struct{} { return r.done }

// Wait waits for the computer to stop (at most timeout) and returns how it
// ended; the test fails if it does not stop in time.
func (r *Running) Wait(t testing.TB, timeout time.Duration) Result {
	t.Helper()
	select {
	case <-r.done:
	case <-time.After(timeout):
		r.cancel()
		<-r.done
		t.Fatalf("computer did not stop within %v; stdout:\n%s\nstderr:\n%s", timeout, r.Stdout(), r.Stderr())
	}
	return r.result
}

// Stop cancels the computer and waits for it.
func (r *Running) Stop() Result {
	r.cancel()
	<-r.done
	return r.result
}

// Start boots a computer running src as a program (as `craftos run`).
func Start(t testing.TB, src string, opts ...Option) *Running {
	t.Helper()
	romFS, bios, err := rom.Load("")
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	cfg := computer.Config{
		Root:   t.TempDir(),
		ROM:    romFS,
		BIOS:   bios,
		Stdout: stdout,
		Stderr: stderr,
		// CraftOS's window: the watchdog counts only running Lua, not the
		// boot's wait for the shared ROM compile.
		Watchdog: 7 * time.Second,
		Limits:   computer.DefaultLimits(),
		Boot:     computer.Boot{Kind: computer.BootRun, Source: src, Name: "test.lua", Path: "test.lua"},
	}
	for _, o := range opts {
		o(&cfg)
	}
	c := computer.New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	r := &Running{Computer: c, stdout: stdout, stderr: stderr, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		status, err := c.Run(ctx)
		r.result = Result{Status: status, Err: err, Stdout: stdout.String(), Stderr: stderr.String()}
	}()
	t.Cleanup(func() { r.cancel(); <-r.done })
	return r
}

// Run runs src to completion (at most 30 s) and returns how it ended.
func Run(t testing.TB, src string, opts ...Option) Result {
	t.Helper()
	return Start(t, src, opts...).Wait(t, 30*time.Second)
}

// WriteFile creates a file (and its folders) under dir, for fs tests.
func WriteFile(t testing.TB, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
