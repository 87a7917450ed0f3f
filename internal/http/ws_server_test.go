package http_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

func wsURL(port int) string { return fmt.Sprintf("ws://127.0.0.1:%d/", port) }

func dial(t testing.TB, port int) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, wsURL(port), nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	c.SetReadLimit(-1)
	return c
}

func read(t testing.TB, c *websocket.Conn) (websocket.MessageType, []byte, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return c.Read(ctx)
}

func write(t testing.TB, c *websocket.Conn, typ websocket.MessageType, msg []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Write(ctx, typ, msg); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// wsEcho echoes every message with its type, reporting the events.
const wsEcho = `
local srv = assert(http.websocketServer(PORT))
local clients = {}
while true do
  local ev, a, b, c = os.pullEvent()
  if ev == "websocket_server_connect" then
    print("connect", a == PORT, type(b), type(b.clientID), type(b.send), type(b.receive), type(b.close))
    clients[b.clientID] = b
  elseif ev == "websocket_server_message" then
    local h = clients[a]
    if b == "quit" then break end
    h.send(b, c)
  elseif ev == "websocket_server_closed" then
    print("closed", clients[a] ~= nil, b, c)
    clients[a] = nil
  end
end
srv.close()
print("done")
`

func TestWebSocketEchoAndEvents(t *testing.T) {
	computertest.CheckGoroutines(t)
	port := freePort(t)
	r := server(t, lua(wsEcho, port), port)

	c := dial(t, port)
	write(t, c, websocket.MessageText, []byte("hello"))
	typ, msg, err := read(t, c)
	mustf(t, err == nil && typ == websocket.MessageText && string(msg) == "hello", "text echo: %v %v %q", err, typ, msg)
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	write(t, c, websocket.MessageBinary, all)
	typ, msg, err = read(t, c)
	mustf(t, err == nil && typ == websocket.MessageBinary && bytes.Equal(msg, all), "binary echo: %v %v %q", err, typ, msg)
	// A fragmented message arrives whole.
	w, err := c.Writer(context.Background(), websocket.MessageText)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "frag")
	io.WriteString(w, "mented")
	w.Close()
	_, msg, err = read(t, c)
	mustf(t, err == nil && string(msg) == "fragmented", "fragmented: %v %q", err, msg)
	// Pings are answered (and pongs never reach Lua).
	// Ping needs a reader; it ends when the connection closes. (Its
	// context must not end first: that would drop the connection.)
	go c.Read(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	err = c.Ping(ctx)
	cancel()
	mustf(t, err == nil, "ping: %v", err)
	c.Close(4000, "bye now")
	r.WaitOutput(t, "closed\ttrue\tbye now\t4000")

	c2 := dial(t, port)
	write(t, c2, websocket.MessageText, []byte("x"))
	read(t, c2)
	c2.CloseNow() // no Close frame: closed event without reason and code
	r.WaitOutput(t, "closed\ttrue\tnil\tnil")

	c3 := dial(t, port)
	write(t, c3, websocket.MessageText, []byte("quit"))
	res := r.Wait(t, 10*time.Second)
	c3.CloseNow()
	for _, want := range []string{
		"connect\ttrue\ttable\tuserdata\tfunction\tfunction\tfunction",
		"closed\ttrue\tbye now\t4000",
		"closed\ttrue\tnil\tnil",
		"done",
	} {
		mustf(t, strings.Contains(res.Stdout, want), "stdout lacks %q:\n%s\n%s", want, res.Stdout, res.Stderr)
	}
	mustf(t, strings.Count(res.Stdout, "connect\t") == 3, "connects:\n%s", res.Stdout)
	refused(t, port)
}

func TestWebSocketManyClients(t *testing.T) {
	const clients, msgs = 200, 10
	port := freePort(t)
	server(t, lua(wsEcho, port), port)
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range clients {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c, _, err := websocket.Dial(ctx, wsURL(port), nil)
			if err != nil {
				errs <- err
				return
			}
			defer c.CloseNow()
			for j := range msgs {
				want := fmt.Sprintf("client %d message %d", i, j)
				if err := c.Write(ctx, websocket.MessageText, []byte(want)); err != nil {
					errs <- err
					return
				}
				_, got, err := c.Read(ctx)
				if err != nil || string(got) != want {
					errs <- fmt.Errorf("got %q (%v), want %q", got, err, want)
					return
				}
			}
			c.Close(websocket.StatusNormalClosure, "")
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// The handle API: listen with and without timeout, receive with timeout,
// local close (Close frame at once, no event), closed-file errors, server
// close keeping clients.
func TestWebSocketHandleAPI(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(strip+`
local srv = assert(http.websocketServer(PORT))
print("second", http.websocketServer(PORT))
print("listen timeout", srv.listen(0.1))
os.queueEvent("ready")
local h = srv.listen()
print("recv", h.receive())
print("recv timeout", h.receive(0.1))
srv.close() srv.close()
print("listen closed", strip(pcall(srv.listen)))
os.queueEvent("srv_closed")
print("recv2", h.receive(5))
h.send("from lua")
h.send(42, true)
h.close() h.close()
print("send closed", strip(pcall(h.send, "x")))
print("recv closed", strip(pcall(h.receive)))
local timer = os.startTimer(0.3)
while true do
  local ev, p1 = os.pullEvent()
  if ev == "websocket_server_closed" then print("unexpected closed event") end
  if ev == "timer" and p1 == timer then break end
end
print("end")
`, port), port)
	r.WaitOutput(t, "listen timeout\tnil")
	c := dial(t, port)
	defer c.CloseNow()
	write(t, c, websocket.MessageText, []byte("one"))
	r.WaitOutput(t, "recv timeout\tnil")
	r.WaitOutput(t, "listen closed")
	refused(t, port) // server closed: the port is free, the client stays
	write(t, c, websocket.MessageBinary, []byte("two"))
	typ, msg, err := read(t, c)
	mustf(t, err == nil && typ == websocket.MessageText && string(msg) == "from lua", "got %v %q %v", typ, msg, err)
	typ, msg, err = read(t, c)
	mustf(t, err == nil && typ == websocket.MessageBinary && string(msg) == "42", "got %v %q %v", typ, msg, err)
	_, _, err = read(t, c)
	mustf(t, websocket.CloseStatus(err) == websocket.StatusNormalClosure, "want close 1000, got %v", err)
	res := r.Wait(t, 10*time.Second)
	for _, want := range []string{
		"second\tnil\tPort already in use",
		"recv\tone\tfalse",
		"listen closed\tfalse\tattempt to use a closed file",
		"recv2\ttwo\ttrue",
		"send closed\tfalse\tattempt to use a closed file",
		"recv closed\tfalse\tattempt to use a closed file",
		"end",
	} {
		mustf(t, strings.Contains(res.Stdout, want), "stdout lacks %q:\n%s\n%s", want, res.Stdout, res.Stderr)
	}
	mustf(t, !strings.Contains(res.Stdout, "unexpected"), "stdout:\n%s", res.Stdout)
}

func TestWebSocketOversize(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(strip+`
local srv = assert(http.websocketServer(PORT))
local h = srv.listen()
print("send big", strip(pcall(h.send, string.rep("x", 1025))))
h.send(string.rep("y", 1024))
local ev, id, reason, code = os.pullEvent("websocket_server_closed")
print("closed", id == h.clientID, reason, code)
print("recv after", h.receive())
print("send big after", strip(pcall(h.send, string.rep("x", 2000))))
print("send after", strip(pcall(h.send, "x")))
`, port), port, limits(func(l *computer.Limits) { l.MaxWebSocketMessage = 1024 }))
	c := dial(t, port)
	defer c.CloseNow()
	_, msg, err := read(t, c)
	mustf(t, err == nil && len(msg) == 1024, "got %d bytes, %v", len(msg), err)
	write(t, c, websocket.MessageText, bytes.Repeat([]byte("z"), 2000))
	_, _, err = read(t, c)
	mustf(t, websocket.CloseStatus(err) == websocket.StatusMessageTooBig, "want close 1009, got %v", err)
	res := r.Wait(t, 10*time.Second)
	for _, want := range []string{
		"send big\tfalse\tMessage is too large",
		"closed\ttrue\tMessage is too large\t1006",
		"recv after\tnil",
		"send big after\tfalse\tMessage is too large",
		"send after\tfalse\tattempt to use a closed file",
	} {
		mustf(t, strings.Contains(res.Stdout, want), "stdout lacks %q:\n%s\n%s", want, res.Stdout, res.Stderr)
	}
}

func TestWebSocketTerminate(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(`
local srv = assert(http.websocketServer(PORT))
print("listen", pcall(srv.listen))
os.queueEvent("next")
local h = srv.listen()
print("connected")
print("receive", pcall(h.receive))
`, port), port)
	r.Computer.Terminate()
	r.WaitOutput(t, "listen\tfalse\tTerminated")
	c := dial(t, port)
	defer c.CloseNow()
	r.WaitOutput(t, "connected")
	r.Computer.Terminate()
	res := r.Wait(t, 10*time.Second)
	mustf(t, strings.Contains(res.Stdout, "receive\tfalse\tTerminated"), "stdout:\n%s\n%s", res.Stdout, res.Stderr)
}

