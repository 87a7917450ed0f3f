package http_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// echoServer answers every request with its body, and reports what it saw
// in headers: X-Method, X-URL, X-Headers (sorted name=value;...). The
// status comes from the request's X-Status (and X-Reason) header.
const echoServer = `
http.listen(PORT, function(req, res)
  local h = req.getRequestHeaders()
  local body = req.readAll()
  local status = tonumber(h["X-Status"] or 200)
  res.setStatusCode(status, h["X-Reason"])
  res.setResponseHeader("X-Method", req.getMethod())
  res.setResponseHeader("X-URL", req.getURL())
  local names = {}
  for k, v in pairs(h) do names[#names + 1] = k .. "=" .. v end
  table.sort(names)
  res.setResponseHeader("X-Headers", table.concat(names, ";"))
  if h["X-Type"] then res.setResponseHeader("Content-Type", h["X-Type"]) end
  res.write(body)
  res.close()
end)
`

// strip is a Lua helper that drops the "file:line: " of an error.
const strip = `local function strip(ok, err, ...)
  if type(err) == "string" then err = err:gsub("^[^:]+:%d+: ", "") end
  return ok, err, ...
end
`

func TestEcho(t *testing.T) {
	port := freePort(t)
	server(t, lua(echoServer, port), port)
	allBytes := make([]byte, 256)
	for i := range allBytes {
		allBytes[i] = byte(i)
	}
	cases := []struct {
		name, method, path string
		body               []byte
		header             map[string]string
		wantStatus         string
	}{
		{"get", "GET", "/", nil, nil, "200 OK"},
		{"get query", "GET", "/api/x?a=1&b=%20c", nil, nil, "200 OK"},
		{"post", "POST", "/submit", []byte("hello=world"), nil, "200 OK"},
		{"put", "PUT", "/item/3", []byte("data"), nil, "200 OK"},
		{"delete", "DELETE", "/item/3", nil, nil, "200 OK"},
		{"patch", "PATCH", "/item/3", []byte("{}"), nil, "200 OK"},
		{"options", "OPTIONS", "/", nil, nil, "200 OK"},
		{"custom method", "BREW", "/pot", []byte("coffee"), nil, "200 OK"},
		{"binary body", "POST", "/bin", allBytes, nil, "200 OK"},
		{"status 404 standard phrase", "GET", "/missing", nil, map[string]string{"X-Status": "404"}, "404 Not Found"},
		{"status 201", "POST", "/new", []byte("x"), map[string]string{"X-Status": "201"}, "201 Created"},
		{"status 204", "DELETE", "/x", nil, map[string]string{"X-Status": "204"}, "204 No Content"},
		{"status 500", "GET", "/", nil, map[string]string{"X-Status": "500"}, "500 Internal Server Error"},
		{"custom reason", "GET", "/", nil, map[string]string{"X-Status": "418", "X-Reason": "Short and stout"}, "418 Short and stout"},
		{"standard reason given", "GET", "/", nil, map[string]string{"X-Status": "404", "X-Reason": "Not Found"}, "404 Not Found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest(c.method, url(port, c.path), bytes.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range c.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			mustf(t, resp.Status == c.wantStatus, "status %q, want %q", resp.Status, c.wantStatus)
			mustf(t, resp.Header.Get("X-Method") == c.method, "method %q", resp.Header.Get("X-Method"))
			mustf(t, resp.Header.Get("X-URL") == c.path, "url %q, want %q", resp.Header.Get("X-URL"), c.path)
			mustf(t, bytes.Equal(got, c.body), "body %q, want %q", got, c.body)
			mustf(t, resp.ContentLength == int64(len(c.body)), "content-length %d", resp.ContentLength)
			mustf(t, resp.Header.Get("Content-Type") == "", "unexpected content-type %q", resp.Header.Get("Content-Type"))
		})
	}
}

