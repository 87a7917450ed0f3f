package http_test

import (
	"fmt"
	"net"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/events"
	crafthttp "github.com/craftos/craftos/internal/http"
)

// preopened holds the sockets freePort opened, by port, until a listener
// takes them through listen.
var preopened sync.Map // int -> net.Listener

// freePort opens a socket on a free port and keeps it open for the Lua
// listener that binds that port (through listen), so no other test can take
// the port in between. An unused socket is closed when the test ends.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	preopened.Store(port, l)
	t.Cleanup(func() {
		if l, ok := preopened.LoadAndDelete(port); ok {
			l.(net.Listener).Close()
		}
	})
	return port
}

// listen is the computers' Listen in these tests: a port from freePort is
// served on the socket already open for it.
func listen(network, address string) (net.Listener, error) {
	if _, p, err := net.SplitHostPort(address); err == nil {
		if port, err := strconv.Atoi(p); err == nil {
			if l, ok := preopened.LoadAndDelete(port); ok {
				return l.(net.Listener), nil
			}
		}
	}
	return net.Listen(network, address)
}

// withHTTP installs the http API with the tests' listen.
func withHTTP() []computertest.Option {
	return []computertest.Option{
		computertest.Extensions(crafthttp.Install),
		computertest.Configure(func(c *computer.Config) { c.Listen = listen }),
	}
}

// lua fills PORT (and any other NAME=value pairs) into a Lua source.
func lua(src string, port int, kv ...string) string {
	src = strings.ReplaceAll(src, "PORT", strconv.Itoa(port))
	for i := 0; i+1 < len(kv); i += 2 {
		src = strings.ReplaceAll(src, kv[i], kv[i+1])
	}
	return src
}

// server runs a Lua program with the http API and waits until port
// accepts connections.
func server(t testing.TB, src string, port int, opts ...computertest.Option) *computertest.Running {
	t.Helper()
	opts = append(withHTTP(), opts...)
	r := computertest.Start(t, src, opts...)
	waitListening(t, r, port)
	return r
}

func waitListening(t testing.TB, r *computertest.Running, port int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr(port), time.Second)
		if err == nil {
			c.Close()
			return
		}
		select {
		case <-r.Done():
			t.Fatalf("program ended before listening:\nstdout: %s\nstderr: %s", r.Stdout(), r.Stderr())
		case <-time.After(5 * time.Millisecond):
		}
	}
	t.Fatalf("port %d never opened; stdout: %s stderr: %s", port, r.Stdout(), r.Stderr())
}

func addr(port int) string { return "127.0.0.1:" + strconv.Itoa(port) }

func url(port int, path string) string { return "http://" + addr(port) + path }

// limits returns the default limits changed by f.
func limits(f func(*computer.Limits)) computertest.Option {
	l := computer.DefaultLimits()
	f(&l)
	return computertest.Limits(l)
}

// event queues an event on the running computer (as os.queueEvent would).
func event(r *computertest.Running, name string, args ...any) {
	r.Computer.Queue().Push(events.Event{Name: name, Args: args})
}

// waitFor polls until the program's output contains s.
func waitFor(t testing.TB, r *computertest.Running, s string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(r.Stdout(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("never printed %q; stdout:\n%s\nstderr:\n%s", s, r.Stdout(), r.Stderr())
		}
		select {
		case <-r.Done():
			if !strings.Contains(r.Stdout(), s) {
				t.Fatalf("ended without printing %q; stdout:\n%s\nstderr:\n%s", s, r.Stdout(), r.Stderr())
			}
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// refused checks nothing listens on port any more.
func refused(t testing.TB, port int) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr(port), time.Second)
	if err == nil {
		c.Close()
		t.Fatalf("port %d still accepts connections", port)
	}
}

// goroutines records the goroutine count and returns a check that it came
// back (allowing for runtime and test-client stragglers).
func goroutines(t testing.TB) func() {
	t.Helper()
	start := runtime.NumGoroutine()
	return func() {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= start+3 {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Fatalf("goroutines: %d at start, %d after stop\n%s", start, n, buf)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

func mustf(t testing.TB, ok bool, format string, args ...any) {
	t.Helper()
	if !ok {
		t.Fatalf(format, args...)
	}
}

var _ = fmt.Sprintf

var crafthttpInstall = crafthttp.Install