// The program ending closes the server and every connection with 1001,
// and leaves no goroutine behind. Plain HTTP requests get 426 and no event.
func TestWebSocketShutdown(t *testing.T) {
	computertest.CheckGoroutines(t)
	port := freePort(t)
	r := server(t, lua(`
local srv = assert(http.websocketServer(PORT))
local n = 0
while n < 20 do
  local ev = os.pullEvent()
  if ev == "websocket_server_connect" then n = n + 1 end
  if ev == "http_request" then print("unexpected request") end
end
print("all connected")
os.pullEvent("step")
`, port), port)
	resp, err := http.Get(url(port, "/plain"))
	mustf(t, err == nil && resp.StatusCode == http.StatusUpgradeRequired, "plain request: %v %v", resp, err)
	resp.Body.Close()
	var conns []*websocket.Conn
	for range 20 {
		conns = append(conns, dial(t, port))
	}
	r.WaitOutput(t, "all connected")
	event(r, "step")
	res := r.Wait(t, 10*time.Second)
	mustf(t, !strings.Contains(res.Stdout, "unexpected"), "stdout:\n%s", res.Stdout)
	for _, c := range conns {
		_, _, err := read(t, c)
		var ce websocket.CloseError
		mustf(t, errors.As(err, &ce) && ce.Code == websocket.StatusGoingAway, "want 1001, got %v", err)
		c.CloseNow()
	}
	refused(t, port)
	http.DefaultClient.CloseIdleConnections()
}
