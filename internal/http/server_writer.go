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
	if w.req.ProtoAtLeast(1, 1) {
		_, _ = w.bw.WriteString("HTTP/1.1 ")
	} else {
		_, _ = w.bw.WriteString("HTTP/1.0 ")
	}
	_, _ = w.bw.WriteString(strconv.Itoa(w.status))
	_ = w.bw.WriteByte(' ')
	_, _ = w.bw.WriteString(http.StatusText(w.status))
	_, _ = w.bw.WriteString("\r\n")
	if strings.EqualFold(h.Get("Connection"), "close") {
		w.closeAfter = true
	}
	delete(h, "Transfer-Encoding")
	if length >= 0 {
		if _, ok := h["Content-Length"]; !ok && (w.bodyAllowed() || (w.req.Method == http.MethodHead && length > 0)) {
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
	if w.closeAfter {
		h["Connection"] = []string{"close"}
	} else if !w.req.ProtoAtLeast(1, 1) {
		h["Connection"] = []string{"keep-alive"}
	}
	if _, ok := h["Date"]; !ok {
		var b [len(http.TimeFormat)]byte
		h["Date"] = []string{string(time.Now().UTC().AppendFormat(b[:0], http.TimeFormat))}
	}
	_ = h.Write(w.bw)
	if w.chunked {
		_, _ = w.bw.WriteString("Transfer-Encoding: chunked\r\n")
	}
	_, _ = w.bw.WriteString("\r\n")
}

// sendExchange sends x's closed response whole, its header fields straight
// from the script's list (names as the script spelled them, except those
// HTTP itself reads, which are canonical; values trimmed as net/http
// does), with a Content-Length.
func (w *connWriter) sendExchange(x *exchange) error {
	w.wroteHeader, w.status = true, x.status
	w.wroteHead = true
	bw := w.bw
	if w.req.ProtoAtLeast(1, 1) {
		_, _ = bw.WriteString("HTTP/1.1 ")
	} else {
		_, _ = bw.WriteString("HTTP/1.0 ")
	}
	_, _ = bw.WriteString(strconv.Itoa(x.status))
	_ = bw.WriteByte(' ')
	_, _ = bw.WriteString(http.StatusText(x.status))
	_, _ = bw.WriteString("\r\n")
	hasDate := false
	for _, f := range x.header {
		name := f.name
		canon := textproto.CanonicalMIMEHeaderKey(name)
		switch {
		case framing[canon]:
			continue
		case canon == "Connection":
			if strings.EqualFold(textproto.TrimString(f.value), "close") {
				w.closeAfter = true
			}
			continue // written below
		case goInterpreted[canon]:
			name = canon
			hasDate = hasDate || canon == "Date"
		}
		_, _ = bw.WriteString(name)
		_, _ = bw.WriteString(": ")
		_, _ = bw.WriteString(textproto.TrimString(f.value))
		_, _ = bw.WriteString("\r\n")
	}
	if !hasDate {
		var b [len(http.TimeFormat)]byte
		_, _ = bw.WriteString("Date: ")
		_, _ = bw.Write(time.Now().UTC().AppendFormat(b[:0], http.TimeFormat))
		_, _ = bw.WriteString("\r\n")
	}
	if w.bodyAllowed() || (w.req.Method == http.MethodHead && len(x.buf) > 0) {
		_, _ = bw.WriteString("Content-Length: ")
		_, _ = bw.WriteString(strconv.Itoa(len(x.buf)))
		_, _ = bw.WriteString("\r\n")
	}
	if w.closeAfter {
		_, _ = bw.WriteString("Connection: close\r\n")
	} else if !w.req.ProtoAtLeast(1, 1) {
		_, _ = bw.WriteString("Connection: keep-alive\r\n")
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
