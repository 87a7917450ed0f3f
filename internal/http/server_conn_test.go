package http_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
)

// A client that pipelines its next request while a handler waits gets
// both answers, in order, on the same connection (server_conn.go), and the
// bytes it sent early are not lost.
func TestPipelinedRequestsWhileHandlerWaits(t *testing.T) {
	port := freePort(t)
	server(t, lua(`
http.listen(PORT, function(req, res)
  if req.getURL() == "/slow" then sleep(0.3) end
  res.write("answer " .. req.getURL() .. " " .. (req.readAll() or ""))
  res.close()
end)`, port), port)
	c, err := net.Dial("tcp", addr(port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the handler is sleeping now
	if _, err := io.WriteString(c, "POST /next HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody"); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	for _, want := range []string{"answer /slow ", "answer /next body"} {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("reading the answer %q: %v", want, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		mustf(t, resp.StatusCode == 200 && string(b) == want, "got %d %q, want %q", resp.StatusCode, b, want)
	}
}

// A client that leaves while its handler waits costs nothing: the
// handler's answer finds the connection gone, and the next client is
// served.
func TestClientLeavesWhileHandlerWaits(t *testing.T) {
	port := freePort(t)
	server(t, lua(`
http.listen(PORT, function(req, res)
  if req.getURL() == "/slow" then sleep(0.3) end
  res.write("ok")
  res.close()
end)`, port), port)
	c, err := net.Dial("tcp", addr(port))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(c, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	c.Close()
	time.Sleep(400 * time.Millisecond) // the handler answers a closed socket
	code, body := get(t, port, "/after")
	mustf(t, code == 200 && body == "ok", "after: %d %q", code, body)
}

// Removing the listener while a handler waits answers that client 503 at
// once.
func TestRemoveListenerWhileHandlerWaits(t *testing.T) {
	port := freePort(t)
	server(t, lua(`
http.addListener(PORT)
local n = 0
while true do
  local ev, p, req, res = os.pullEvent()
  if ev == "http_request" then
    n = n + 1
    if n == 1 then os.startTimer(0.2) end
  elseif ev == "timer" then
    http.removeListener(PORT)
  end
end`, port), port)
	start := time.Now()
	resp, err := http.Get(url(port, "/wait"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	mustf(t, resp.StatusCode == 503 && strings.Contains(string(b), "Server stopped"), "got %d %q", resp.StatusCode, b)
	mustf(t, time.Since(start) < 5*time.Second, "503 took %v", time.Since(start))
}

// Requests sent in one write, with Content-Length and chunked bodies
// (holding text that looks like a request), each reach the handler with
// their own header names as the client spelled them, whatever the read
// boundaries.
func TestPipelinedHeadsKeepTheirNames(t *testing.T) {
	port := freePort(t)
	server(t, lua(`
http.listen(PORT, function(req, res)
  local names = {}
  for k in pairs(req.getRequestHeaders()) do names[#names + 1] = k end
  table.sort(names)
  res.write(req.getURL() .. " " .. table.concat(names, ",") .. " " .. req.readAll())
  res.close()
end)`, port), port)
	stream := "GET /1 HTTP/1.1\r\nHost: a\r\nx-One: 1\r\n\r\n" +
		"POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 24\r\n\r\nGET /fake HTTP/1.1\r\n\r\nab" +
		"PUT /3 HTTP/1.1\r\nhost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nGET \r\n1a\r\n/fake HTTP/1.1\r\nFoo: 1\r\n\r\n\r\n0\r\n\r\n" +
		"GET /4 HTTP/1.1\nHOST: a\nbare-lf: yes\n\n"
	want := []string{
		"/1 Host,x-One ",
		"/2 Content-Length,Host GET /fake HTTP/1.1\r\n\r\nab",
		"/3 Transfer-Encoding,host GET /fake HTTP/1.1\r\nFoo: 1\r\n\r\n",
		"/4 HOST,bare-lf ",
	}
	for _, size := range []int{len(stream), 7, 1} {
		c, err := net.Dial("tcp", addr(port))
		if err != nil {
			t.Fatal(err)
		}
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		go func() {
			for i := 0; i < len(stream); i += size {
				if _, err := io.WriteString(c, stream[i:min(i+size, len(stream))]); err != nil {
					return
				}
			}
		}()
		br := bufio.NewReader(c)
		for _, w := range want {
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("write size %d, want %q: %v", size, w, err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			mustf(t, string(b) == w, "write size %d: got %q, want %q", size, b, w)
		}
		c.Close()
	}
}

// What net/http's loop did for HTTP/1.x, the connection loop does too:
// refusals with their status, HEAD without a body, 100-continue, HTTP/1.0
// closing unless asked to keep the connection.
func TestConnectionLoopAnswers(t *testing.T) {
	port := freePort(t)
	server(t, lua(`
http.listen(PORT, function(req, res)
  res.write(req.getMethod() .. " " .. req.getURL() .. " " .. req.readAll())
  res.close()
end)`, port), port, limits(func(l *computer.Limits) { l.MaxHeaderSize = 1024 }))
	cases := []struct {
		name, req  string
		status     int
		body       string
		connection string // the Connection header wanted
	}{
		{"HTTP/1.1 keeps", "GET /a HTTP/1.1\r\nHost: x\r\n\r\n", 200, "GET /a ", ""},
		{"HTTP/1.0 closes", "GET /b HTTP/1.0\r\n\r\n", 200, "GET /b ", "close"},
		{"HTTP/1.0 keep-alive", "GET /c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 200, "GET /c ", "keep-alive"},
		{"close asked", "GET /d HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200, "GET /d ", "close"},
		{"HEAD", "HEAD /e HTTP/1.1\r\nHost: x\r\n\r\n", 200, "", ""},
		{"100-continue", "POST /f HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi", 200, "POST /f hi", ""},
		{"no Host", "GET /g HTTP/1.1\r\n\r\n", 400, "", "close"},
		{"absolute URI, no Host", "GET http://x/g2 HTTP/1.1\r\n\r\n", 400, "", "close"},
		{"absolute URI and Host", "GET http://x/g3 HTTP/1.1\r\nhost: y\r\n\r\n", 200, "GET http://x/g3 ", ""},
		{"empty Host", "GET /g4 HTTP/1.1\r\nHost:\r\n\r\n", 200, "GET /g4 ", ""},
		{"bad Host", "GET /g5 HTTP/1.1\r\nHost: a b\r\n\r\n", 400, "", "close"},
		{"two Hosts", "GET /g6 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "", "close"},
		{"HTTP/1.0 without Host", "GET /g7 HTTP/1.0\r\n\r\n", 200, "GET /g7 ", "close"},
		{"garbage", "NOT HTTP AT ALL\r\n\r\n", 400, "", "close"},
		{"other expectation", "GET /h HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n", 417, "", "close"},
		{"head too large", "GET /i HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 8000) + "\r\n\r\n", 431, "", "close"},
		{"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, "", "close"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr(port))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
			if _, err := io.WriteString(conn, c.req); err != nil {
				t.Fatal(err)
			}
			method, _, _ := strings.Cut(c.req, " ")
			br := bufio.NewReader(conn)
			var resp *http.Response
			for resp == nil || resp.StatusCode == http.StatusContinue {
				if resp, err = http.ReadResponse(br, &http.Request{Method: method}); err != nil {
					t.Fatal(err)
				}
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			mustf(t, resp.StatusCode == c.status, "status %s", resp.Status)
			if c.status == 200 {
				mustf(t, string(body) == c.body, "body %q, want %q", body, c.body)
			}
			mustf(t, resp.Header.Get("Connection") == c.connection || (c.connection == "close" && resp.Close),
				"Connection %q (close %v), want %q", resp.Header.Get("Connection"), resp.Close, c.connection)
		})
	}
}
