package http

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// continueReader sends "100 Continue" when the handler first reads a body
// whose client waits for it.
type continueReader struct {
	io.ReadCloser
	w    *connWriter
	sent bool
}

func (c *continueReader) Read(p []byte) (int, error) {
	if !c.sent {
		c.sent = true
		if !c.w.wroteHead {
			_, _ = c.w.bw.WriteString("HTTP/1.1 100 Continue\r\n\r\n")
			if err := c.w.bw.Flush(); err != nil {
				return 0, err
			}
		}
	}
	return c.ReadCloser.Read(p)
}

// connWriter is the http.ResponseWriter of serveConn's requests: a
// response sent whole gets a Content-Length; one flushed first goes out
// chunked (HTTP/1.1) or as a stream the connection's end closes
// (HTTP/1.0). It also does what http.ResponseController asks of a
// writer: Flush, the deadlines and Hijack.
type connWriter struct {
	conn *headerConn
	bw   *bufio.Writer
	br   *bufio.Reader
	req  *http.Request
	// block is the request's head as sent (nil: not captured), for the
	// header names as the client spelled them.
	block []byte

	header      http.Header
	status      int
	wroteHeader bool // WriteHeader was called
	wroteHead   bool // the head is on its way (streaming)
	chunked     bool
	buf         []byte // the body until the head goes out
	closeAfter  bool
	hijacked    bool
}

func (w *connWriter) Header() http.Header {
	if w.header == nil {
		w.header = make(http.Header, 4)
	}
	return w.header
}

func (w *connWriter) WriteHeader(code int) {
	if w.wroteHeader || w.hijacked {
		return
	}
	if code < 100 || code > 999 {
		panic("invalid WriteHeader code " + strconv.Itoa(code))
	}
	w.wroteHeader, w.status = true, code
}

// bodyAllowed is false for HEAD and the statuses that have no body.
func (w *connWriter) bodyAllowed() bool {
	return w.req.Method != http.MethodHead && w.status != http.StatusNoContent &&
		w.status != http.StatusNotModified && (w.status < 100 || w.status >= 200)
}

func (w *connWriter) Write(p []byte) (int, error) {
	if w.hijacked {
		return 0, http.ErrHijacked
	}
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if !w.bodyAllowed() {
		if w.req.Method == http.MethodHead {
			return len(p), nil
		}
		return 0, http.ErrBodyNotAllowed
	}
	if !w.wroteHead {
		w.buf = append(w.buf, p...)
		return len(p), nil
	}
	return len(p), w.writeBody(p)
}

// writeBody puts p into the connection's buffer, framed.
func (w *connWriter) writeBody(p []byte) error {
	if len(p) == 0 {
		return nil
	}
	if w.chunked {
		_, _ = w.bw.WriteString(strconv.FormatInt(int64(len(p)), 16))
		_, _ = w.bw.WriteString("\r\n")
	}
	_, err := w.bw.Write(p)
	if w.chunked {
		_, err = w.bw.WriteString("\r\n")
	}
	return err
}

// writeHead writes the status line and header; length is the body's size
// for a response sent whole, -1 for a stream.
func (w *connWriter) writeHead(length int) {
	w.wroteHead = true
	h := w.Header()
	w.writeStatusLine(w.status)
	if strings.EqualFold(h.Get("Connection"), "close") {
		w.closeAfter = true
	}
	delete(h, "Transfer-Encoding")
	if length >= 0 {
		if _, ok := h["Content-Length"]; !ok && w.declaresLength(length) {
			h["Content-Length"] = []string{strconv.Itoa(length)}
		}
	} else if _, ok := h["Content-Length"]; !ok {
		if w.bodyAllowed() {
			if w.req.ProtoAtLeast(1, 1) {
				w.chunked = true
			} else {
				w.closeAfter = true // the stream ends with the connection
			}
		}
	}
	if c := w.connectionField(); c != "" {
		h["Connection"] = []string{c}
	}
	if _, ok := h["Date"]; !ok {
		h["Date"] = []string{httpDate()}
	}
	_ = h.Write(w.bw)
	if w.chunked {
		_, _ = w.bw.WriteString("Transfer-Encoding: chunked\r\n")
	}
	_, _ = w.bw.WriteString("\r\n")
}

