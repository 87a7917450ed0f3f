package http_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
)

// statusLine is what every answer must start with: never HTTP/0.9 (a
// 1xx or garbage sent as a final status) and never a code outside 100-599.
var statusLine = regexp.MustCompile(`^HTTP/1\.[01] [1-5][0-9][0-9] `)

// FuzzRawRequest throws raw bytes at a listener (then half-closes): the
// server must answer or close within the deadline, never hang, crash or
// send a malformed status line, every answer must have the body its
// Content-Length declares, and a 200 must come from the handler. The seed corpus runs with go test;
// fuzz with make fuzz-http.
func FuzzRawRequest(f *testing.F) {
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
		"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
		"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloworld\r\n0\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc",
		"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
		"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi",
		"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n",
		"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET / HTTP/1.0\r\n\r\n",
		"GET / HTTP/0.9\r\n\r\n",
		"GET /\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: x\r\nX: a\x00b\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
		"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: x\r\n",
		"\r\n\r\n\r\n",
		"",
		"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",
	} {
		f.Add([]byte(s))
	}
	port := freePort(f)
	server(f, lua(`
http.listen(PORT, function(req, res)
  res.write(req.getMethod() .. " " .. req.getURL() .. " " .. req.readAll())
  res.close()
end)
`, port), port, limits(func(l *computer.Limits) {
		l.ResponseTimeout = time.Second
		l.MaxBodySize = 1 << 20
	}))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := net.Dial("tcp", addr(port))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		_, _ = c.Write(data) // the server may close first
		_ = c.(*net.TCPConn).CloseWrite()
		raw, err := io.ReadAll(c)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("no answer and no close within 10 s; got %q", raw)
		}
		if len(raw) == 0 {
			return // closed without a word: allowed for garbage
		}
		if !statusLine.Match(raw) {
			t.Fatalf("bad status line: %q", raw[:min(len(raw), 80)])
		}
		if bytes.Contains(data, []byte("HEAD")) {
			return // HEAD answers declare a length they do not send
		}
		br := bufio.NewReader(bytes.NewReader(raw))
		for {
			if _, err := br.Peek(1); err == io.EOF {
				return
			}
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("malformed response: %v\n%q", err, raw)
			}
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatalf("%s with a truncated body: %v\n%q", resp.Status, err, raw)
			}
			resp.Body.Close()
			// The handler always writes something: an empty 200 is net/http
			// answering a request Lua never saw (but for OPTIONS *, which
			// net/http answers itself).
			if resp.StatusCode == 200 && len(body) == 0 && !bytes.Contains(data, []byte("OPTIONS *")) {
				t.Fatalf("empty 200 for a request the handler never saw:\n%q", raw)
			}
		}
	})
}
