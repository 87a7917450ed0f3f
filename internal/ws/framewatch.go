package ws

import (
	"bytes"
	"errors"
	"net"
	"sync"
)

// ErrFrameTooBig is returned by a watched connection's Read once a peer has
// declared a message larger than the limit. coder/websocket only notices a
// message is too big once that many bytes have arrived, so a peer that
// declares a 2^62-byte frame and then stalls would hold the connection; the
// watcher refuses it when the frame header arrives.
var ErrFrameTooBig = errors.New("websocket: frame declares a message larger than the limit")

// FrameWatch follows a connection's inbound bytes: an HTTP head (the
// upgrade request on a server, the 101 answer on a client) and then, if it
// was a WebSocket upgrade, the frame headers, adding up each message's
// declared length. It never changes the bytes; it only trips.
type FrameWatch struct {
	limit int64

	mu      sync.Mutex
	state   int
	head    []byte // the HTTP head so far
	hdr     [14]byte
	hn      int   // bytes of hdr read
	remain  int64 // payload bytes of the current frame still to skip
	msg     int64 // declared bytes of the current message so far
	tripped bool
}

const (
	fwHead = iota
	fwFrameHeader
	fwPayload
	fwOff // lost track (not an upgrade, a huge head): watch nothing more
)

// maxWatchedHead bounds the HTTP head kept while looking for its end.
const maxWatchedHead = 128 << 10

// NewFrameWatch watches for messages larger than limit bytes (limit <= 0:
// nil, nothing is watched).
func NewFrameWatch(limit int64) *FrameWatch {
	if limit <= 0 {
		return nil
	}
	return &FrameWatch{limit: limit}
}

// Tripped reports whether a message larger than the limit was declared.
// The connection's Read then fails with ErrFrameTooBig: the read after the
// one that brought the header, so bytes that came with it (the end of the
// handshake) are still delivered and the handshake completes.
func (w *FrameWatch) Tripped() bool {
	if w == nil {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.tripped
}

// Feed advances over bytes read from the connection; it returns
// ErrFrameTooBig once a message larger than the limit has been declared.
func (w *FrameWatch) Feed(b []byte) error {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for len(b) > 0 && !w.tripped {
		switch w.state {
		case fwOff:
			return nil
		case fwHead:
			start := max(len(w.head)-3, 0)
			w.head = append(w.head, b...)
			end := headEnd(w.head, start)
			if end < 0 {
				if len(w.head) > maxWatchedHead {
					w.state, w.head = fwOff, nil
				}
				return nil
			}
			head := w.head[:end]
			b = w.head[end:]
			w.head = nil
			if !isUpgrade(head) {
				// A plain request or answer; what follows could be a body
				// we do not parse, so stop rather than misread it.
				w.state = fwOff
				return nil
			}
			w.state = fwFrameHeader
		case fwFrameHeader:
			n := copy(w.hdr[w.hn:w.need()], b)
			w.hn += n
			b = b[n:]
			if w.hn < w.need() {
				continue // more to come (or, after 2 bytes, the length form is known)
			}
			w.frame()
		case fwPayload:
			n := min(int64(len(b)), w.remain)
			w.remain -= n
			b = b[n:]
			if w.remain == 0 {
				w.state = fwFrameHeader
			}
		}
	}
	if w.tripped {
		return ErrFrameTooBig
	}
	return nil
}

// need is the length of the frame header being read, as far as known.
func (w *FrameWatch) need() int {
	if w.hn < 2 {
		return 2
	}
	n := 2
	switch w.hdr[1] & 0x7f {
	case 126:
		n += 2
	case 127:
		n += 8
	}
	if w.hdr[1]&0x80 != 0 {
		n += 4 // masking key
	}
	return n
}

// frame handles a complete frame header.
func (w *FrameWatch) frame() {
	var length uint64
	switch l := w.hdr[1] & 0x7f; l {
	case 126:
		length = uint64(w.hdr[2])<<8 | uint64(w.hdr[3])
	case 127:
		for _, c := range w.hdr[2:10] {
			length = length<<8 | uint64(c)
		}
	default:
		length = uint64(l)
	}
	w.hn = 0
	opcode := w.hdr[0] & 0x0f
	if opcode < 8 { // data: text, binary or a continuation of one
		if opcode != 0 {
			w.msg = 0
		}
		if length > uint64(w.limit) || uint64(w.msg)+length > uint64(w.limit) {
			w.tripped = true
			return
		}
		w.msg += int64(length)
	}
	if length > 1<<62 {
		w.tripped = true // not a valid length (the top bit must be 0)
		return
	}
	w.remain = int64(length)
	if w.remain > 0 {
		w.state = fwPayload
	}
}

// headEnd is the end of an HTTP head (after its blank line) or -1.
func headEnd(b []byte, start int) int {
	if i := bytes.Index(b[start:], []byte("\r\n\r\n")); i >= 0 {
		return start + i + 4
	}
	return -1
}

// isUpgrade reports whether an HTTP head has "Upgrade: websocket".
func isUpgrade(head []byte) bool {
	for _, line := range bytes.Split(head, []byte("\r\n")) {
		name, value, ok := bytes.Cut(line, []byte(":"))
		if ok && bytes.EqualFold(bytes.TrimSpace(name), []byte("upgrade")) &&
			bytes.Contains(bytes.ToLower(value), []byte("websocket")) {
			return true
		}
	}
	return false
}

// WatchConn wraps c so its Read feeds w and fails with ErrFrameTooBig once
// w has tripped. A nil w returns c.
func WatchConn(c net.Conn, w *FrameWatch) net.Conn {
	if w == nil {
		return c
	}
	return &watchedConn{Conn: c, w: w}
}

type watchedConn struct {
	net.Conn
	w *FrameWatch
}

func (c *watchedConn) Read(b []byte) (int, error) {
	if c.w.Tripped() {
		return 0, ErrFrameTooBig
	}
	n, err := c.Conn.Read(b)
	if n > 0 {
		_ = c.w.Feed(b[:n])
	}
	return n, err
}