// writeStatusLine writes the status line, in the request's HTTP version.
func (w *connWriter) writeStatusLine(status int) {
	if w.req.ProtoAtLeast(1, 1) {
		_, _ = w.bw.WriteString("HTTP/1.1 ")
	} else {
		_, _ = w.bw.WriteString("HTTP/1.0 ")
	}
	_, _ = w.bw.WriteString(strconv.Itoa(status))
	_ = w.bw.WriteByte(' ')
	_, _ = w.bw.WriteString(http.StatusText(status))
	_, _ = w.bw.WriteString("\r\n")
}

// declaresLength reports whether a response sent whole with a body of n
// bytes gets a Content-Length: not for 1xx, 204 and 304, and for HEAD
// only when the handler wrote the body it would have had.
func (w *connWriter) declaresLength(n int) bool {
	return w.bodyAllowed() || (w.req.Method == http.MethodHead && n > 0)
}

// connectionField is the response's Connection value: "close" when the
// connection ends after it, "keep-alive" when an HTTP/1.0 one does not.
func (w *connWriter) connectionField() string {
	switch {
	case w.closeAfter:
		return "close"
	case !w.req.ProtoAtLeast(1, 1):
		return "keep-alive"
	}
	return ""
}

// httpDate is now as a Date field.
func httpDate() string {
	var b [len(http.TimeFormat)]byte
	return string(time.Now().UTC().AppendFormat(b[:0], http.TimeFormat))
}

// sendExchange sends x's closed response whole, its header fields straight
// from the script's list (names as the script spelled them, except those
// HTTP itself reads, which are canonical; values trimmed as net/http
// does), with a Content-Length.
func (w *connWriter) sendExchange(x *exchange) error {
	w.wroteHeader, w.status = true, x.status
	w.wroteHead = true
	bw := w.bw
	w.writeStatusLine(x.status)
	hasDate := false
	field := func(name, value string) {
		_, _ = bw.WriteString(name)
		_, _ = bw.WriteString(": ")
		_, _ = bw.WriteString(value)
		_, _ = bw.WriteString("\r\n")
	}
	for _, f := range x.header {
		name, canon, ok := responseFieldName(f.name)
		switch {
		case !ok:
			continue
		case canon == "Connection":
			if strings.EqualFold(textproto.TrimString(f.value), "close") {
				w.closeAfter = true
			}
			continue // written below
		}
		hasDate = hasDate || canon == "Date"
		field(name, textproto.TrimString(f.value))
	}
	if !hasDate {
		field("Date", httpDate())
	}
	if w.declaresLength(len(x.buf)) {
		field("Content-Length", strconv.Itoa(len(x.buf)))
	}
	if c := w.connectionField(); c != "" {
		field("Connection", c)
	}
	_, _ = bw.WriteString("\r\n")
	if w.bodyAllowed() {
		_, _ = bw.Write(x.buf)
	}
	return bw.Flush()
}

// Flush is http.Flusher; FlushError is what http.ResponseController calls.
func (w *connWriter) Flush() { _ = w.FlushError() }

func (w *connWriter) FlushError() error {
	if w.hijacked {
		return http.ErrHijacked
	}
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if !w.wroteHead {
		w.writeHead(-1)
		buf := w.buf
		w.buf = nil
		if err := w.writeBody(buf); err != nil {
			return err
		}
	}
	return w.bw.Flush()
}

// finish sends what is left: the whole response, or a stream's last
// chunk.
func (w *connWriter) finish() error {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if !w.wroteHead {
		w.writeHead(len(w.buf))
		if w.bodyAllowed() {
			_, _ = w.bw.Write(w.buf)
		}
		w.buf = nil
	} else if w.chunked {
		_, _ = w.bw.WriteString("0\r\n\r\n")
	}
	return w.bw.Flush()
}

func (w *connWriter) SetReadDeadline(t time.Time) error  { return w.conn.SetReadDeadline(t) }
func (w *connWriter) SetWriteDeadline(t time.Time) error { return w.conn.SetWriteDeadline(t) }

// Hijack hands the connection over (a status line net/http would not
// send); what the client sent early is in the reader.
func (w *connWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if w.hijacked {
		return nil, nil, http.ErrHijacked
	}
	if w.wroteHead {
		return nil, nil, errors.New("http: hijack after the response began")
	}
	w.hijacked = true
	return w.conn, bufio.NewReadWriter(w.br, w.bw), nil
}
