package http

import (
	"bytes"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
)

// exchange is one HTTP request and its response as the Lua handler sees
// them. The listener goroutine fills the request half, queues the event and
// waits on done; Lua fills the response half. Request and response share
// one closed flag, set once by whichever comes first: res.close() or the
// response timeout (both under mu, so the timeout's snapshot of the
// response is consistent and later Lua calls see the flag).
type exchange struct {
	// Request half, fixed before the event is queued. The header table is
	// built on first use, on the Lua side: from the raw block (names as
	// sent) or, failing that, net/http's parsed header.
	method   string
	url      string
	rawBlock []byte
	goHeader http.Header
	host     string
	headers  map[string]string // built lazily, touched only by Lua
	body     []byte
	pos      int         // read position, touched only by Lua
	in       *bodyStream // the rest of a long body (server_body.go); nil: body is all of it

	mu     sync.Mutex
	closed bool
	// wake is signalled (never closed) when Lua closes the response, flushes
	// it, or gives it up (a write past the cap, failResponse); the request's
	// goroutine then reads the state under mu.
	wake chan struct{}
	// limit caps the response body waiting to be sent (0: no cap); tooLarge
	// is set when a write passed it: the client then gets 500 instead of
	// the response (or, once streaming, a cut connection).
	limit    int64
	tooLarge bool
	// flush is set by res.flush() until the goroutine sends what is
	// written; streamed once the head has gone out (no 504/500 possible
	// after that: the connection is cut instead). fail is a status to
	// answer instead of the response (an error in an http.listen handler).
	flush    bool
	streamed bool
	fail     int
	// gone is set when sending a streamed response failed (the client
	// left): later writes are dropped and flush() returns false, so a
	// streaming handler learns to stop without raising.
	gone bool
	// bodyFailure is set when the rest of a streamed request body could
	// not be read (server_body.go): the client has been answered, and the
	// request table's reads raise it.
	bodyFailure string

	// The two tables' objects, in the same allocation.
	req ServerRequest
	res ServerResponse

	// Response half, written by Lua under mu until closed.
	status int
	reason string // "" means the standard phrase
	header []headerField
	buf    []byte
}

type headerField struct{ name, value string }

func newExchange(method, url string, body []byte, limit int64) *exchange {
	x := &exchange{method: method, url: url, body: body, status: 200, limit: limit, wake: make(chan struct{}, 1)}
	x.req.x, x.res.x = x, x
	return x
}

// requestHeaders is the name→value map getRequestHeaders returns.
func (x *exchange) requestHeaders() map[string]string {
	if x.headers != nil {
		return x.headers
	}
	if x.rawBlock != nil {
		x.headers = parseHeaderFields(x.rawBlock)
		return x.headers
	}
	h := make(map[string]string, len(x.goHeader)+1)
	for name, vs := range x.goHeader {
		if len(vs) > 0 {
			h[name] = vs[len(vs)-1]
		}
	}
	if x.host != "" {
		h["Host"] = x.host
	}
	x.headers = h
	return h
}

const errClosedFile = "attempt to use a closed file"

// open raises CraftOS's closed-file error once the exchange is closed.
func (x *exchange) open(a vm.Args) {
	x.mu.Lock()
	closed, bodyFailure := x.closed, x.bodyFailure
	x.mu.Unlock()
	if bodyFailure != "" {
		a.Fail("%s", bodyFailure) // why, rather than "closed"
	}
	if closed {
		a.Fail(errClosedFile)
	}
}

// signal wakes the request's goroutine; a wake already pending covers it.
func (x *exchange) signal() {
	select {
	case x.wake <- struct{}{}:
	default:
	}
}

// isClosed reports whether the response is final.
func (x *exchange) isClosed() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.closed
}

// expire closes the exchange on timeout. It reports false when Lua closed
// it first (its state is then final).
func (x *exchange) expire() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return false
	}
	x.closed = true
	return true
}

// ServerRequest is the request table of an http_request event.
type ServerRequest struct{ x *exchange }

// LuaValue builds the request table on delivery.
func (r *ServerRequest) LuaValue(L *lua.LState) lua.LValue { return vm.HandleTable(L, r) }

