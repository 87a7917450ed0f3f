package http_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
)

// rawExchange writes req on a fresh connection, half-closes it when
// halfClose is set, and reads the one response.
func rawExchange(t *testing.T, port int, req string, halfClose bool) (*http.Response, []byte, error) {
	t.Helper()
	c, err := net.Dial("tcp", addr(port))
	if err != nil {
		return nil, nil, err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		return nil, nil, err
	}
	if halfClose {
		_ = c.(*net.TCPConn).CloseWrite()
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return nil, nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, body, err
}

// urlServer answers every request with its URL and counts them.
const urlServer = `
local n = 0
http.listen(PORT, function(req, res)
  n = n + 1
  print("request " .. n .. " " .. req.getURL())
  res.write(req.getURL())
  res.close()
end)
`

// Only final codes 200-599 can be set; others raise and the response goes
// out with the code last set (curl would have seen "HTTP/0.9" for 101).
func TestStatusCodeRange(t *testing.T) {
	port := freePort(t)
	server(t, lua(strip+`
http.listen(PORT, function(req, res)
  local out = {}
  for _, code in ipairs({100, 101, 199, 600, 999, 0, -1, 200, 599, 404}) do
    local ok, err = strip(pcall(res.setStatusCode, code))
    out[#out + 1] = code .. "=" .. tostring(ok) .. (err and (":" .. err) or "")
  end
  res.write(table.concat(out, "\n"))
  res.close()
end)
`, port), port)
	resp, err := http.Get(url(port, "/"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	mustf(t, resp.StatusCode == 404, "status %s", resp.Status)
	for _, want := range []string{
		"100=false:bad argument #1 (status code out of range)",
		"101=false:bad argument #1 (status code out of range)",
		"199=false:bad argument #1 (status code out of range)",
		"600=false:bad argument #1 (status code out of range)",
		"999=false:bad argument #1 (status code out of range)",
		"0=false:bad argument #1 (status code out of range)",
		"200=true", "599=true", "404=true",
	} {
		mustf(t, strings.Contains(string(body), want+"\n") || strings.HasSuffix(string(body), want), "body lacks %q:\n%s", want, body)
	}
}

// A body that cannot be read (bad chunk size, a chunk longer than declared,
// fewer bytes than Content-Length before a half-close) gets 400, and the
// handler never sees the request.
func TestMalformedBodies(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(urlServer, port), port)
	cases := []struct{ name, req string }{
		{"bad chunk size", "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"},
		{"chunk length mismatch", "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcdefgh\r\n0\r\n\r\n"},
		{"chunked then half-close", "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"},
		{"truncated body then half-close", "POST /d HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabcde"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body, err := rawExchange(t, port, c.req, true)
			if err != nil {
				t.Fatal(err)
			}
			mustf(t, resp.StatusCode == 400, "got %s %q", resp.Status, body)
		})
	}
	resp, body, err := rawExchange(t, port, "GET /ok HTTP/1.1\r\nHost: x\r\n\r\n", true)
	mustf(t, err == nil && resp.StatusCode == 200 && string(body) == "/ok", "valid request: %v %v %q", err, resp, body)
	r.WaitOutput(t, "request 1 /ok")
	mustf(t, !strings.Contains(r.Stdout(), "/a") && !strings.Contains(r.Stdout(), "/d"), "handler saw a bad request:\n%s", r.Stdout())
}

// A client that half-closes after a complete request is always answered.
func TestHalfClosedClientsAnswered(t *testing.T) {
	port := freePort(t)
	server(t, lua(urlServer, port), port)
	const n = 60
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			path := fmt.Sprintf("/half/%d", i)
			resp, body, err := rawExchange(t, port, "GET "+path+" HTTP/1.1\r\nHost: x\r\n\r\n", true)
			switch {
			case err != nil:
				errs <- fmt.Errorf("%s: %v", path, err)
			case resp.StatusCode != 200 || string(body) != path:
				errs <- fmt.Errorf("%s: got %s %q", path, resp.Status, body)
			}
		})
	}
	wg.Wait()
	close(errs)
	failed := 0
	for err := range errs {
		failed++
		t.Log(err)
	}
	mustf(t, failed == 0, "%d of %d half-closed clients got no full response", failed, n)
}

