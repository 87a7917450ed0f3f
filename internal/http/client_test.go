package http

import (
	"bufio"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// prelude gives test programs the base URL and small assertions that name
// what went wrong.
const prelude = `
local base = ...
local function eq(got, want, what)
    if got ~= want then
        error(("%s: got %s, want %s"):format(what or "value", tostring(got), tostring(want)), 2)
    end
end
local function errorOf(fn, ...)
    local ok, err = pcall(fn, ...)
    eq(ok, false, "pcall")
    return err
end
`

// testLimits are the defaults with small sizes, so limits are cheap to hit.
func testLimits() computer.Limits {
	l := computer.DefaultLimits()
	l.HTTPMaxDownload = 64 << 10
	l.HTTPMaxUpload = 16 << 10
	return l
}

// runLua runs prelude+src on a computer with the http API, base as its
// argument, and returns what it printed; any error fails the test.
func runLua(t *testing.T, src, base string, opts ...computertest.Option) string {
	t.Helper()
	opts = append([]computertest.Option{
		computertest.Extensions(Install),
		computertest.Limits(testLimits()),
		computertest.Args(base),
	}, opts...)
	r := computertest.Run(t, prelude+src, opts...)
	if r.Err != nil || r.Status != 0 || r.Stderr != "" {
		t.Fatalf("program failed: status %d, err %v\nstderr:\n%s\nstdout:\n%s", r.Status, r.Err, r.Stderr, r.Stdout)
	}
	return r.Stdout
}

// allBytes is every byte value once, in order.
func allBytes() []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// testServer is the httptest server most tests talk to.
func testServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello\r\nworld\nlast")
	})
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"name":"craftos","list":[1,2,3]}`)
	})
	// /echo answers "METHOD|body|header values" for the headers a test asks
	// about in ?h=Name,Name.
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		parts := []string{r.Method, string(body)}
		if h := r.URL.Query().Get("h"); h != "" {
			for _, name := range strings.Split(h, ",") {
				parts = append(parts, r.Header.Get(name))
			}
		}
		io.WriteString(w, strings.Join(parts, "|"))
	})
	mux.HandleFunc("/bytes", func(w http.ResponseWriter, r *http.Request) {
		w.Write(allBytes())
	})
	mux.HandleFunc("/mirror", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(w, r.Body)
	})
	mux.HandleFunc("/status/", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/status/"))
		w.WriteHeader(code)
		fmt.Fprintf(w, "status %d", code)
	})
	mux.HandleFunc("/headers", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		w.Header().Set("X-Single", "one")
		io.WriteString(w, "ok")
	})
	// /redirect/N?code=C redirects N times with status C, then to /echo.
	mux.HandleFunc("/redirect/", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/redirect/"))
		code := 302
		if c := r.URL.Query().Get("code"); c != "" {
			code, _ = strconv.Atoi(c)
		}
		next := fmt.Sprintf("/redirect/%d?code=%d", n-1, code)
		if n <= 1 {
			next = "/echo"
		}
		w.Header().Set("Location", next)
		w.WriteHeader(code)
	})
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 100<<10)) // declared length past the test limit
	})
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("kb"))
		chunk := make([]byte, 1024)
		for range n { // chunked: no length to check up front
			w.Write(chunk)
			w.(http.Flusher).Flush()
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// rawServer answers every connection with resp verbatim, for responses
// net/http would not write (custom phrases, garbage).
func rawServer(t *testing.T, resp string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			br := bufio.NewReader(c)
			for { // read the request head
				line, err := br.ReadString('\n')
				if err != nil || line == "\r\n" {
					break
				}
			}
			io.WriteString(c, resp)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	return "http://" + ln.Addr().String()
}

// closedPort is a local address nobody listens on.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestRequestEvents(t *testing.T) {
	computertest.CheckGoroutines(t)
	srv := testServer(t)
	tests := []struct{ name, src, want string }{
		{"string form success", `
			local url = base .. "/text"
			eq(http.request(url), true, "request")
			local ev, u, h = os.pullEvent()
			print(ev, u == url, type(h), h.getResponseCode())`,
			"http_success\ttrue\ttable\t200\tOK\n"},
		{"table form success", `
			local url = base .. "/echo?h=X-Test"
			eq(http.request{url = url, body = "b", method = "PUT", headers = {["X-Test"] = "t"}}, true, "request")
			local ev, u, h = os.pullEvent()
			print(ev, u == url, h.readAll())`,
			"http_success\ttrue\tPUT|b|t\n"},
		{"error status is a failure with the handle", `
			local url = base .. "/status/404"
			http.request(url)
			local ev, u, reason, h = os.pullEvent()
			print(ev, u == url, reason, h.readAll(), h.getResponseCode())`,
			"http_failure\ttrue\tNot Found\tstatus 404\t404\tNot Found\n"},
		{"5xx", `
			http.request(base .. "/status/503")
			local ev, _, reason, h = os.pullEvent()
			print(ev, reason, h.getResponseCode())`,
			"http_failure\tService Unavailable\t503\tService Unavailable\n"},
		{"unfollowed 3xx is a success", `
			http.request{url = base .. "/redirect/1", redirect = false}
			local ev, _, h = os.pullEvent()
			print(ev, h.getResponseHeaders().Location, h.getResponseCode())`,
			"http_success\t/echo\t302\tFound\n"},
		{"304 is not followed", `
			http.request(base .. "/status/304")
			local ev, _, h = os.pullEvent()
			print(ev, h.getResponseCode())`,
			"http_success\t304\tNot Modified\n"},
		{"url syntax error: false and a queued failure", `
			print(http.request("example.com"))
			print(os.pullEvent())`,
			"false\tMust specify http or https\nhttp_failure\texample.com\tMust specify http or https\n"},
		{"table form url syntax error", `
			print(http.request{url = "ftp://x/"})
			print(os.pullEvent())`,
			"false\tInvalid protocol 'ftp'\nhttp_failure\tftp://x/\tInvalid protocol 'ftp'\n"},
		{"url after redirects is the one asked for", `
			local url = base .. "/redirect/3"
			http.request(url)
			local ev, u, h = os.pullEvent()
			print(ev, u == url, h.readAll())`,
			"http_success\ttrue\tGET|\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runLua(t, tt.src, srv.URL); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGetPostAndVerbs(t *testing.T) {
	computertest.CheckGoroutines(t)
	srv := testServer(t)
	tests := []struct{ name, src, want string }{
		{"get string form", `print(http.get(base .. "/echo").readAll())`, "GET|\n"},
		{"get table form", `print(http.get{url = base .. "/echo"}.readAll())`, "GET|\n"},
		{"get with headers", `print(http.get(base .. "/echo?h=X-A", {["X-A"] = "1"}).readAll())`, "GET||1\n"},
		{"get failure", `
			local h, err, eh = http.get(base .. "/status/404")
			print(h, err, eh.readAll())`, "nil\tNot Found\tstatus 404\n"},
		{"get bad url", `print(http.get("nope"))`, "nil\tMust specify http or https\n"},
		{"post string form", `print(http.post(base .. "/echo", "a=1").readAll())`, "POST|a=1\n"},
		{"post table form", `print(http.post{url = base .. "/echo", body = "x"}.readAll())`, "POST|x\n"},
		{"post with method", `print(http.post{url = base .. "/echo", body = "x", method = "PATCH"}.readAll())`, "PATCH|x\n"},
		{"put", `print(http.put(base .. "/echo", "p").readAll())`, "PUT|p\n"},
		{"delete", `print(http.delete(base .. "/echo", "").readAll())`, "DELETE|\n"},
		{"patch table form", `print(http.patch{url = base .. "/echo", body = "q"}.readAll())`, "PATCH|q\n"},
		{"options", `print(http.options(base .. "/echo", "").readAll())`, "OPTIONS|\n"},
		{"head", `local h = http.head(base .. "/echo", "") print(h.readAll(), h.getResponseCode())`, "\t200\tOK\n"},
		{"request empty body is a POST", `
			http.request(base .. "/echo", "")
			local _, _, h = os.pullEvent("http_success")
			print(h.readAll())`, "POST|\n"},
		{"default headers", `
			print(http.get(base .. "/echo?h=User-Agent,Accept-Charset,Content-Type").readAll())
			print(http.post(base .. "/echo?h=Content-Type,Content-Length", "abc").readAll())`,
			"GET||computercraft/1.116.1 craftos/" + computer.Version + "|UTF-8|\n" +
				"POST|abc|application/x-www-form-urlencoded; charset=utf-8|3\n"},
		{"own headers win", `
			print(http.post(base .. "/echo?h=User-Agent,Content-Type", "{}",
				{["user-agent"] = "me", ["Content-Type"] = "application/json"}).readAll())`,
			"POST|{}|me|application/json\n"},
		{"non-string headers are skipped", `
			print(http.get(base .. "/echo?h=X-N", {["X-N"] = 5, [1] = "x"}).readAll())`, "GET||\n"},
		{"other events are consumed while waiting", `
			os.queueEvent("mine")
			http.get(base .. "/text")
			os.queueEvent("after")
			print(os.pullEvent())`, "after\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runLua(t, tt.src, srv.URL); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestArgumentErrors(t *testing.T) {
	computertest.CheckGoroutines(t)
	tests := []struct{ name, src, want string }{
		{"table without url", `http.get({})`, "bad field 'url' (string expected, got nil"},
		{"get with a body", `http.get{url = "http://x/", body = "b"}`, "bad field 'body' (nil expected, got string"},
		{"post without a body", `http.post{url = "http://x/"}`, "bad field 'body' (string expected, got nil"},
		{"bad headers field", `http.request{url = "http://x/", headers = 1}`, "bad field 'headers' (table expected, got number"},
		{"bad redirect field", `http.request{url = "http://x/", redirect = 1}`, "bad field 'redirect' (boolean expected, got number"},
		{"bad timeout field", `http.request{url = "http://x/", timeout = "1"}`, "bad field 'timeout' (number expected, got string"},
		{"bad websocket field", `http.websocket{url = 1}`, "bad field 'url' (string expected, got number"},
		{"method case", `http.request{url = "http://x/", method = "get"}`, "Unsupported HTTP method"},
		{"CONNECT", `http.request{url = "http://x/", method = "CONNECT"}`, "Unsupported HTTP method"},
		{"string form types", `http.get(1)`, "bad argument #1 to 'get' (string expected, got number)"},
		{"post needs a body", `http.post("http://x/")`, "bad argument #2 to 'post' (string expected, got nil)"},
		{"put needs a body", `http.put("http://x/")`, "(string expected, got nil)"},
		{"binary type", `http.request("http://x/", nil, nil, 1)`, "bad argument #4 to 'request' (boolean expected, got number)"},
		{"checkURL type", `http.checkURL()`, "bad argument #1 to 'checkURL' (string expected, got nil)"},
		{"websocket type", `http.websocket(1)`, "bad argument #1 to 'websocket' (string expected, got number)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The error must name the caller's line: both ROMs use error
			// levels that point past their own frames.
			src := `local ok, err = pcall(function()
				line = debug.getinfo(1, "l").currentline ` + tt.src + `
			end)
			eq(ok, false, "pcall")
			print(err:sub(1, #("test.lua:" .. line .. ": ")) == "test.lua:" .. line .. ": ", err)`
			got := runLua(t, src, "")
			if !strings.HasPrefix(got, "true\t") || !strings.HasSuffix(got, tt.want+"\n") {
				t.Errorf("got %q, want the caller's position and %q", got, tt.want)
			}
		})
	}
}