// Read is read([count]): one byte as a 1-char string (or up to count
// bytes), nil at the end of the body.
func (r *ServerRequest) Read(a vm.Args) int {
	x := r.x
	x.open(a)
	n := 1
	if a.Value(1) != lua.LNil {
		n = a.Int(1)
		if n < 0 {
			a.Fail("Cannot read a negative number of bytes")
		}
	}
	x.want(a, func(rest []byte) bool { return len(rest) >= n })
	if x.pos >= len(x.body) {
		return a.Return(lua.LNil)
	}
	end := min(x.pos+n, len(x.body))
	s := x.body[x.pos:end]
	x.pos = end
	return a.Return(lua.LString(s))
}

// ReadLine is readLine([keepNewline]): the next line without its "\n"
// ("\r" kept, as CraftOS-PC does), nil at the end of the body.
func (r *ServerRequest) ReadLine(a vm.Args) int {
	x := r.x
	x.open(a)
	x.want(a, func(rest []byte) bool { return bytes.IndexByte(rest, '\n') >= 0 })
	if x.pos >= len(x.body) {
		return a.Return(lua.LNil)
	}
	rest := x.body[x.pos:]
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		x.pos = len(x.body)
		return a.Return(lua.LString(rest))
	}
	x.pos += i + 1
	if lua.LVAsBool(a.Value(1)) {
		return a.Return(lua.LString(rest[:i+1]))
	}
	return a.Return(lua.LString(rest[:i]))
}

// ReadAll is readAll(): the rest of the body, binary-safe; "" at the end.
func (r *ServerRequest) ReadAll(a vm.Args) int {
	x := r.x
	x.open(a)
	x.want(a, func([]byte) bool { return false })
	s := x.body[min(x.pos, len(x.body)):]
	x.pos = len(x.body)
	return a.Return(lua.LString(s))
}

// Close is close(): a no-op that never errors, as in CraftOS-PC.
func (r *ServerRequest) Close(a vm.Args) int { return 0 }

// GetURL is the request target as sent: path and query, not decoded.
func (r *ServerRequest) GetURL(a vm.Args) int {
	r.x.open(a)
	return a.Return(lua.LString(r.x.url))
}

// GetMethod is the request method (GET, POST, ...).
func (r *ServerRequest) GetMethod(a vm.Args) int {
	r.x.open(a)
	return a.Return(lua.LString(r.x.method))
}

// GetRequestHeaders is a table name→value, names as the client sent them.
func (r *ServerRequest) GetRequestHeaders(a vm.Args) int {
	r.x.open(a)
	return a.Return(vm.ToLua(a.L, r.x.requestHeaders()))
}

// ServerResponse is the response table of an http_request event. Nothing is sent
// until close() or flush().
type ServerResponse struct{ x *exchange }

// LuaValue builds the response table on delivery.
func (r *ServerResponse) LuaValue(L *lua.LState) lua.LValue { return vm.HandleTable(L, r) }

// lock takes the exchange lock if it is still open, raising otherwise.
func (r *ServerResponse) lock(a vm.Args) *exchange {
	x := r.x
	x.mu.Lock()
	if x.closed {
		x.mu.Unlock()
		a.Fail(errClosedFile)
	}
	return x
}

// errResponseTooLarge is raised by write/writeLine past Limits.MaxResponseSize.
const errResponseTooLarge = "Response is too large"

// Write is write(s): appends a string or number to the body.
func (r *ServerResponse) Write(a vm.Args) int {
	r.append(a, a.StringOrNumber(1), "")
	return 0
}

// WriteLine is writeLine(s): write(s) then "\n".
func (r *ServerResponse) WriteLine(a vm.Args) int {
	r.append(a, a.StringOrNumber(1), "\n")
	return 0
}