// Header names reach Lua exactly as the client spelled them, and the
// script's response header names go out as it spelled them.
func TestHeadersAsSent(t *testing.T) {
	port := freePort(t)
	server(t, lua(echoServer, port), port)
	conn, err := net.Dial("tcp", addr(port))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	send := func(req string) *http.Response {
		t.Helper()
		if _, err := io.WriteString(conn, req); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp
	}
	// net/http answers "OPTIONS *" itself; the blocks must stay in step.
	resp := send("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n")
	mustf(t, resp.StatusCode == 200, "OPTIONS *: %s", resp.Status)
	// Requests on one keep-alive connection, the first with a chunked
	// body, so the raw header tracking must skip bodies correctly.
	resp = send("POST /a HTTP/1.1\r\nhost: example\r\nx-lower: 1\r\nX-MiXeD-CaSe: two words \r\n" +
		"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;ext=1\r\nabc\r\n0\r\nTrailer-X: 1\r\n\r\n")
	want := "Transfer-Encoding=chunked;X-MiXeD-CaSe=two words;host=example;x-lower=1"
	mustf(t, resp.Header.Get("X-Headers") == want, "headers %q\nwant     %q", resp.Header.Get("X-Headers"), want)
	resp = send("GET /b?q HTTP/1.1\r\nHost: h\r\nfoo: 1\r\nfoo: 2\r\nX-Type: text/plain\r\n\r\n")
	want = "Host=h;X-Type=text/plain;foo=2"
	mustf(t, resp.Header.Get("X-Headers") == want, "headers %q\nwant     %q", resp.Header.Get("X-Headers"), want)
	mustf(t, resp.Header.Get("Content-Type") == "text/plain", "content-type %q", resp.Header.Get("Content-Type"))
	resp = send("PUT /c HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody")
	want = "Content-Length=4;Host=h"
	mustf(t, resp.Header.Get("X-Headers") == want, "headers %q\nwant     %q", resp.Header.Get("X-Headers"), want)
}

func TestResponseHeaderSpelling(t *testing.T) {
	port := freePort(t)
	server(t, lua(`
http.listen(PORT, function(req, res)
  res.setResponseHeader("x-lower", "a")
  res.setResponseHeader("X-Replaced", "old")
  res.setResponseHeader("x-replaced", "new")
  res.setResponseHeader("X-Number", 42)
  res.write(1.5) res.writeLine("x") res.write("y")
  res.close()
end)`, port), port)
	conn, err := net.Dial("tcp", addr(port))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	raw, _ := io.ReadAll(conn)
	text := string(raw)
	for _, want := range []string{"HTTP/1.1 200 OK\r\n", "\r\nx-lower: a\r\n", "\r\nx-replaced: new\r\n", "\r\nX-Number: 42\r\n", "\r\nContent-Length: 6\r\n", "\r\n\r\n1.5x\ny"} {
		mustf(t, strings.Contains(text, want), "response lacks %q:\n%s", want, text)
	}
	mustf(t, !strings.Contains(text, "X-Replaced"), "old header spelling kept:\n%s", text)
}

func TestCurl(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl not installed")
	}
	port := freePort(t)
	server(t, lua(echoServer, port), port)
	body := make([]byte, 256)
	for i := range body {
		body[i] = byte(255 - i)
	}
	cmd := exec.Command("curl", "-s", "-i", "-X", "POST", "--data-binary", "@-",
		"-H", "x-curl-header: yes", "-H", "X-Status: 202", url(port, "/curl?x=1"))
	cmd.Stdin = bytes.NewReader(body)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("curl: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(out)), nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got, _ := io.ReadAll(resp.Body)
	mustf(t, resp.Status == "202 Accepted", "status %q", resp.Status)
	mustf(t, bytes.Equal(got, body), "body differs")
	mustf(t, strings.Contains(resp.Header.Get("X-Headers"), "x-curl-header=yes"), "headers %q", resp.Header.Get("X-Headers"))
	mustf(t, resp.Header.Get("X-URL") == "/curl?x=1", "url %q", resp.Header.Get("X-URL"))
}