func TestNativeErrors(t *testing.T) {
	computertest.CheckGoroutines(t)
	srv := testServer(t)
	tests := []struct{ name, src, want string }{
		{"timeout out of range", `print(select(2, pcall(http.request, {url = base, timeout = 61})))`, "timeout out of range (between 0.0 and 60.0)\n"},
		{"invalid header name", `print(http.get(base, {["a b"] = "c"}))`, "nil\tInvalid header name 'a b'\n"},
		{"invalid header value", `print(http.get(base, {["A"] = "c\r\nd"}))`, "nil\tInvalid value for header 'A'\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runLua(t, tt.src, srv.URL); !strings.HasSuffix(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestResponseHandle(t *testing.T) {
	computertest.CheckGoroutines(t)
	srv := testServer(t)
	tests := []struct{ name, src, want string }{
		{"read one char, then counts, then nil", `
			local h = http.get(base .. "/text")
			print(h.read(), h.read(3), h.read(100))
			print(h.read(), h.read(1), h.readAll())`,
			"h\tell\to\r\nworld\nlast\nnil\tnil\t\n"},
		{"readLine drops \\r\\n, keep keeps it", `
			local h = http.get(base .. "/text")
			eq(h.readLine(), "hello", "line 1")
			eq(h.readLine(true), "world\n", "line 2")
			eq(h.readLine(), "last", "line 3")
			print(h.readLine())
			h.seek("set", 0)
			eq(h.readLine(true), "hello\r\n", "kept \\r")`,
			"nil\n"},
		{"seek", `
			local h = http.get(base .. "/text")
			print(h.seek(), h.seek("set", 2), h.read(2), h.seek("cur", -1), h.read(1))
			print(h.seek("end"), h.read(), h.seek("end", -4), h.readAll())
			print(h.seek("set", -1))
			print(h.seek("set", 100), h.read(), h.readAll())
			print((select(2, pcall(h.seek, "nope")):gsub("^[^:]+:%d+: ", "")))`,
			"0\t2\tll\t3\tl\n17\tnil\t13\tlast\nnil\tPosition is negative\n100\tnil\t\n" +
				"bad argument #1 to 'seek' (invalid option 'nope')\n"},
		{"negative read", `
			local h = http.get(base .. "/text")
			print((select(2, pcall(h.read, -1)):gsub("^[^:]+:%d+: ", "")))`,
			"Cannot read a negative number of bytes\n"},
		{"headers", `
			local h = http.get(base .. "/headers")
			local hs = h.getResponseHeaders()
			print(hs["X-Multi"], hs["X-Single"], hs["Content-Length"])
			hs["X-Single"] = "changed"
			print(h.getResponseHeaders()["X-Single"])`,
			"a,b\tone\t2\none\n"},
		{"closed handle", `
			local h = http.get(base .. "/text")
			h.close()
			for _, name in ipairs{"read", "readLine", "readAll", "seek", "getResponseCode", "getResponseHeaders", "close"} do
				local ok, err = pcall(h[name])
				print(name, (err:gsub("^[^:]+:%d+: ", "")))
			end`,
			"read\tattempt to use a closed file\nreadLine\tattempt to use a closed file\n" +
				"readAll\tattempt to use a closed file\nseek\tattempt to use a closed file\n" +
				"getResponseCode\tattempt to use a closed file\ngetResponseHeaders\tattempt to use a closed file\n" +
				"close\tattempt to use a closed file\n"},
		{"json", `
			local h = http.get(base .. "/json")
			print(textutils.unserialiseJSON(h.readAll()).name)`,
			"craftos\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runLua(t, tt.src, srv.URL); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBinaryBodies(t *testing.T) {
	computertest.CheckGoroutines(t)
	srv := testServer(t)
	src := `
		local all = {}
		for i = 0, 255 do all[#all + 1] = string.char(i) end
		all = table.concat(all)

		-- text mode: raw bytes, read() gives 1-char strings
		local h = http.get(base .. "/bytes")
		eq(h.read(), "\0", "text read()")
		eq(h.readAll(), all:sub(2), "text readAll")

		-- binary mode: read() gives numbers, read(n) strings
		h = http.get(base .. "/bytes", nil, true)
		for i = 0, 255 do eq(h.read(), i, "binary read() " .. i) end
		eq(h.read(), nil, "binary read() at end")
		h.seek("set", 0)
		eq(h.read(256), all, "binary read(n)")

		-- both call forms upload every byte value intact
		eq(http.post(base .. "/mirror", all, nil, true).readAll(), all, "post string form")
		eq(http.post{url = base .. "/mirror", body = all, binary = true}.readAll(), all, "post table form")
		http.request{url = base .. "/mirror", body = all .. all, binary = true}
		local _, _, rh = os.pullEvent("http_success")
		eq(rh.readAll(), all .. all, "request table form")
		print("ok")`
	if got := runLua(t, src, srv.URL); got != "ok\n" {
		t.Errorf("got %q", got)
	}
}

func TestRedirects(t *testing.T) {
	computertest.CheckGoroutines(t)
	srv := testServer(t)
	tests := []struct{ name, src, want string }{
		{"302 keeps the method and body", `print(http.post(base .. "/redirect/2?code=302", "b").readAll())`, "POST|b\n"},
		{"301", `print(http.post(base .. "/redirect/1?code=301", "b").readAll())`, "POST|b\n"},
		{"307", `print(http.post(base .. "/redirect/1?code=307", "b").readAll())`, "POST|b\n"},
		{"305", `print(http.get(base .. "/redirect/1?code=305").readAll())`, "GET|\n"},
		{"303 becomes GET without a body", `print(http.post(base .. "/redirect/1?code=303", "b").readAll())`, "GET|\n"},
		{"308 is not followed", `
			local h = http.post(base .. "/redirect/1?code=308", "b")
			print(h.getResponseCode())`, "308\tPermanent Redirect\n"},
		{"16 redirects are followed", `print(http.get(base .. "/redirect/16").readAll())`, "GET|\n"},
		{"the 17th is the answer", `
			local h = http.get(base .. "/redirect/17")
			print(h.getResponseHeaders().Location, h.getResponseCode())`,
			"/echo\t302\tFound\n"},
		{"redirect = false", `
			local h = http.get{url = base .. "/redirect/1", redirect = false}
			print(h.getResponseCode())`, "302\tFound\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runLua(t, tt.src, srv.URL); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFailures(t *testing.T) {
	computertest.CheckGoroutines(t)
	srv := testServer(t)
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the failed handshakes are the point
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	refused := closedPort(t)
	garbage := rawServer(t, "this is not HTTP\r\n\r\n")
	phrase := rawServer(t, "HTTP/1.1 418 Too Short And Stout\r\nContent-Length: 2\r\n\r\nhi")
	cut := rawServer(t, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhi")
	hangup := rawServer(t, "")

	type tc struct {
		name, url, want string
		opts            []computertest.Option
	}
	withLimits := func(f func(*computer.Limits)) computertest.Option {
		l := testLimits()
		f(&l)
		return computertest.Limits(l)
	}
	tests := []tc{
		{name: "refused", url: "http://" + refused + "/", want: "Could not connect"},
		{name: "unknown host", url: "http://nonexistent.invalid/", want: "Unknown host"},
		{name: "tls", url: tlsSrv.URL + "/", want: "Could not create a secure connection"},
		{name: "https to a plain server", url: strings.Replace(srv.URL, "http:", "https:", 1) + "/text", want: "Could not create a secure connection"},
		{name: "not http", url: garbage, want: "Malformed response"},
		{name: "body cut short", url: cut, want: "Connection closed"},
		{name: "no answer", url: hangup, want: "Connection closed"},
		{name: "declared too large", url: srv.URL + "/big", want: "Response is too large"},
		{name: "streamed too large", url: srv.URL + "/stream?kb=65", want: "Response is too large"},
		{name: "timeout", url: srv.URL + "/slow", want: "Timed out",
			opts: []computertest.Option{withLimits(func(l *computer.Limits) { l.HTTPTimeout = 200 * time.Millisecond })}},
		{name: "blocked by deny", url: srv.URL + "/text", want: "Domain not permitted",
			opts: []computertest.Option{withLimits(func(l *computer.Limits) { l.HTTPDeny = []string{"127.0.0.1"} })}},
		{name: "blocked by $private", url: srv.URL + "/text", want: "Domain not permitted",
			opts: []computertest.Option{withLimits(func(l *computer.Limits) { l.HTTPBlockPrivate = true })}},
		{name: "not in the allow list", url: srv.URL + "/text", want: "Domain not permitted",
			opts: []computertest.Option{withLimits(func(l *computer.Limits) { l.HTTPAllow = []string{"*.example.com"} })}},
		// localhost passes the name check; the address it resolves to is
		// refused when dialing.
		{name: "blocked after DNS", url: strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/text", want: "Domain not permitted",
			opts: []computertest.Option{withLimits(func(l *computer.Limits) { l.HTTPDeny = []string{"127.0.0.0/8", "::1/128"} })}},
		{name: "redirect to a blocked host", url: srv.URL + "/away?to=" + strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/text",
			want: "Domain not permitted",
			opts: []computertest.Option{withLimits(func(l *computer.Limits) { l.HTTPDeny = []string{"localhost"} })}},
		{name: "malformed: no scheme", url: "example.com/x", want: "Must specify http or https"},
		{name: "malformed: bad scheme", url: "FTP://example.com/", want: "Invalid protocol 'ftp'"},
		{name: "malformed: no host", url: "http:///x", want: "URL malformed"},
		{name: "malformed: opaque", url: "http:example.com", want: "URL malformed"},
		{name: "malformed: space in host", url: "http://exa mple.com/", want: "URL malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `
				local h, err, eh = http.get(base)
				print(h, err, eh)
				http.request(base)
				local ev, u, reason, rh = os.pullEvent()
				print(ev, u == base, reason, rh)`
			want := fmt.Sprintf("nil\t%s\tnil\nhttp_failure\ttrue\t%s\tnil\n", tt.want, tt.want)
			if got := runLua(t, src, tt.url, tt.opts...); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}

	t.Run("custom reason phrase", func(t *testing.T) {
		src := `
			local h, err, eh = http.get(base)
			print(h, err, eh.readAll(), eh.getResponseCode())`
		if got, want := runLua(t, src, phrase), "nil\tToo Short And Stout\thi\t418\tToo Short And Stout\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("request body too large", func(t *testing.T) {
		src := `print(http.post(base .. "/mirror", ("x"):rep(16 * 1024)).readAll() == ("x"):rep(16 * 1024))
			print(http.post(base .. "/mirror", ("x"):rep(16 * 1024 + 1)))`
		if got, want := runLua(t, src, srv.URL), "true\nnil\tRequest body is too large\tnil\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("headers count toward the upload", func(t *testing.T) {
		src := `print(http.post(base .. "/mirror", ("x"):rep(16 * 1024 - 10), {["X-Big"] = "0123456789"}))`
		if got, want := runLua(t, src, srv.URL), "nil\tRequest body is too large\tnil\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("per-request timeout", func(t *testing.T) {
		src := `
			local start = os.clock()
			print(http.get{url = base .. "/slow", timeout = 0.2})`
		if got, want := runLua(t, src, srv.URL), "nil\tTimed out\tnil\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestConcurrencyCap(t *testing.T) {
	computertest.CheckGoroutines(t)
	release := make(chan struct{})
	var once bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/hold":
			select {
			case <-release:
			case <-r.Context().Done():
			}
		case "/ping":
			select {
			case <-release:
			default:
				t.Error("the queued request ran before a slot was free")
			}
		}
		io.WriteString(w, r.URL.Path)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		if !once {
			close(release)
		}
	})
	l := testLimits()
	l.HTTPMaxRequests = 2
	l.HTTPMaxQueued = 1
	// Two requests hold the slots; the third waits in the queue; the fourth
	// is refused. /ping, queued behind them, only answers once they finish.
	src := `
		eq(http.request(base .. "/hold"), true, "1")
		eq(http.request(base .. "/hold"), true, "2")
		eq(http.request(base .. "/ping"), true, "3")
		print(select(2, pcall(http.request, base .. "/x")))
		os.queueEvent("release")
		local got = {}
		while #got < 3 do
			local ev, url, h = os.pullEvent()
			if ev == "http_success" then got[#got + 1] = h.readAll() end
			if ev == "http_failure" then error(url .. ": " .. tostring(h)) end
		end
		table.sort(got)
		print(table.concat(got, " "))`
	r := computertest.Start(t, prelude+src, computertest.Extensions(Install), computertest.Limits(l), computertest.Args(srv.URL))
	// Release the held requests once the program has hit the cap.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(r.Stdout(), "Too many") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	once = true
	close(release)
	res := r.Wait(t, 10*time.Second)
	if want := "Too many ongoing HTTP requests\n/hold /hold /ping\n"; !strings.HasSuffix(res.Stdout, ": "+want) || res.Err != nil {
		t.Errorf("got %q (%v, %s), want %q", res.Stdout, res.Err, res.Stderr, want)
	}
}

func TestCheckURL(t *testing.T) {
	computertest.CheckGoroutines(t)
	srv := testServer(t)
	deny := func(l *computer.Limits) { l.HTTPDeny = []string{"127.0.0.1", "localhost"} }
	tests := []struct {
		name, src, want string
		limits          func(*computer.Limits)
	}{
		{"ok", `print(http.checkURL(base))`, "true\tnil\n", nil},
		{"malformed", `print(http.checkURL("nope"))`, "false\tMust specify http or https\n", nil},
		{"malformed async returns at once", `print(http.checkURLAsync("gopher://x"))`, "false\tInvalid protocol 'gopher'\n", nil},
		// The name is not looked up: a well-formed domain passes offline.
		{"unresolvable domain", `print(http.checkURL("http://nonexistent.invalid/"))`, "true\tnil\n", nil},
		{"no host", `print(http.checkURL("http://"))`, "false\tURL malformed\n", nil},
		{"blocked", `print(http.checkURL(base))`, "false\tDomain not permitted\n", deny},
		{"blocked name, not looked up", `print(http.checkURL("https://a.nonexistent.invalid/x"))`, "false\tDomain not permitted\n",
			func(l *computer.Limits) { l.HTTPDeny = []string{"*.nonexistent.invalid"} }},
		{"async event", `
			print(http.checkURLAsync(base))
			print(os.pullEvent("http_check") == "http_check")
			print(http.checkURLAsync("http://nonexistent.invalid/"))
			local _, u, ok, reason = os.pullEvent("http_check")
			print(u, ok, reason)`,
			"true\ntrue\ntrue\nhttp://nonexistent.invalid/\ttrue\tnil\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLimits()
			if tt.limits != nil {
				tt.limits(&l)
			}
			if got := runLua(t, tt.src, srv.URL, computertest.Limits(l)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestShutdownMidRequest stops a computer while a request is in flight: it
// must stop promptly and leave no goroutine behind.
func TestShutdownMidRequest(t *testing.T) {
	computertest.CheckGoroutines(t)
	srv := testServer(t)
	r := computertest.Start(t, `
		local base = ...
		for i = 1, 20 do http.request(base .. "/slow") end
		http.websocketAsync((base:gsub("^http", "ws")) .. "/slow")
		print("started")
		os.pullEvent("never")`,
		computertest.Extensions(Install), computertest.Args(srv.URL))
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(r.Stdout(), "started") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	r.Stop()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stopping took %v", d)
	}
}

// TestFetchJSONExample runs examples/fetch_json.lua against a test server.
func TestFetchJSONExample(t *testing.T) {
	computertest.CheckGoroutines(t)
	srv := testServer(t)
	src, err := os.ReadFile("../../examples/fetch_json.lua")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		want   string
		status int
	}{
		{[]string{srv.URL + "/json", "name"}, "craftos\n", 0},
		{[]string{srv.URL + "/json", "list.2"}, "2\n", 0},
		{[]string{srv.URL + "/json", "nope"}, "", 1},
		{[]string{srv.URL + "/status/500"}, "", 1},
	}
	for _, tt := range tests {
		r := computertest.Run(t, string(src), computertest.Extensions(Install), computertest.Args(tt.args...))
		if r.Stdout != tt.want || r.Status != tt.status {
			t.Errorf("%v: got %q, status %d (%s), want %q, status %d", tt.args, r.Stdout, r.Status, r.Stderr, tt.want, tt.status)
		}
	}
}