// append adds s and tail to the body. Past the size cap the response is
// given up: the body is freed, both tables are closed, the client gets 500
// and the caller gets "Response is too large" (nothing has been sent yet,
// so no truncated answer can go out).
func (r *ServerResponse) append(a vm.Args, s, tail string) {
	x := r.lock(a)
	if x.gone {
		x.mu.Unlock() // a streaming client left: nobody to send it to
		return
	}
	if x.limit > 0 && int64(len(x.buf))+int64(len(s)+len(tail)) > x.limit {
		x.closed, x.tooLarge, x.buf = true, true, nil
		x.mu.Unlock()
		x.signal()
		a.Fail(errResponseTooLarge)
	}
	x.buf = append(x.buf, s...)
	x.buf = append(x.buf, tail...)
	x.mu.Unlock()
}

// SetStatusCode is setStatusCode(code [, reason]). Without a reason the
// standard phrase for the code is sent (CraftOS-PC kept the previous one,
// so 404 went out as "404 OK"). Only final codes, 200-599, can be sent:
// a 1xx is an interim answer (101 would switch protocols), so any other
// code raises "bad argument #1 (status code out of range)". A reason with
// control characters raises "bad argument #2 (invalid reason phrase)".
func (r *ServerResponse) SetStatusCode(a vm.Args) int {
	code := a.Int(1)
	if code < 200 || code > 599 {
		a.Error(1, "status code out of range")
	}
	reason := ""
	switch v := a.Value(2).(type) {
	case lua.LString:
		reason = string(v)
	case lua.LNumber:
		reason = vm.FormatNumber(float64(v))
	}
	if !validValue(reason) {
		a.Error(2, "invalid reason phrase")
	}
	x := r.lock(a)
	x.status, x.reason = code, reason
	x.mu.Unlock()
	return 0
}

// SetResponseHeader is setResponseHeader(name, value): replaces any header
// of that name (names compare case-insensitively; the last spelling wins).
// A name that is not an RFC 9110 token raises "bad argument #1 (invalid
// header name)"; a value with control characters (NUL, CR, LF, ...; tab
// is fine) raises "bad argument #2 (invalid header value)", so nothing a
// script sets can split or smuggle a header, whichever path sends it.
func (r *ServerResponse) SetResponseHeader(a vm.Args) int {
	name := a.StringOrNumber(1)
	value := a.StringOrNumber(2)
	if !validName(name) {
		a.Error(1, "invalid header name")
	}
	if !validValue(value) {
		a.Error(2, "invalid header value")
	}
	x := r.lock(a)
	defer x.mu.Unlock()
	for i := range x.header {
		if strings.EqualFold(x.header[i].name, name) {
			x.header[i] = headerField{name, value}
			return 0
		}
	}
	x.header = append(x.header, headerField{name, value})
	return 0
}

// Close is close(): sends the response (or, after flush(), the rest of
// it) and closes both tables.
func (r *ServerResponse) Close(a vm.Args) int {
	x := r.lock(a)
	x.closed = true
	x.mu.Unlock()
	x.signal()
	return 0
}

// Flush is flush() (an addition to CraftOS-PC's API): send the status,
// the headers and what has been written so far now, and keep the response
// open; later writes go out on the next flush() or at close(). The body is
// then chunked on HTTP/1.1 and a plain stream ended by closing the
// connection on HTTP/1.0. The status and headers are fixed by the first
// flush; setting them afterwards changes nothing. It returns false once
// the client is known to have gone (a send failed); writes are then
// dropped.
func (r *ServerResponse) Flush(a vm.Args) int {
	x := r.lock(a)
	gone := x.gone
	x.flush = !gone
	x.mu.Unlock()
	if !gone {
		x.signal()
	}
	return a.Return(lua.LBool(!gone))
}

// markGone records that the streamed response can no longer be sent.
func (x *exchange) markGone() {
	x.mu.Lock()
	x.gone, x.buf = true, nil
	x.mu.Unlock()
}

// takeFlush returns the body written since the last flush, if one was
// asked for, and marks the response streamed.
func (x *exchange) takeFlush() (chunk []byte, ok bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.flush {
		return nil, false
	}
	x.flush, x.streamed = false, true
	chunk, x.buf = x.buf, nil
	return chunk, true
}

// takeRest returns what is left of a closed response's body.
func (x *exchange) takeRest() []byte {
	x.mu.Lock()
	defer x.mu.Unlock()
	chunk := x.buf
	x.buf = nil
	return chunk
}

