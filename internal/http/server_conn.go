package http

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/textproto"
	"strings"
	"sync"
	"time"
)

// A plain (not TLS) listener serves its connections itself: net/http's
// request parser (http.ReadRequest, with its body readers) and the
// listener's handler, but our own connection loop and response writer.
// net/http's loop is made for handlers that answer on their own
// goroutine; a Lua handler answers on the computer's, and net/http then
// spends as much again per request (a background read to notice the
// client leaving, a context, a response object and its chunk writer)
// as the whole exchange with Lua: measured in BENCHMARKS.md. TLS
// listeners (HTTP/2) and WebSocket ports keep net/http's.
//
// The loop does what net/http's does for HTTP/1.x: keep-alive (HTTP/1.1
// unless "Connection: close", HTTP/1.0 only with "keep-alive"), the idle
// and header timeouts, the header size limit (431), 400 for a request it
// cannot parse, 505 for another protocol version, 417 for an expectation
// other than 100-continue (answered when the body is first read), HEAD
// answers without a body, Content-Length for a response sent whole and
// chunked framing (HTTP/1.1) or a stream closed at its end (HTTP/1.0)
// for one flushed before its end, and the connection states the
// connection cap uses.

// serve accepts connections until the listener is closed (start tells a
// closed listener's error from a failure).
func (l *listener) serve() error {
	var delay time.Duration
	for {
		c, err := l.ln.Accept()
		if err != nil {
			var te interface{ Temporary() bool }
			if errors.As(err, &te) && te.Temporary() {
				// Out of descriptors and the like: wait and retry, as
				// net/http does.
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		hc := c.(*headerConn)
		if !l.conns.add(hc) {
			_ = hc.Close()
			continue
		}
		go l.serveConn(hc)
	}
}

// connSet holds a listener's open connections, closed together when it
// stops.
type connSet struct {
	mu     sync.Mutex
	set    map[*headerConn]struct{}
	closed bool
}

func (s *connSet) add(c *headerConn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	if s.set == nil {
		s.set = map[*headerConn]struct{}{}
	}
	s.set[c] = struct{}{}
	return true
}

func (s *connSet) remove(c *headerConn) {
	s.mu.Lock()
	delete(s.set, c)
	s.mu.Unlock()
}

// closeAll closes every connection, and any added later.
func (s *connSet) closeAll() {
	s.mu.Lock()
	s.closed = true
	set := s.set
	s.set = nil
	s.mu.Unlock()
	for c := range set {
		_ = c.Close()
	}
}

// headerLimitReader caps what the request's head may read from the
// connection (remain < 0: no cap), and keeps a copy of it when asked
// (record non-nil: a head that did not arrive in one piece).
type headerLimitReader struct {
	r      io.Reader
	remain int64
	record []byte
}

func (h *headerLimitReader) Read(p []byte) (int, error) {
	if h.remain < 0 {
		return h.r.Read(p)
	}
	if h.remain == 0 {
		return 0, errHeaderTooLarge
	}
	if int64(len(p)) > h.remain {
		p = p[:h.remain]
	}
	n, err := h.r.Read(p)
	h.remain -= int64(n)
	if h.record != nil {
		h.record = append(h.record, p[:n]...)
	}
	return n, err
}

var errHeaderTooLarge = errors.New("request header too large")

var (
	connReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}
	connWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}
)

