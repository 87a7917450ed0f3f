package http_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/craftos/craftos/internal/computer"
)

const helloLua = `
http.listen(PORT, function(req, res)
  res.setResponseHeader("Content-Type", "text/plain")
  res.write("Hello from CraftOS! You asked for " .. req.getURL() .. "\n")
  res.close()
end)`

// helloGo answers as helloLua does, from plain net/http: the ceiling.
func helloGo(b *testing.B) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "Hello from CraftOS! You asked for %s\n", r.RequestURI)
	})}
	go srv.Serve(l)
	b.Cleanup(func() { srv.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// benchHTTP runs b.N GET requests over 50 keep-alive connections.
func benchHTTP(b *testing.B, port int) {
	const conns = 50
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	target := url(port, "/bench")
	b.SetParallelism((conns + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Get(target)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
}

func BenchmarkHTTPHello(b *testing.B) {
	b.Run("http.listen", func(b *testing.B) {
		port := freePort(b)
		server(b, lua(helloLua, port), port)
		benchHTTP(b, port)
	})
	b.Run("net/http", func(b *testing.B) {
		benchHTTP(b, helloGo(b))
	})
}

// wsEchoLua is bench/ws.sh's Lua echo server, on port.
func wsEchoLua(b *testing.B, port int) string {
	src, err := os.ReadFile("../../bench/ws_echo_server.lua")
	if err != nil {
		b.Fatal(err)
	}
	return fmt.Sprintf("arg = {%d}\n%s", port, src)
}

// wsEchoGo is a plain coder/websocket echo server: the ceiling.
func wsEchoGo(b *testing.B) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{CompressionMode: websocket.CompressionDisabled})
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			typ, msg, err := c.Read(context.Background())
			if err != nil {
				return
			}
			if c.Write(context.Background(), typ, msg) != nil {
				return
			}
		}
	})}
	go srv.Serve(l)
	b.Cleanup(func() { srv.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// benchEcho measures round trips (send, wait for the echo) over 50
// connections.
func benchEcho(b *testing.B, port int) {
	const conns = 50
	cs := make(chan *websocket.Conn, conns)
	for range conns {
		c, _, err := websocket.Dial(context.Background(), wsURL(port), nil)
		if err != nil {
			b.Fatal(err)
		}
		defer c.CloseNow()
		cs <- c
	}
	msg := []byte(strings.Repeat("x", 64))
	b.SetParallelism((conns + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		c := <-cs
		defer func() { cs <- c }()
		ctx := context.Background()
		for pb.Next() {
			if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
				b.Error(err)
				return
			}
			if _, _, err := c.Read(ctx); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkWebSocketEcho(b *testing.B) {
	b.Run("lua", func(b *testing.B) {
		port := freePort(b)
		server(b, wsEchoLua(b, port), port)
		benchEcho(b, port)
	})
	b.Run("coder", func(b *testing.B) {
		benchEcho(b, wsEchoGo(b))
	})
}

// BenchmarkWebSocketIdleMemory connects 5,000 idle clients to a Lua
// WebSocket server in this process and reports the memory (heap in use +
// goroutine stacks) per connection, for both ends together, beside the
// same for a plain coder/websocket server that parks one reader goroutine
// per connection. The difference is what craftos adds.
func BenchmarkWebSocketIdleMemory(b *testing.B) {
	const n = 5000
	// The connections are made once per sub-benchmark, whatever b.N is:
	// the framework calls the function again with larger b.N.
	measure := func(b *testing.B, port int, ready func() bool) float64 {
		before := memInUse()
		conns := make([]*websocket.Conn, 0, n)
		defer func() {
			for _, c := range conns {
				c.CloseNow()
			}
		}()
		var mu sync.Mutex
		var wg sync.WaitGroup
		sem := make(chan struct{}, 64)
		for range n {
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				c, _, err := websocket.Dial(ctx, wsURL(port), &websocket.DialOptions{CompressionMode: websocket.CompressionDisabled})
				if err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				conns = append(conns, c)
				mu.Unlock()
			})
		}
		wg.Wait()
		deadline := time.Now().Add(30 * time.Second)
		for !ready() && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		after := memInUse()
		if len(conns) != n {
			b.Fatalf("%d of %d connected", len(conns), n)
		}
		return float64(after-before) / n / 1024
	}
	var luaKiB, coderKiB float64
	report := func(b *testing.B, kib float64) {
		b.ReportMetric(kib, "KiB/conn")
		b.ReportMetric(0, "ns/op")
	}
	b.Run("lua", func(b *testing.B) {
		if luaKiB > 0 {
			report(b, luaKiB)
			return
		}
		port := freePort(b)
		r := server(b, lua(`
local srv = assert(http.websocketServer(PORT))
local clients, n = {}, 0
while true do
  local ev, a, b = os.pullEvent()
  if ev == "websocket_server_connect" then
    clients[b.clientID] = b
    n = n + 1
    if n == N then print("all connected") end
  end
end`, port, "N", fmt.Sprint(n)), port, limits(func(l *computer.Limits) { l.MaxConnections = 2 * n }))
		luaKiB = measure(b, port, func() bool { return strings.Contains(r.Stdout(), "all connected") })
		report(b, luaKiB)
	})
	b.Run("coder", func(b *testing.B) {
		if coderKiB > 0 {
			report(b, coderKiB)
			return
		}
		var count sync.WaitGroup
		count.Add(n)
		port := wsHoldGo(b, &count)
		done := make(chan struct{})
		go func() { count.Wait(); close(done) }()
		coderKiB = measure(b, port, func() bool {
			select {
			case <-done:
				return true
			default:
				return false
			}
		})
		report(b, coderKiB)
	})
}

// wsHoldGo accepts connections and parks a reader on each.
func wsHoldGo(b *testing.B, accepted *sync.WaitGroup) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{CompressionMode: websocket.CompressionDisabled})
		if err != nil {
			return
		}
		accepted.Done()
		go func() {
			defer c.CloseNow()
			for {
				if _, _, err := c.Read(context.Background()); err != nil {
					return
				}
			}
		}()
	})}
	go srv.Serve(l)
	b.Cleanup(func() { srv.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

func memInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}