// failWith answers status instead of the response, unless it has already
// been closed; a streamed one is cut off instead. It reports whether the
// response was still open.
func (x *exchange) failWith(status int) bool {
	x.mu.Lock()
	if x.closed {
		x.mu.Unlock()
		return false
	}
	x.closed, x.fail, x.buf = true, status, nil
	x.mu.Unlock()
	x.signal()
	return true
}

// failBody answers a request whose streamed body failed with status, and
// makes the request table's reads raise why.
func (x *exchange) failBody(status int, why string) {
	x.mu.Lock()
	x.bodyFailure = why
	x.mu.Unlock()
	x.failWith(status)
}

// clientFault reports whether the request failed through its client (its
// body could not be read).
func (x *exchange) clientFault() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.bodyFailure != ""
}

// goInterpreted are the headers net/http acts on; they are stored under
// their canonical name so it sees them. Others keep the script's spelling.
var goInterpreted = map[string]bool{
	"Content-Type": true, "Connection": true, "Date": true, "Trailer": true,
}

// framing are headers the server computes itself; a script's are dropped.
var framing = map[string]bool{"Content-Length": true, "Transfer-Encoding": true}

// responseFieldName is how a field the script set goes out: the name to
// send (canonical for those HTTP itself reads, else as the script spelled
// it) and its canonical form; false for framing, which the server writes.
func responseFieldName(name string) (send, canon string, ok bool) {
	canon = textproto.CanonicalMIMEHeaderKey(name)
	switch {
	case framing[canon]:
		return "", canon, false
	case goInterpreted[canon]:
		return canon, canon, true
	}
	return name, canon, true
}

// needsRawWrite reports whether net/http cannot send this status line: a
// custom reason phrase.
func (x *exchange) needsRawWrite() bool {
	return x.reason != "" && x.reason != http.StatusText(x.status)
}

// writeTo sends the closed exchange's response through net/http.
func (x *exchange) writeTo(w http.ResponseWriter) error {
	x.setHeaders(w.Header())
	if x.status == http.StatusNoContent || x.status == http.StatusNotModified {
		w.WriteHeader(x.status) // no body allowed, so no length either
		return nil
	}
	w.Header()["Content-Length"] = []string{strconv.Itoa(len(x.buf))}
	w.WriteHeader(x.status)
	_, err := w.Write(x.buf)
	return err
}

// setHeaders puts the script's headers into h.
func (x *exchange) setHeaders(h http.Header) {
	hasType := false
	for _, f := range x.header {
		name, canon, ok := responseFieldName(f.name)
		if !ok {
			continue
		}
		h[name] = []string{f.value}
		hasType = hasType || canon == "Content-Type"
	}
	if !hasType {
		h["Content-Type"] = nil // no sniffing: CraftOS-PC sends none
	}
}

// rawResponse is the response as bytes, for status lines net/http cannot
// write; the connection is closed after it.
func (x *exchange) rawResponse(proto string) []byte {
	b := x.rawHead(proto, "Content-Length: "+strconv.Itoa(len(x.buf))+"\r\n")
	return append(b, x.buf...)
}

// rawHead is the status line and the script's headers, then framing (a
// Content-Length or Transfer-Encoding line, or nothing) and
// "Connection: close".
func (x *exchange) rawHead(proto, length string) []byte {
	reason := x.reason
	if reason == "" {
		reason = http.StatusText(x.status)
	}
	var b bytes.Buffer
	b.WriteString(proto)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(x.status))
	b.WriteByte(' ')
	b.WriteString(reason)
	b.WriteString("\r\n")
	for _, f := range x.header {
		canon := textproto.CanonicalMIMEHeaderKey(f.name)
		if framing[canon] || canon == "Connection" {
			continue
		}
		b.WriteString(f.name)
		b.WriteString(": ")
		b.WriteString(f.value)
		b.WriteString("\r\n")
	}
	b.WriteString(length)
	b.WriteString("Connection: close\r\n\r\n")
	return b.Bytes()
}
