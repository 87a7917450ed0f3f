package http_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/craftos/craftos/internal/computertest"
)

// examples/ws_chat.lua: a client whose handler sleeps ("/slow") and who
// reads nothing does not hold up the others, and gets its answer later.
func TestWSChatExample(t *testing.T) {
	src, err := os.ReadFile("../../examples/ws_chat.lua")
	if err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	r := server(t, string(src), port, computertest.Args(strconv.Itoa(port)))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	join := func(name string) *websocket.Conn {
		c := dial(t, port)
		t.Cleanup(func() { c.CloseNow() })
		expectMsg(t, ctx, c, "Welcome! What is your name?")
		c.Write(ctx, websocket.MessageText, []byte(name))
		r.WaitOutput(t, name+" joined")
		return c
	}
	slow := join("slow")
	alice := join("alice")
	expectMsg(t, ctx, slow, "alice joined")
	bob := join("bob")
	expectMsg(t, ctx, alice, "bob joined")
	// slow's handler sleeps 5 s, and slow reads nothing from now on.
	slow.Write(ctx, websocket.MessageText, []byte("/slow"))
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	for i := range 3 {
		alice.Write(ctx, websocket.MessageText, []byte(fmt.Sprint("hello ", i)))
		expectMsg(t, ctx, bob, fmt.Sprint("alice: hello ", i))
		bob.Write(ctx, websocket.MessageText, []byte(fmt.Sprint("hi ", i)))
		expectMsg(t, ctx, alice, fmt.Sprint("bob: hi ", i))
	}
	mustf(t, time.Since(start) < 2*time.Second, "chat stalled for %v while a handler slept", time.Since(start))
	// Everything sent to slow meanwhile waits for it, in order.
	expectMsg(t, ctx, slow, "bob joined")
	for i := range 3 {
		expectMsg(t, ctx, slow, fmt.Sprint("alice: hello ", i))
		expectMsg(t, ctx, slow, fmt.Sprint("bob: hi ", i))
	}
	expectMsg(t, ctx, slow, "(you waited 5 seconds)")
	mustf(t, time.Since(start) > 4*time.Second, "slow's answer came after %v, before its sleep ended", time.Since(start))
	alice.Write(ctx, websocket.MessageText, []byte("/shutdown"))
	r.WaitOutput(t, "Stopped")
	r.Wait(t, 10*time.Second)
}

func expectMsg(t *testing.T, ctx context.Context, c *websocket.Conn, want string) {
	t.Helper()
	_, got, err := c.Read(ctx)
	mustf(t, err == nil && string(got) == want, "got %q (%v), want %q", got, err, want)
}