// The request table's reading functions: byte, line and rest reads, nil at
// the end, binary-safe.
func TestRequestReading(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(strip+`
http.listen(PORT, function(req, res)
  local out = {}
  local function add(v) out[#out + 1] = v == nil and "<nil>" or ("[" .. v .. "]") end
  add(req.read()) add(req.read(2)) add(req.readLine()) add(req.readLine())
  add(req.readLine(true)) add(req.readAll()) add(req.read()) add(req.readLine()) add(req.readAll())
  req.close() req.close()
  res.write(table.concat(out, ","))
  res.close()
  print("second close", strip(pcall(res.close)))
  print("read after close", strip(pcall(req.readAll)))
  print("write after close", strip(pcall(res.write, "x")))
  print("req.close after close", pcall(req.close))
  return true
end)
print("listen returned")`, port), port)
	resp, err := http.Post(url(port, "/"), "text/plain", strings.NewReader("abc\r\nline2\nline3\nrest\x00of\xffit"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	want := "[a],[bc],[\r],[line2],[line3\n],[rest\x00of\xffit],<nil>,<nil>,[]"
	mustf(t, string(got) == want, "got  %q\nwant %q", got, want)
	res := r.Wait(t, 10*time.Second)
	for _, s := range []string{
		"second close\tfalse\tattempt to use a closed file",
		"read after close\tfalse\tattempt to use a closed file",
		"write after close\tfalse\tattempt to use a closed file",
		"req.close after close\ttrue",
		"listen returned",
	} {
		mustf(t, strings.Contains(res.Stdout, s), "stdout lacks %q:\n%s\n%s", s, res.Stdout, res.Stderr)
	}
	refused(t, port) // the callback returned true: listener removed
}

func TestLargeBodiesAndLimit(t *testing.T) {
	port := freePort(t)
	server(t, lua(echoServer, port), port, limits(func(l *computer.Limits) { l.MaxBodySize = 4 << 20 }))
	big := bytes.Repeat([]byte("0123456789abcdef"), (4<<20)/16) // exactly the limit
	resp, err := http.Post(url(port, "/big"), "application/octet-stream", bytes.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	mustf(t, resp.StatusCode == 200 && bytes.Equal(got, big), "big echo: %s, %d bytes", resp.Status, len(got))

	tooBig := append(big, 'x')
	for _, chunked := range []bool{false, true} {
		var body io.Reader = bytes.NewReader(tooBig)
		if chunked {
			body = io.MultiReader(bytes.NewReader(tooBig)) // unknown length: sent chunked
		}
		resp, err := http.Post(url(port, "/toobig"), "application/octet-stream", body)
		if err != nil {
			// The server may close while the client is still sending.
			if !errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "reset") && !strings.Contains(err.Error(), "broken pipe") {
				t.Fatal(err)
			}
			continue
		}
		io.ReadAll(resp.Body)
		resp.Body.Close()
		mustf(t, resp.StatusCode == 413, "chunked=%v: status %s, want 413", chunked, resp.Status)
	}
	// The server still works afterwards.
	resp, err = http.Get(url(port, "/after"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	mustf(t, resp.StatusCode == 200, "after 413: %s", resp.Status)
}

func TestConcurrentClients(t *testing.T) {
	port := freePort(t)
	server(t, lua(echoServer, port), port)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i := range 100 {
		wg.Go(func() {
			for j := range 5 {
				body := fmt.Sprintf("client %d request %d", i, j)
				resp, err := http.Post(url(port, fmt.Sprintf("/c/%d/%d", i, j)), "text/plain", strings.NewReader(body))
				if err != nil {
					errs <- err
					return
				}
				got, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(got) != body {
					errs <- fmt.Errorf("got %q want %q", got, body)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// 1,000 requests are held open at once: the handler answers none until it
// has seen them all, then answers every one.
func TestThousandHeldRequests(t *testing.T) {
	const n = 1000
	port := freePort(t)
	server(t, lua(`
local held = {}
http.listen(PORT, function(req, res)
  held[#held + 1] = { req.getURL(), res }
  if #held == N then
    for _, h in ipairs(held) do h[2].write(h[1]) h[2].close() end
    held = {}
  end
end)`, port, "N", fmt.Sprint(n)), port)
	tr := &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: 0, DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			path := fmt.Sprintf("/held/%d", i)
			resp, err := client.Get(url(port, path))
			if err != nil {
				errs <- err
				return
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(got) != path {
				errs <- fmt.Errorf("got %q want %q", got, path)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// A response never closed gets 504 Gateway Timeout when the timeout passes,
// never the part written so far marked as success; afterwards both tables
// raise "attempt to use a closed file".
func TestNeverClosedResponse(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(strip+`
http.addListener(PORT)
local _, port, req, res = os.pullEvent("http_request")
res.setStatusCode(202)
res.setResponseHeader("X-Partial", "yes")
res.write("partial")
os.pullEvent("go_on")
for _, f in ipairs({ {"res.write", res.write, "x"}, {"res.close", res.close}, {"res.setStatusCode", res.setStatusCode, 200},
    {"res.setResponseHeader", res.setResponseHeader, "a", "b"}, {"res.writeLine", res.writeLine, "x"},
    {"req.read", req.read}, {"req.readAll", req.readAll}, {"req.readLine", req.readLine},
    {"req.getURL", req.getURL}, {"req.getMethod", req.getMethod}, {"req.getRequestHeaders", req.getRequestHeaders}, {"req.close", req.close} }) do
  print(f[1], strip(pcall(f[2], table.unpack(f, 3))))
end
`, port), port, limits(func(l *computer.Limits) { l.ResponseTimeout = 300 * time.Millisecond }))
	start := time.Now()
	resp, err := http.Get(url(port, "/slow"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	mustf(t, resp.StatusCode == 504 && !strings.Contains(string(got), "partial") && resp.Header.Get("X-Partial") == "",
		"got %s %q %v", resp.Status, got, resp.Header)
	mustf(t, took >= 250*time.Millisecond && took < 5*time.Second, "answered after %v", took)
	event(r, "go_on")
	res := r.Wait(t, 10*time.Second)
	for _, name := range []string{"res.write", "res.close", "res.setStatusCode", "res.setResponseHeader", "res.writeLine",
		"req.read", "req.readAll", "req.readLine", "req.getURL", "req.getMethod", "req.getRequestHeaders"} {
		want := name + "\tfalse\tattempt to use a closed file"
		mustf(t, strings.Contains(res.Stdout, want), "stdout lacks %q:\n%s", want, res.Stdout)
	}
	mustf(t, strings.Contains(res.Stdout, "req.close\ttrue"), "req.close errored:\n%s", res.Stdout)
}

func TestRemoveListenerAndRelisten(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(`
http.addListener(PORT)
http.addListener(PORT) -- replaces our own listener: no error
os.pullEvent("step")
http.removeListener(PORT)
http.removeListener(PORT) -- unknown port: nothing
print("removed")
os.pullEvent("step")
http.addListener(PORT)
print("again")
local _, port, req, res = os.pullEvent("http_request")
res.write("port " .. port) res.close()
os.pullEvent("step")
`, port), port)
	event(r, "step")
	r.WaitOutput(t, "removed")
	// The port is free at once: another process can bind it.
	l, err := net.Listen("tcp", addr(port))
	if err != nil {
		t.Fatalf("port not freed: %v", err)
	}
	l.Close()
	event(r, "step")
	r.WaitOutput(t, "again")
	resp, err := http.Get(url(port, "/"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	mustf(t, string(got) == fmt.Sprintf("port %d", port), "got %q", got)
	event(r, "step")
	r.Wait(t, 10*time.Second)
	refused(t, port) // program ended: listener closed
}

func TestListenerErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := busy.Addr().(*net.TCPAddr).Port
	cases := []struct{ code, want string }{
		{`http.addListener(-1)`, "bad argument #1 (port out of range)"},
		{`http.addListener(65536)`, "bad argument #1 (port out of range)"},
		{`http.removeListener(70000)`, "bad argument #1 (port out of range)"},
		{`http.addListener("x")`, "bad argument #1 (number expected, got string)"},
		{`http.removeListener()`, "bad argument #1 (number expected, got nil)"},
		{`http.addListener(BUSY)`, fmt.Sprintf("Could not open server: Address already in use: 127.0.0.1:%d\n", busyPort)},
		{`http.listen()`, "bad argument #1 to 'listen' (number expected, got nil)"},
		{`http.listen(BUSY)`, "bad argument #2 to 'listen' (function expected, got nil)"},
		{`http.listen(BUSY, print)`, "Could not open server: Address already in use"},
		{`http.websocketServer(-5)`, "bad argument #1 (port out of range)"},
		{`http.websocketServer("a")`, "bad argument #1 (number expected, got string)"},
		{`http.websocketServer(BUSY, 5)`, "bad argument #2 (expected table, got number)"},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			src := lua(`print(pcall(function() CODE end))`, 0, "CODE", c.code, "BUSY", fmt.Sprint(busyPort))
			res := computertest.Run(t, src, computertest.Extensions(crafthttpInstall))
			mustf(t, strings.Contains(res.Stdout, "false\t") && strings.Contains(res.Stdout, c.want), "got %q, want %q (stderr %q)", res.Stdout, c.want, res.Stderr)
		})
	}
	res := computertest.Run(t, lua(`print(http.websocketServer(BUSY))`, 0, "BUSY", fmt.Sprint(busyPort)), computertest.Extensions(crafthttpInstall))
	want := fmt.Sprintf("nil\tNet Exception: Address already in use: 127.0.0.1:%d", busyPort)
	mustf(t, strings.Contains(res.Stdout, want), "got %q want %q", res.Stdout, want)
}

func TestServerStopEndsListen(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(`
http.listen(PORT, function(req, res)
  res.write("bye") res.close()
  os.queueEvent("server_stop")
end)
print("listen returned")
os.pullEvent("step")
`, port), port)
	resp, err := http.Get(url(port, "/"))
	if err != nil {
		t.Fatal(err)
	}
	io.ReadAll(resp.Body)
	resp.Body.Close()
	r.WaitOutput(t, "listen returned")
	refused(t, port)
	event(r, "step")
	r.Wait(t, 10*time.Second)
}

func TestTerminateListen(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(`
local ok, err = pcall(http.listen, PORT, function() end)
print("pcall", ok, err)
local _, p, req, res = os.pullEvent("http_request") -- the port stays bound after terminate
res.write("still here") res.close()
`, port), port)
	r.Computer.Terminate()
	r.WaitOutput(t, "pcall\tfalse\tTerminated")
	resp, err := http.Get(url(port, "/"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	mustf(t, string(got) == "still here", "got %q", got)
	r.Wait(t, 10*time.Second)
	refused(t, port)
}

// A program that replaces os.pullEvent (here: to ignore terminate, a
// common CraftOS idiom) is honoured by http.listen.
func TestListenHonoursReplacedPullEvent(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(`
os.pullEvent = os.pullEventRaw
local n = 0
http.listen(PORT, function(req, res)
  n = n + 1
  res.write("request " .. n) res.close()
  return n == 2
end)
print("served", n)
`, port), port)
	get := func(want string) {
		resp, err := http.Get(url(port, "/"))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		mustf(t, string(got) == want, "got %q want %q", got, want)
	}
	get("request 1")
	r.Computer.Terminate() // queued before request 2's event: the queue is FIFO
	get("request 2")
	res := r.Wait(t, 10*time.Second)
	mustf(t, strings.Contains(res.Stdout, "served\t2"), "stdout:\n%s\n%s", res.Stdout, res.Stderr)
}

// A client that goes away mid-request leaves no goroutine behind and causes
// no error in the handler, which may still close the response.
func TestClientDisconnectMidRequest(t *testing.T) {
	computertest.CheckGoroutines(t)
	port := freePort(t)
	r := server(t, lua(`
http.addListener(PORT)
local _, _, req, res = os.pullEvent("http_request")
print("got request")
os.pullEvent("step")
res.write("nobody listens") res.close()
print("closed fine")
-- a half-sent request never reaches Lua
local timer = os.startTimer(0.3)
while true do
  local ev, p1 = os.pullEvent()
  if ev == "http_request" then print("unexpected request") end
  if ev == "timer" and p1 == timer then break end
end
print("done")
`, port), port)
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url(port, "/gone"), nil)
	errc := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	r.WaitOutput(t, "got request")
	cancel()
	mustf(t, <-errc != nil, "request succeeded despite cancel")
	// And a client that sends half a body then disconnects.
	c, err := net.Dial("tcp", addr(port))
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part")
	time.Sleep(50 * time.Millisecond)
	c.Close()
	event(r, "step")
	res := r.Wait(t, 10*time.Second)
	mustf(t, strings.Contains(res.Stdout, "closed fine") && strings.Contains(res.Stdout, "done") && !strings.Contains(res.Stdout, "unexpected"),
		"stdout:\n%s\nstderr:\n%s", res.Stdout, res.Stderr)
	mustf(t, res.Err == nil && res.Status == 0, "status %d err %v", res.Status, res.Err)
	http.DefaultClient.CloseIdleConnections()
}

// Everything closes when the program ends: pending requests get 503,
// the ports refuse connections and no goroutine is left.
func TestShutdownClosesEverything(t *testing.T) {
	computertest.CheckGoroutines(t)
	port1, port2 := freePort(t), freePort(t)
	r := server(t, lua(`
http.addListener(P1)
http.addListener(P2)
os.pullEvent("http_request")
print("got one")
os.pullEvent("step")
`, port1, "P1", fmt.Sprint(port1), "P2", fmt.Sprint(port2)), port1)
	waitListening(t, r, port2)
	status := make(chan int, 1)
	go func() {
		resp, err := http.Get(url(port2, "/pending"))
		if err != nil {
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	r.WaitOutput(t, "got one")
	event(r, "step")
	r.Wait(t, 10*time.Second)
	got := <-status
	mustf(t, got == 503, "pending request got %d, want 503", got)
	refused(t, port1)
	refused(t, port2)
	http.DefaultClient.CloseIdleConnections()
}

// A connection cap: past it, connections wait in the backlog and are served
// as others close.
func TestConnectionCap(t *testing.T) {
	port := freePort(t)
	server(t, lua(echoServer, port), port, limits(func(l *computer.Limits) { l.MaxConnections = 4 }))
	tr := &http.Transport{DisableKeepAlives: true}
	client := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for i := range 20 {
		wg.Go(func() {
			resp, err := client.Get(url(port, fmt.Sprintf("/%d", i)))
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			mu.Lock()
			ok++
			mu.Unlock()
		})
	}
	wg.Wait()
	mustf(t, ok == 20, "%d of 20 answered", ok)
}