// serveConn serves the requests of one connection in turn.
func (l *listener) serveConn(hc *headerConn) {
	lim := l.s.host.Limits
	hijacked := false
	cr := &headerLimitReader{r: hc, remain: -1}
	br := connReaders.Get().(*bufio.Reader)
	br.Reset(cr)
	bw := connWriters.Get().(*bufio.Writer)
	bw.Reset(hc)
	defer func() {
		if !hijacked {
			// A hijacked connection's reader and writer went with it.
			br.Reset(nil)
			bw.Reset(nil)
			connReaders.Put(br)
			connWriters.Put(bw)
			l.ln.connState(hc, http.StateClosed)
			_ = hc.Close()
		}
		l.conns.remove(hc)
	}()
	keepAlive := lim.IdleTimeout > 0
	headerMax := int64(max(lim.MaxHeaderSize, 1<<10)) + 4096 // net/http's slack
	remote := hc.RemoteAddr().String()
	w := new(connWriter) // one request at a time: reused
	for first := true; ; first = false {
		// The next request's first byte: within the idle timeout between
		// requests, the header timeout for the first.
		if first {
			_ = hc.SetReadDeadline(time.Now().Add(readHeaderTimeout))
		} else {
			l.ln.connState(hc, http.StateIdle)
			if br.Buffered() == 0 {
				_ = hc.SetReadDeadline(time.Now().Add(lim.IdleTimeout))
			}
		}
		if _, err := br.Peek(1); err != nil {
			return
		}
		if !first {
			l.ln.connState(hc, http.StateActive)
		}
		// Usually the whole head came in one read: its bytes are the
		// block with the names as sent, and reading it cannot stall.
		// Otherwise it must arrive within the header timeout, and its
		// bytes are recorded as they are read.
		cr.remain = headerMax - int64(br.Buffered())
		block := headBlock(br)
		slowHead := block == nil
		if slowHead {
			if !first {
				_ = hc.SetReadDeadline(time.Now().Add(readHeaderTimeout))
			}
			buffered, _ := br.Peek(br.Buffered())
			cr.record = append(make([]byte, 0, 2*len(buffered)), buffered...)
		}
		req, err := http.ReadRequest(br)
		tooLarge := cr.remain == 0
		cr.remain = -1
		if cr.record != nil {
			block = headOf(cr.record)
			cr.record = nil
		}
		if err != nil {
			if refuseRequest(hc, err, tooLarge) {
				lingerClose(hc) // the rest of what it sent is not read
			}
			return
		}
		if msg := checkRequest(req, block); msg != "" {
			writeRefusal(hc, msg)
			lingerClose(hc)
			return
		}
		if slowHead {
			_ = hc.SetReadDeadline(time.Time{})
		} // else reading the head set no deadline; the body and the next request set theirs
		req.RemoteAddr = remote
		*w = connWriter{conn: hc, bw: bw, br: br, req: req, block: block}
		var body *bodyWatch
		if req.Body != nil && req.Body != http.NoBody {
			body = &bodyWatch{ReadCloser: req.Body}
			req.Body = body
		}
		if expectsContinue(req) {
			req.Body = &continueReader{ReadCloser: req.Body, w: w}
		}
		w.closeAfter = !keepAlive || req.Close // Close: "Connection: close", or HTTP/1.0 without keep-alive
		if !callHandler(l.serveHTTP, w, req) {
			return // the handler cut the connection (a stream it could not finish)
		}
		if w.hijacked {
			hijacked = true
			return
		}
		if w.finish() != nil {
			return
		}
		if w.closeAfter {
			if body != nil && !body.ended {
				lingerClose(hc) // e.g. 413: the client is still sending
			}
			return
		}
		if body != nil && !body.ended && !drainBody(body) {
			lingerClose(hc) // a body too long to skip: the connection cannot be reused
			return
		}
	}
}

// bodyWatch notes that a request body was read to its end.
type bodyWatch struct {
	io.ReadCloser
	ended bool
}

func (b *bodyWatch) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil {
		b.ended = true
	}
	return n, err
}

// lingerClose ends a connection whose client may still be sending a body
// we will not read: closing at once would reset the connection, and the
// client could lose the answer it has not read yet (net/http's
// closeWriteAndWait). Our side is shut, then what arrives is discarded
// until the client closes or half a second has passed.
func lingerClose(hc *headerConn) {
	if cw, ok := hc.Conn.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	}
	_ = hc.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	_, _ = io.Copy(io.Discard, io.LimitReader(hc.Conn, 4<<20))
}