// Header names and values a script sets are checked the same way whatever
// path sends them: control characters (NUL, CR, LF, ...) and bad names
// raise, nothing reaches the wire.
func TestResponseHeaderInjection(t *testing.T) {
	port := freePort(t)
	server(t, lua(strip+`
http.listen(PORT, function(req, res)
  local out = {}
  local function try(label, f, ...)
    local ok, err = strip(pcall(f, ...))
    out[#out + 1] = label .. "=" .. tostring(ok) .. (err and (":" .. err) or "")
  end
  try("nul", res.setResponseHeader, "X-A", "a\0b")
  try("crlf", res.setResponseHeader, "X-B", "a\r\nInjected: 1")
  try("ctl", res.setResponseHeader, "X-C", "a\1b")
  try("del", res.setResponseHeader, "X-C", "a\127b")
  try("name", res.setResponseHeader, "Bad Name", "v")
  try("namecolon", res.setResponseHeader, "X:Y", "v")
  try("tab", res.setResponseHeader, "X-Tab", "a\tb")
  try("reason", res.setStatusCode, 200, "OK\r\nInjected: 1")
  try("reasonnul", res.setStatusCode, 200, "O\0K")
  if req.getURL() == "/raw" then res.setStatusCode(200, "Fine") end
  res.setResponseHeader("X-Out", table.concat(out, ";"))
  res.close()
end)
`, port), port)
	for _, path := range []string{"/", "/raw"} { // net/http's path, and the raw one (custom reason)
		c, err := net.Dial("tcp", addr(port))
		if err != nil {
			t.Fatal(err)
		}
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", path)
		raw, _ := io.ReadAll(c)
		c.Close()
		text := string(raw)
		mustf(t, !strings.ContainsAny(text, "\x00\x01\x7f") && !strings.Contains(text, "Injected"), "%s: raw bytes on the wire:\n%q", path, text)
		for _, want := range []string{
			"nul=false:bad argument #2 (invalid header value)",
			"crlf=false:bad argument #2 (invalid header value)",
			"ctl=false:bad argument #2 (invalid header value)",
			"del=false:bad argument #2 (invalid header value)",
			"name=false:bad argument #1 (invalid header name)",
			"namecolon=false:bad argument #1 (invalid header name)",
			"tab=true",
			"reason=false:bad argument #2 (invalid reason phrase)",
			"reasonnul=false:bad argument #2 (invalid reason phrase)",
		} {
			mustf(t, strings.Contains(text, want), "%s: response lacks %q:\n%q", path, want, text)
		}
		mustf(t, strings.Contains(text, "X-Tab: a\tb"), "%s: tab value lost:\n%q", path, text)
	}
}

// Writing past --http-max-response raises "Response is too large", frees
// the body, and the client gets 500, never a truncated 200.
func TestResponseSizeCap(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(strip+`
http.listen(PORT, function(req, res)
  if req.getURL() == "/small" then res.write(("x"):rep(1000)) res.close() return end
  local chunk = ("y"):rep(256 * 1024)
  local ok, err
  for i = 1, 8 do
    ok, err = strip(pcall(res.write, chunk))
    if not ok then print("write " .. i .. ": " .. err) break end
  end
  print("after: " .. select(2, strip(pcall(res.write, "z"))))
  print("close: " .. select(2, strip(pcall(res.close))))
end)
`, port), port, limits(func(l *computer.Limits) { l.MaxResponseSize = 1 << 20 }))
	resp, err := http.Get(url(port, "/big"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	mustf(t, resp.StatusCode == 500 && len(body) < 1000, "got %s, %d bytes", resp.Status, len(body))
	r.WaitOutput(t, "close: ")
	out := r.Stdout()
	for _, want := range []string{"write 5: Response is too large", "after: attempt to use a closed file", "close: attempt to use a closed file"} {
		mustf(t, strings.Contains(out, want), "stdout lacks %q:\n%s", want, out)
	}
	resp, err = http.Get(url(port, "/small"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	mustf(t, resp.StatusCode == 200 && len(body) == 1000, "small: %s, %d bytes", resp.Status, len(body))
}

// openExchange writes req on a new connection, reads the response's head
// and leaves the connection open (closed when the test ends).
func openExchange(t *testing.T, port int, req string) (net.Conn, *bufio.Reader, *http.Response) {
	t.Helper()
	c, err := net.Dial("tcp", addr(port))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, req)
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c, br, resp
}

// keepAlive opens a connection, makes one request on it and leaves it idle.
func keepAlive(t *testing.T, port int) net.Conn {
	t.Helper()
	c, _, resp := openExchange(t, port, "GET /idle HTTP/1.1\r\nHost: x\r\n\r\n")
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return c
}

// At the connection cap, idle keep-alive connections are closed to make
// room: a new client is served at once instead of waiting for them.
func TestIdleConnectionsGiveWayAtCap(t *testing.T) {
	port := freePort(t)
	server(t, lua(urlServer, port), port, limits(func(l *computer.Limits) { l.MaxConnections = 2 }))
	keepAlive(t, port)
	keepAlive(t, port)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 3 * time.Second}
	for i := range 3 {
		start := time.Now()
		resp, err := client.Get(url(port, fmt.Sprintf("/new/%d", i)))
		if err != nil {
			t.Fatalf("new client %d at the cap: %v (after %v)", i, err, time.Since(start))
		}
		resp.Body.Close()
	}
}

// Idle keep-alive connections are closed after --http-idle-timeout.
func TestIdleTimeout(t *testing.T) {
	port := freePort(t)
	server(t, lua(urlServer, port), port, limits(func(l *computer.Limits) { l.IdleTimeout = 300 * time.Millisecond }))
	c := keepAlive(t, port)
	_ = c.SetReadDeadline(time.Now().Add(3 * time.Second))
	start := time.Now()
	n, err := c.Read(make([]byte, 1))
	mustf(t, n == 0 && err == io.EOF, "idle connection: read %d, %v after %v", n, err, time.Since(start))
}
