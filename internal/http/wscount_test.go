package http_test

import (
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
)

// Connections accepted by a WebSocket server count toward the limit on
// open WebSockets that http.websocket enforces, as in CraftOS-PC.
func TestServerSocketsCountTowardClientLimit(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(`
		local srv = http.websocketServer(PORT)
		local client = srv.listen()
		print("accepted")
		print(pcall(http.websocket, "ws://127.0.0.1:PORT/"))
		client.close()
		srv.close()
	`, port), port, limits(func(l *computer.Limits) { l.MaxWebSockets = 1 }))
	c := dial(t, port)
	defer c.CloseNow()
	res := r.Wait(t, 10*time.Second)
	if !strings.Contains(res.Stdout, "accepted\nfalse") || !strings.Contains(res.Stdout, "Too many websockets already open") {
		t.Fatalf("stdout %q, want the client refused past the limit", res.Stdout)
	}
}
