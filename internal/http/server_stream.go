package http

import (
	"bufio"
	"net"
	"net/http"
	"strconv"
	"time"
)

// stream is a response going out in pieces after res.flush(): through
// net/http (chunked on HTTP/1.1, a plain stream ended by closing the
// connection on HTTP/1.0, DATA frames on HTTP/2) or, when the script set a
// reason phrase net/http cannot send, on the hijacked HTTP/1.x connection
// with our own framing.
type stream struct {
	w  http.ResponseWriter
	rc *http.ResponseController

	conn    net.Conn // hijacked; nil through net/http
	bw      *bufio.ReadWriter
	chunked bool // hijacked HTTP/1.1: chunk framing is ours
	noBody  bool // HEAD, 204, 304: the head only
}

// startStream sends the head of x's response.
func startStream(w http.ResponseWriter, rc *http.ResponseController, r *http.Request, x *exchange) (*stream, error) {
	s := &stream{w: w, rc: rc}
	s.noBody = r.Method == http.MethodHead || x.status == http.StatusNoContent || x.status == http.StatusNotModified
	if x.needsRawWrite() && r.ProtoMajor == 1 {
		conn, bw, err := rc.Hijack()
		if err != nil {
			return nil, err
		}
		s.conn, s.bw = conn, bw
		proto, length := "HTTP/1.1", "Transfer-Encoding: chunked\r\n"
		if r.ProtoMinor == 0 {
			proto, length = "HTTP/1.0", ""
		}
		if s.noBody {
			length = ""
		}
		s.chunked = length != ""
		_ = conn.SetWriteDeadline(time.Now().Add(writeTimeout))
		if _, err := bw.Write(x.rawHead(proto, length)); err != nil {
			return s, err
		}
		return s, bw.Flush()
	}
	x.setHeaders(w.Header())
	w.WriteHeader(x.status)
	_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout))
	return s, rc.Flush()
}

// write sends p now.
func (s *stream) write(p []byte) error {
	if len(p) == 0 || s.noBody {
		return nil
	}
	if s.conn == nil {
		_ = s.rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		if _, err := s.w.Write(p); err != nil {
			return err
		}
		return s.rc.Flush()
	}
	_ = s.conn.SetWriteDeadline(time.Now().Add(writeTimeout))
	if s.chunked {
		s.bw.WriteString(strconv.FormatInt(int64(len(p)), 16))
		s.bw.WriteString("\r\n")
	}
	s.bw.Write(p)
	if s.chunked {
		s.bw.WriteString("\r\n")
	}
	return s.bw.Flush()
}

// end finishes the response: net/http sends the last chunk when the
// handler returns; a hijacked connection gets it here and is closed.
func (s *stream) end() {
	if s.conn == nil {
		return
	}
	if s.chunked {
		s.bw.WriteString("0\r\n\r\n")
		_ = s.bw.Flush()
	}
	_ = s.conn.Close()
}

// abort cuts the connection without ending the body, so the client sees a
// truncated transfer (no last chunk, a reset HTTP/2 stream), never a short
// answer marked as complete.
func (s *stream) abort() {
	if s.conn != nil {
		_ = s.conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}
