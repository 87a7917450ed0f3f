package http_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// streamer writes "first", flushes, waits for go_on, writes "second" and
// closes. X-Status/X-Reason set the status line.
const streamer = `
http.listen(PORT, function(req, res)
  local h = req.getRequestHeaders()
  if h["X-Status"] then res.setStatusCode(tonumber(h["X-Status"]), h["X-Reason"]) end
  res.setResponseHeader("X-Stream", "yes")
  res.write("first")
  print("flush", res.flush())
  os.pullEvent("go_on")
  res.write("second")
  res.close()
end)`

// What res.flush() sends reaches a Go client before close().
func TestFlushSendsBeforeClose(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(streamer, port), port)
	resp, err := http.Get(url(port, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	mustf(t, resp.StatusCode == 200 && resp.Header.Get("X-Stream") == "yes", "head: %s %v", resp.Status, resp.Header)
	mustf(t, len(resp.TransferEncoding) == 1 && resp.TransferEncoding[0] == "chunked", "transfer encoding %v", resp.TransferEncoding)
	first := make([]byte, 5)
	if _, err := io.ReadFull(resp.Body, first); err != nil {
		t.Fatal(err)
	}
	mustf(t, string(first) == "first", "first piece %q", first)
	r.WaitOutput(t, "flush\ttrue")
	event(r, "go_on")
	rest, err := io.ReadAll(resp.Body)
	mustf(t, err == nil && string(rest) == "second", "rest %q, %v", rest, err)
}

// rawStream sends request on a new connection, reads until want has
// arrived (failing after a while), calls goOn and returns what came
// before and everything: up to the last chunk when chunked (want ends in
// CRLF), else until the server closes the connection.
func rawStream(t *testing.T, port int, request, want string, goOn func()) (before, all string) {
	t.Helper()
	c, err := net.Dial("tcp", addr(port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, request)
	br := bufio.NewReader(c)
	var got strings.Builder
	for !strings.HasSuffix(got.String(), want) {
		b, err := br.ReadByte()
		if err != nil {
			t.Fatalf("read %q, then %v; want it to end in %q", got.String(), err, want)
		}
		got.WriteByte(b)
	}
	before = got.String()
	goOn()
	if !strings.HasSuffix(want, "\r\n") {
		rest, _ := io.ReadAll(br) // a plain stream ends with the connection
		return before, before + string(rest)
	}
	for !strings.HasSuffix(got.String(), "\r\n0\r\n\r\n") { // the last chunk
		b, err := br.ReadByte()
		if err != nil {
			t.Fatalf("read %q, then %v", got.String(), err)
		}
		got.WriteByte(b)
	}
	return before, got.String()
}

// The framing of a streamed response, byte for byte: chunks on HTTP/1.1
// (through net/http, and ours when a custom reason phrase needs the raw
// connection), a plain stream closed at the end on HTTP/1.0.
func TestFlushFraming(t *testing.T) {
	cases := []struct {
		name, request string
		headPrefix    string // the status line, and the head's fields in order
		headFields    []string
		body          string // what follows the head
	}{
		{
			name:       "HTTP/1.1 chunked",
			request:    "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
			headPrefix: "HTTP/1.1 200 OK\r\n",
			headFields: []string{"X-Stream: yes\r\n", "Transfer-Encoding: chunked\r\n"},
			body:       "5\r\nfirst\r\n6\r\nsecond\r\n0\r\n\r\n",
		},
		{
			name:       "HTTP/1.0 plain stream",
			request:    "GET / HTTP/1.0\r\nHost: x\r\n\r\n",
			headPrefix: "HTTP/1.0 200 OK\r\n",
			headFields: []string{"X-Stream: yes\r\n"},
			body:       "firstsecond",
		},
		{
			name:       "HTTP/1.1 custom reason",
			request:    "GET / HTTP/1.1\r\nHost: x\r\nX-Status: 299\r\nX-Reason: Streaming along\r\n\r\n",
			headPrefix: "HTTP/1.1 299 Streaming along\r\nX-Stream: yes\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
			body:       "5\r\nfirst\r\n6\r\nsecond\r\n0\r\n\r\n",
		},
		{
			name:       "HTTP/1.0 custom reason",
			request:    "GET / HTTP/1.0\r\nHost: x\r\nX-Status: 299\r\nX-Reason: Streaming along\r\n\r\n",
			headPrefix: "HTTP/1.0 299 Streaming along\r\nX-Stream: yes\r\nConnection: close\r\n\r\n",
			body:       "firstsecond",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			port := freePort(t)
			r := server(t, lua(streamer, port), port)
			firstPart := "first"
			if strings.Contains(c.body, "\r\n") {
				firstPart = "5\r\nfirst\r\n"
			}
			before, all := rawStream(t, port, c.request, firstPart, func() {
				r.WaitOutput(t, "flush\ttrue")
				event(r, "go_on")
			})
			mustf(t, !strings.Contains(before, "second"), "second part sent before close: %q", before)
			head, body, ok := strings.Cut(all, "\r\n\r\n")
			head += "\r\n\r\n"
			mustf(t, ok && strings.HasPrefix(head, c.headPrefix), "head %q, want prefix %q", head, c.headPrefix)
			for _, f := range c.headFields {
				mustf(t, strings.Contains(head, "\r\n"+f), "head %q lacks %q", head, f)
			}
			mustf(t, !strings.Contains(head, "Content-Length"), "streamed head has a length: %q", head)
			mustf(t, body == c.body, "body %q, want %q", body, c.body)
		})
	}
}

// A streaming handler may go on past the response timeout as long as it
// keeps flushing; one that stops flushing has its connection cut (never
// a short body marked complete).
func TestFlushAndResponseTimeout(t *testing.T) {
	port := freePort(t)
	server(t, lua(`
http.listen(PORT, function(req, res)
  for i = 1, 6 do
    res.write(i) res.flush()
    sleep(0.1)
  end
  if req.getURL() == "/stall" then sleep(1) end
  res.close()
end)`, port), port, limits(func(l *computer.Limits) { l.ResponseTimeout = 300 * time.Millisecond }))
	code, body := get(t, port, "/")
	mustf(t, code == 200 && body == "123456", "got %d %q", code, body)

	resp, err := http.Get(url(port, "/stall"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	mustf(t, err != nil && string(got) == "123456", "stalled stream read %q, %v; want a cut after 123456", got, err)
}

// A client leaving a stream: flush() returns false, writes are dropped,
// nothing raises.
func TestFlushAfterClientLeft(t *testing.T) {
	computertest.CheckGoroutines(t)
	port := freePort(t)
	r := server(t, lua(`
http.listen(PORT, function(req, res)
  local n = 0
  while res.flush() do
    res.write(string.rep("x", 4096))
    n = n + 1
    sleep(0.05)
  end
  res.write("dropped")
  res.close()
  print("stopped after", n)
  return true
end)
print("listen returned")`, port), port)
	c, err := net.Dial("tcp", addr(port))
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	buf := make([]byte, 100)
	if _, err := io.ReadAtLeast(c, buf, 20); err != nil {
		t.Fatal(err)
	}
	c.Close()
	res := r.Wait(t, 10*time.Second)
	mustf(t, strings.Contains(res.Stdout, "stopped after") && strings.Contains(res.Stdout, "listen returned"), "stdout:\n%s\nstderr:\n%s", res.Stdout, res.Stderr)
}

// examples/sse_clock.lua streams an event a second; the first arrives
// long before the stream ends.
func TestSSEClockExample(t *testing.T) {
	src, err := os.ReadFile("../../examples/sse_clock.lua")
	if err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	server(t, string(src), port, computertest.Args(strconv.Itoa(port)))
	start := time.Now()
	resp, err := http.Get(url(port, "/?n=3"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	mustf(t, resp.Header.Get("Content-Type") == "text/event-stream", "content type %q", resp.Header.Get("Content-Type"))
	br := bufio.NewReader(resp.Body)
	var events []string
	var firstAt time.Duration
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			break
		}
		if strings.HasPrefix(line, "data: ") {
			if events = append(events, line); len(events) == 1 {
				firstAt = time.Since(start)
			}
		}
	}
	mustf(t, len(events) == 3, "events %q", events)
	mustf(t, firstAt < time.Since(start)/2, "first event after %v of %v", firstAt, time.Since(start))
}

// A stream still open when the program ends is cut, not ended as if
// complete.
func TestStreamCutWhenProgramEnds(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(`
http.addListener(PORT)
local _, _, req, res = os.pullEvent("http_request")
res.write("part") res.flush()
os.pullEvent("end")
`, port), port)
	resp, err := http.Get(url(port, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	part := make([]byte, 4)
	_, err = io.ReadFull(resp.Body, part)
	mustf(t, err == nil && string(part) == "part", "read %q, %v", part, err)
	event(r, "end")
	rest, err := io.ReadAll(resp.Body)
	mustf(t, err != nil && len(rest) == 0, "after the program ended: %q, %v; want a cut", rest, err)
	r.Wait(t, 10*time.Second)
}