// callHandler runs the handler; false when it panicked, as a handler
// does with http.ErrAbortHandler to cut the connection (net/http's
// convention, which the stream code follows). Like net/http, any other
// panic costs its connection, not the process.
func callHandler(h func(http.ResponseWriter, *http.Request), w *connWriter, r *http.Request) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	h(w, r)
	return true
}

// headBlock is a copy of the request head waiting in br (leading empty
// lines skipped, as the head recorder does), or nil when not all of it is
// there yet.
func headBlock(br *bufio.Reader) []byte {
	buf, _ := br.Peek(br.Buffered())
	if b := headOf(buf); b != nil {
		return bytes.Clone(b)
	}
	return nil
}

// headOf is the head at the start of buf (after empty lines), nil if it
// does not end there.
func headOf(buf []byte) []byte {
	start := 0
	for start < len(buf) && (buf[start] == '\r' || buf[start] == '\n') {
		start++
	}
	end, ok := blockEnd(buf, start)
	if !ok {
		return nil
	}
	return buf[start:end:end]
}

// refuseRequest answers a request that could not be read as net/http
// does (false: nothing to answer), then the connection is closed. A
// connection that ended or timed out before a whole request arrived gets
// nothing.
func refuseRequest(c net.Conn, err error, tooLarge bool) bool {
	switch {
	case tooLarge || errors.Is(err, errHeaderTooLarge):
		writeRefusal(c, "431 Request Header Fields Too Large")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed), isTimeout(err):
		return false
	case strings.Contains(err.Error(), "unsupported transfer encoding"):
		writeRefusal(c, "501 Not Implemented: unsupported transfer encoding")
	default:
		writeRefusal(c, "400 Bad Request")
	}
	return true
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// checkRequest is what net/http checks of a parsed request before its
// handler sees it; the refusal's status line, or "".
func checkRequest(r *http.Request, block []byte) string {
	if r.ProtoMajor != 1 {
		return "505 HTTP Version Not Supported: unsupported protocol version"
	}
	// http.ReadRequest has moved the Host header into r.Host, unless the
	// target is an absolute URI (then r.Host is the URI's); the head's
	// block says whether the header was there.
	host, haveHost := r.Host, r.Host != ""
	if (!haveHost || r.URL.Host != "") && block != nil {
		host, haveHost = hostField(block)
	}
	switch {
	case r.ProtoAtLeast(1, 1) && !haveHost && r.Method != http.MethodConnect:
		return "400 Bad Request: missing required Host header"
	case haveHost && !validHost(host):
		return "400 Bad Request: malformed Host header"
	}
	if e := r.Header.Get("Expect"); e != "" && !strings.EqualFold(e, "100-continue") {
		return "417 Expectation Failed"
	}
	return ""
}

// hostField is the Host field of a request head, if it has one.
func hostField(block []byte) (string, bool) {
	_, rest, _ := bytes.Cut(block, []byte("\n"))
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		name, value, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(name), "host") {
			return textproto.TrimString(string(bytes.TrimRight(value, "\r"))), true
		}
	}
	return "", false
}

// validHost is net/http's check of a Host header: no bytes a host name
// cannot hold.
func validHost(h string) bool {
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c < ' ' || c == 0x7f || c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' {
			return false
		}
	}
	return true
}

const refusalHead = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

// writeRefusal sends "HTTP/1.1 " + status and the status as the body.
func writeRefusal(c net.Conn, status string) {
	_ = c.SetWriteDeadline(time.Now().Add(time.Second))
	_, _ = io.WriteString(c, "HTTP/1.1 "+status+refusalHead+status)
}

func expectsContinue(r *http.Request) bool {
	return r.ProtoAtLeast(1, 1) && r.ContentLength != 0 && strings.EqualFold(r.Header.Get("Expect"), "100-continue")
}

// drainBody skips what the handler left of the request body, as net/http
// does, so the next request can be read; false when too much is left.
func drainBody(body io.Reader) bool {
	_, err := io.CopyN(io.Discard, body, 256<<10)
	return err == io.EOF
}
