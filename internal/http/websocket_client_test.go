package http

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// wsEchoServer is a coder/websocket echo server: every message comes back with
// its type, "echo:" prefixed for text; "close <code> <reason>" makes it
// close, "drop" makes it vanish without a Close frame, "push" makes it send
// a message unprompted, "headers" answers with the handshake's User-Agent.
func wsEchoServer(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/plain" {
			http.Error(w, "nope", http.StatusNotFound)
			return
		}
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		c.SetReadLimit(1 << 20)
		ctx := r.Context()
		for {
			typ, msg, err := c.Read(ctx)
			if err != nil {
				return
			}
			s := string(msg)
			switch {
			case strings.HasPrefix(s, "close "):
				var code int
				var reason string
				parts := strings.SplitN(s, " ", 3)
				code = atoi(parts[1])
				if len(parts) > 2 {
					reason = parts[2]
				}
				c.Close(websocket.StatusCode(code), reason)
				return
			case s == "drop":
				return
			case s == "headers":
				c.Write(ctx, websocket.MessageText, []byte(r.Header.Get("User-Agent")+"|"+r.Header.Get("X-Token")))
			case s == "big":
				c.Write(ctx, websocket.MessageBinary, make([]byte, 200<<10))
			case typ == websocket.MessageText:
				c.Write(ctx, typ, append([]byte("echo:"), msg...))
			default:
				c.Write(ctx, typ, msg)
			}
		}
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestWebSocketClient(t *testing.T) {
	computertest.CheckGoroutines(t)
	base := wsEchoServer(t)
	tests := []struct{ name, src, want string }{
		{"connect, send, receive, close", `
			local ws = assert(http.websocket(base))
			ws.send("hi")
			print(ws.receive())
			ws.send(42)
			print(ws.receive(5))
			ws.close()
			ws.close()
			print((select(2, pcall(ws.send, "x")):gsub("^[^:]+:%d+: ", "")))
			print((select(2, pcall(ws.receive)):gsub("^[^:]+:%d+: ", "")))`,
			"echo:hi\tfalse\necho:42\tfalse\n" +
				"attempt to use a closed file\nattempt to use a closed file\n"},
		{"binary, every byte value", `
			local all = {}
			for i = 0, 255 do all[#all + 1] = string.char(i) end
			all = table.concat(all)
			local ws = assert(http.websocket(base))
			ws.send(all, true)
			local msg, binary = ws.receive()
			print(msg == all, binary)
			ws.close()`,
			"true\ttrue\n"},
		{"table form", `
			local ws = assert(http.websocket{url = base, headers = {["X-Token"] = "t"}, timeout = 5})
			ws.send("headers")
			print(ws.receive())
			ws.close()`,
			"computercraft/1.116.1 craftos/" + computer.Version + "|t\tfalse\n"},
		{"receive timeout", `
			local ws = assert(http.websocket(base))
			local t = os.clock()
			print(ws.receive(0.1))
			ws.close()`,
			"nil\n"},
		{"async events", `
			print(http.websocketAsync(base))
			local ev, url, ws = os.pullEvent("websocket_success")
			print(ev, url == base, type(ws))
			ws.send("x")
			print(os.pullEvent("websocket_message"))
			ws.close()`,
			"true\tnil\nwebsocket_success\ttrue\ttable\nwebsocket_message\t" + base + "\techo:x\tfalse\n"},
		{"remote close", `
			local ws = assert(http.websocket(base))
			ws.send("close 4000 bye!")
			print(os.pullEvent("websocket_closed"))
			print(ws.receive())`,
			"websocket_closed\t" + base + "\tbye!\t4000\nnil\n"},
		{"remote close ends receive", `
			local ws = assert(http.websocket(base))
			ws.send("close 1000")
			print(ws.receive())`,
			"nil\n"},
		{"local close queues no event", `
			local ws = assert(http.websocket(base))
			ws.close()
			os.startTimer(0.2)
			print(os.pullEvent())`,
			"timer\t1\n"},
		{"too large to send", `
			local ws = assert(http.websocket(base))
			local ok, err = pcall(ws.send, ("x"):rep(128 * 1024 + 1))
			print(ok, (err:gsub("^[^:]+:%d+: ", "")))
			ws.close()`,
			"false\tMessage is too large\n"},
		{"too large to receive", `
			local ws = assert(http.websocket(base))
			ws.send("big")
			print(os.pullEvent("websocket_closed"))`,
			"websocket_closed\t" + base + "\tMessage is too large\t1006\n"},
		{"too many websockets", `
			local open = {}
			for i = 1, 4 do open[i] = assert(http.websocket(base)) end
			local ok, err = pcall(http.websocket, base)
			print(ok, (err:gsub("^[^:]+:%d+: ", "")))
			open[1].close()
			-- the slot frees once the connection is down
			for i = 1, 100 do
				local ok = pcall(http.websocketAsync, base)
				if ok then print("reopened") break end
				sleep(0.02)
			end
			for i = 2, 4 do open[i].close() end`,
			"false\tToo many websockets already open\nreopened\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runLua(t, tt.src, base)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWebSocketFailures(t *testing.T) {
	computertest.CheckGoroutines(t)
	base := wsEchoServer(t)
	refused := closedPort(t)
	deny := computertest.Limits(func() computer.Limits {
		l := testLimits()
		l.HTTPBlockPrivate = true
		return l
	}())
	tests := []struct {
		name, url, want string
		immediate       bool // native answers false, reason
		opts            []computertest.Option
	}{
		{name: "refused", url: "ws://" + refused + "/", want: "Could not connect"},
		{name: "unknown host", url: "ws://nonexistent.invalid/", want: "Unknown host"},
		{name: "not a websocket", url: base + "/plain", want: "Invalid handshake response: 404 Not Found"},
		{name: "blocked", url: base, want: "Domain not permitted", opts: []computertest.Option{deny}},
		{name: "bad scheme", url: "http://example.com/", want: "Invalid scheme 'http'", immediate: true},
		{name: "malformed", url: "ws://", want: "URL malformed", immediate: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `
				print(http.websocket(base))
				print(http.websocketAsync(base))
				local ev, u, reason = os.pullEvent("websocket_failure")
				print(ev, u == base, reason)`
			first := "true\tnil"
			if tt.immediate {
				first = "false\t" + tt.want
			}
			want := "false\t" + tt.want + "\n" + first + "\nwebsocket_failure\ttrue\t" + tt.want + "\n"
			if got := runLua(t, src, tt.url, tt.opts...); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
	t.Run("handshake timeout", func(t *testing.T) {
		// A listener that accepts and never answers.
		hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}))
		t.Cleanup(hang.Close)
		src := `print(http.websocket{url = base, timeout = 0.2})`
		if got, want := runLua(t, src, "ws"+strings.TrimPrefix(hang.URL, "http")), "false\tTimed out\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// TestWebSocketServerGoesAway checks that an abrupt drop is reported.
func TestWebSocketServerGoesAway(t *testing.T) {
	computertest.CheckGoroutines(t)
	base := wsEchoServer(t)
	src := `
		local ws = assert(http.websocket(base))
		ws.send("drop")
		local ev, u, reason, code = os.pullEvent("websocket_closed")
		print(ev, u == base)`
	if got := runLua(t, src, base); got != "websocket_closed\ttrue\n" {
		t.Errorf("got %q", got)
	}
}
