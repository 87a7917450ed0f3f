package ws_test

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/ws"
)

// harness accepts WebSocket connections in Go and hands each to the
// computer as a client-style handle (Key = "key"), with the client-side
// event names, so these tests cover the keyed path the http client uses.
type harness struct {
	port  int
	group *ws.Group
}

func start(t *testing.T, src string, cfg func(*ws.HandleConfig)) (*computertest.Running, *harness) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &harness{port: l.Addr().(*net.TCPAddr).Port}
	ready := make(chan *computer.Host, 1)
	install := func(h *computer.Host) error {
		hs.group = ws.NewGroup(h.Ctx)
		h.OnClose(func() { hs.group.Close(ws.Grace) })
		ready <- h
		return nil
	}
	r := computertest.Start(t, src, computertest.Extensions(install))
	host := <-ready
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		conn, err := websocket.Accept(w, req, nil)
		if err != nil {
			return
		}
		c := ws.HandleConfig{Host: host, Group: hs.group, MessageEvent: "websocket_message",
			ClosedEvent: "websocket_closed", Key: "key", MaxMessage: 1024}
		if cfg != nil {
			cfg(&c)
		}
		h := ws.NewHandle(conn, c)
		host.Queue.PushHost(events.Event{Name: "websocket_success", Args: []any{"key", h}})
		h.Start()
	})}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return r, hs
}

func (hs *harness) dial(t *testing.T) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws://127.0.0.1:"+strconv.Itoa(hs.port)+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func waitOut(t *testing.T, r *computertest.Running, s string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(r.Stdout(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("never printed %q:\n%s\n%s", s, r.Stdout(), r.Stderr())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestKeyedHandle(t *testing.T) {
	r, hs := start(t, `
local _, key, h = os.pullEvent("websocket_success")
print("success", key, type(h), h.clientID)
print("recv", h.receive())
local ev, k, msg, bin = os.pullEvent("websocket_message")
print("event", ev, k, msg, bin)
h.send("pong", true)
print("recv timeout", h.receive(0.05))
local ev, k, reason, code = os.pullEvent("websocket_closed")
print("closed", k, reason, code)
print("recv after", h.receive())
print("send after", pcall(h.send, "x"))
`, nil)
	c := hs.dial(t)
	ctx := context.Background()
	c.Write(ctx, websocket.MessageText, []byte("one"))
	c.Write(ctx, websocket.MessageBinary, []byte("two"))
	typ, msg, err := c.Read(ctx)
	if err != nil || typ != websocket.MessageBinary || string(msg) != "pong" {
		t.Fatalf("got %v %q %v", typ, msg, err)
	}
	waitOut(t, r, "recv timeout")
	c.Close(4001, "")
	res := r.Wait(t, 10*time.Second)
	for _, want := range []string{
		"success\tkey\ttable\tnil",
		"recv\tone\tfalse",
		"event\twebsocket_message\tkey\ttwo\ttrue",
		"recv timeout\tnil",
		"closed\tkey\t\t4001", // empty reason is "" (not nil), as in CraftOS-PC
		"recv after\tnil",
		"send after\tfalse\t",
	} {
		if !strings.Contains(res.Stdout, want) {
			t.Errorf("stdout lacks %q:\n%s\n%s", want, res.Stdout, res.Stderr)
		}
	}
}

// A peer that never reads is dropped once the send buffer is full, and the
// program is told why; the computer never blocks on it.
func TestSlowPeerDropped(t *testing.T) {
	r, hs := start(t, `
local _, key, h = os.pullEvent("websocket_success")
local chunk = string.rep("x", 1000)
local sent = 0
while true do
  h.send(chunk)
  sent = sent + 1
  if sent % 100 == 0 then
    local timer = os.startTimer(0)
    local ev, k, reason, code = os.pullEvent()
    if ev == "websocket_closed" then print("closed", k, reason, code) break end
  end
  if sent > 200000 then print("never dropped") break end
end
`, func(c *ws.HandleConfig) { c.SendBuffer = 256 << 10 })
	c := hs.dial(t) // and never read
	defer c.CloseNow()
	res := r.Wait(t, 30*time.Second)
	if !strings.Contains(res.Stdout, "closed\tkey\tSend buffer full (peer is not reading)\t1006") {
		t.Fatalf("stdout:\n%s\n%s", res.Stdout, res.Stderr)
	}
}

// Group.Close says goodbye with 1001 and waits for the goroutines.
func TestGroupClose(t *testing.T) {
	r, hs := start(t, `
local n = 0
while n < 3 do if os.pullEvent() == "websocket_success" then n = n + 1 end end
print("three")
os.pullEvent("never")
`, nil)
	var cs []*websocket.Conn
	for range 3 {
		cs = append(cs, hs.dial(t))
	}
	waitOut(t, r, "three")
	if n := hs.group.Len(); n != 3 {
		t.Fatalf("group has %d", n)
	}
	r.Stop()
	for _, c := range cs {
		_, _, err := c.Read(context.Background())
		if websocket.CloseStatus(err) != websocket.StatusGoingAway {
			t.Fatalf("want 1001, got %v", err)
		}
	}
	if n := hs.group.Len(); n != 0 {
		t.Fatalf("group still has %d", n)
	}
}
