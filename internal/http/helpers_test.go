package http_test

import (
	"fmt"
	"net"
	"net/http"
	"os"
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

// TestMain turns off kept-alive connections in the default client the tests
// use: ports are reused across tests, and a connection pooled for an
// earlier test's server on the same port number answers EOF (seen under a
// loaded make test). Tests of keep-alive itself use their own connections.
func TestMain(m *testing.M) {
	http.DefaultTransport.(*http.Transport).DisableKeepAlives = true
	os.Exit(m.Run())
}

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
	// A socket from freePort accepts connections before Lua binds it: wait
	// until a listener has taken it, then until the port answers.
	listening := func() bool {
		if _, held := preopened.Load(port); held {
			return false
		}
		c, err := net.DialTimeout("tcp", addr(port), time.Second)
		if err == nil {
			c.Close()
		}
		return err == nil
	}
	stopped := false
	computertest.Eventually(func() bool {
		select {
		case <-r.Done():
			stopped = true
			return true
		default:
			return listening()
		}
	})
	if stopped || !listening() {
		t.Fatalf("port %d never opened (stopped: %v); stdout: %s stderr: %s", port, stopped, r.Stdout(), r.Stderr())
	}
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

// refused checks nothing listens on port any more.
func refused(t testing.TB, port int) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr(port), time.Second)
	if err == nil {
		c.Close()
		t.Fatalf("port %d still accepts connections", port)
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
