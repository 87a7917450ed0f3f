package http_test

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// rawWS does a WebSocket handshake by hand, for frames no library sends.
func rawWS(t *testing.T, port int) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, br, resp := openExchange(t, port, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
	if resp.StatusCode != 101 {
		t.Fatalf("handshake: %v", resp.Status)
	}
	return c, br
}

// frameHeader is a frame header declaring n payload bytes, masked (as a
// client sends) when mask is set.
func frameHeader(opcode byte, n uint64, mask bool) []byte {
	b := []byte{0x80 | opcode, 127}
	b = binary.BigEndian.AppendUint64(b, n)
	if mask {
		b[1] |= 0x80
		b = append(b, 0, 0, 0, 0) // a zero key leaves the payload as is
	}
	return b
}

// readFrame reads one frame: opcode and (unmasked) payload.
func readFrame(r *bufio.Reader) (byte, []byte, error) {
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return 0, nil, err
	}
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var b [2]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return 0, nil, err
		}
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return 0, nil, err
		}
		n = binary.BigEndian.Uint64(b[:])
	}
	var key [4]byte
	if h[1]&0x80 != 0 {
		if _, err := io.ReadFull(r, key[:]); err != nil {
			return 0, nil, err
		}
	}
	if n > 1<<20 {
		return 0, nil, fmt.Errorf("frame of %d bytes", n)
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(r, p); err != nil {
		return 0, nil, err
	}
	for i := range p {
		p[i] ^= key[i%4]
	}
	return h[0] & 0x0f, p, nil
}

// closeCode reads frames until a Close frame and returns its code, or -1
// if the connection ends first.
func closeCode(r *bufio.Reader) int {
	for {
		op, p, err := readFrame(r)
		if err != nil {
			return -1
		}
		if op == 8 && len(p) >= 2 {
			return int(binary.BigEndian.Uint16(p))
		}
	}
}

const wsClosedPrinter = `
local srv = assert(http.websocketServer(PORT))
while true do
  local ev, a, b, c = os.pullEvent()
  if ev == "websocket_server_connect" then print("connect")
  elseif ev == "websocket_server_message" then print("message", #b)
  elseif ev == "websocket_server_closed" then print("closed", b, c) end
end
`

// A frame header declaring more than the message limit is refused at once
// with 1009, not after the peer has sent (or stalled on) that many bytes.
func TestWebSocketServerRefusesHugeFrameHeader(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(wsClosedPrinter, port), port, limits(func(l *computer.Limits) { l.MaxWebSocketMessage = 1024 }))
	c, br := rawWS(t, port)
	c.Write(frameHeader(2, 1<<62, true)) // and nothing more
	_ = c.SetReadDeadline(time.Now().Add(3 * time.Second))
	start := time.Now()
	code := closeCode(br)
	mustf(t, code == 1009, "got close code %d after %v", code, time.Since(start))
	r.WaitOutput(t, "closed\tMessage is too large\t1006")
}

// A frame that starts and stalls is dropped after the frame timeout.
func TestWebSocketStalledFrame(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(wsClosedPrinter, port), port, limits(func(l *computer.Limits) { l.WSFrameTimeout = 300 * time.Millisecond }))
	c, br := rawWS(t, port)
	c.Write(append(frameHeader(2, 100, true), "only ten b"...))
	_ = c.SetReadDeadline(time.Now().Add(3 * time.Second))
	start := time.Now()
	_, err := io.Copy(io.Discard, br)
	took := time.Since(start)
	mustf(t, err == nil && took < 2500*time.Millisecond, "connection still open after %v (%v)", took, err)
	r.WaitOutput(t, "closed\tTimed out\t1006")
}

// A peer that does not answer pings is dropped; one that does stays.
func TestWebSocketPingTimeout(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(wsClosedPrinter, port), port, limits(func(l *computer.Limits) {
		l.WSPingInterval, l.WSPongTimeout = 150*time.Millisecond, 150*time.Millisecond
	}))
	// A well-behaved client: coder/websocket answers pings while reading.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	good, _, err := websocket.Dial(ctx, wsURL(port), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer good.CloseNow()
	goodErr := make(chan error, 1)
	go func() { _, _, err := good.Read(ctx); goodErr <- err }()

	c, br := rawWS(t, port) // never answers
	_ = c.SetReadDeadline(time.Now().Add(4 * time.Second))
	start := time.Now()
	pings := 0
	for {
		op, _, err := readFrame(br)
		if err != nil {
			break
		}
		if op == 9 {
			pings++
		}
	}
	took := time.Since(start)
	mustf(t, pings >= 1 && took < 3*time.Second, "silent peer: %d pings, still open after %v", pings, took)
	r.WaitOutput(t, "closed\tTimed out\t1006")
	select {
	case err := <-goodErr:
		t.Fatalf("answering client dropped: %v", err)
	case <-time.After(500 * time.Millisecond):
	}
}

// Text messages must be UTF-8 (RFC 6455 8.1): invalid ones close with 1007.
func TestWebSocketServerInvalidUTF8(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(wsClosedPrinter, port), port)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, wsURL(port), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	if err := c.Write(ctx, websocket.MessageText, []byte("ok \xff\xfe")); err != nil {
		t.Fatal(err)
	}
	_, _, err = c.Read(ctx)
	mustf(t, websocket.CloseStatus(err) == websocket.StatusInvalidFramePayloadData, "read: %v", err)
	r.WaitOutput(t, "closed\tInvalid UTF-8\t1007")
	mustf(t, !strings.Contains(r.Stdout(), "message"), "invalid text delivered:\n%s", r.Stdout())
}

// rawWSServer accepts one WebSocket handshake by hand and hands the
// connection to f.
func rawWSServer(t *testing.T, f func(net.Conn, *bufio.Reader)) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Sec-WebSocket-Key")
		sum := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
		c, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer c.Close()
		fmt.Fprintf(c, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n",
			base64.StdEncoding.EncodeToString(sum[:]))
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		f(c, brw.Reader)
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// The client side refuses a huge frame header at once too (1009), and
// closes on invalid UTF-8 (1007).
func TestWebSocketClientHardening(t *testing.T) {
	// One channel each: the two servers' goroutines report in any order.
	hugeCode, badCode := make(chan int, 1), make(chan int, 1)
	huge := rawWSServer(t, func(c net.Conn, br *bufio.Reader) {
		c.Write(frameHeader(2, 1<<62, false))
		hugeCode <- closeCode(br)
	})
	badText := rawWSServer(t, func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte{0x81, 2, 0xff, 0xfe})
		badCode <- closeCode(br)
	})
	start := time.Now()
	res := computertest.Run(t, fmt.Sprintf(`
for _, u in ipairs({%q, %q}) do
  local ws = assert(http.websocket(u))
  local _, url, reason, code = os.pullEvent("websocket_closed")
  print(url == u, reason, code)
end
`, huge, badText), withHTTP()...)
	out := res.Stdout + res.Stderr
	mustf(t, out == "true\tMessage is too large\t1006\ntrue\tInvalid UTF-8\t1007\n", "stdout:\n%s", out)
	mustf(t, time.Since(start) < 4*time.Second, "took %v", time.Since(start))
	c1, c2 := <-hugeCode, <-badCode
	mustf(t, c1 == 1009 && c2 == 1007, "server saw close codes %d and %d", c1, c2)
}
