package http

import (
	"net"
	"strings"
	"sync"
	"time"

	"github.com/craftos/craftos/internal/ws"
)

// net/http canonicalises header names ("content-type" becomes
// "Content-Type"), but CraftOS-PC hands scripts the names as the client
// sent them. The listener's own connection loop (server_conn.go) keeps
// each request's head as it arrived, and the request table's headers come
// from it; HTTPS requests (whose bytes on the socket are encrypted) get
// net/http's canonical names.

// headerConn is an accepted connection of a listener: it releases its slot
// of the connection cap when closed, and on WebSocket ports watches frames.
type headerConn struct {
	net.Conn
	release func()
	once    sync.Once

	// frames watches a WebSocket port's connections for frames declaring
	// more than the message limit (nil on HTTP ports).
	frames *ws.FrameWatch

	// timer times the responses of the connection's HTTP/1 requests, which
	// are served one at a time: one timer, reset per request.
	timer *time.Timer
}

// responseTimer returns the connection's response timer set to d, or a
// new timer for a connection that is not a headerConn (nil c). HTTP/1
// only: HTTP/2 serves a connection's requests at once.
func (c *headerConn) responseTimer(d time.Duration) *time.Timer {
	if c == nil {
		return time.NewTimer(d)
	}
	if c.timer == nil {
		c.timer = time.NewTimer(d)
	} else {
		c.timer.Reset(d) // since Go 1.23 a stopped or reset timer never delivers a stale value
	}
	return c.timer
}

func (c *headerConn) Read(b []byte) (int, error) {
	if c.frames.Tripped() {
		return 0, ws.ErrFrameTooBig
	}
	n, err := c.Conn.Read(b)
	if n > 0 {
		_ = c.frames.Feed(b[:n])
	}
	return n, err
}

func (c *headerConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}

// blockEnd finds the end of a header block (after its blank line),
// searching from start.
func blockEnd(b []byte, start int) (int, bool) {
	for i := start; i < len(b); i++ {
		if b[i] != '\n' {
			continue
		}
		switch {
		case i+1 < len(b) && b[i+1] == '\n':
			return i + 2, true
		case i+2 < len(b) && b[i+1] == '\r' && b[i+2] == '\n':
			return i + 3, true
		}
	}
	return 0, false
}

// parseHeaderFields returns the fields of a header block (after its
// request line), names as sent; for a repeated name the last value wins,
// as in CraftOS-PC.
func parseHeaderFields(block []byte) map[string]string {
	text := string(block)
	_, rest, _ := strings.Cut(text, "\n")
	headers := map[string]string{}
	last := ""
	for rest != "" {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		l = strings.TrimRight(l, "\r")
		if l == "" {
			continue
		}
		if (l[0] == ' ' || l[0] == '\t') && last != "" { // obsolete folding
			headers[last] += " " + strings.TrimSpace(l)
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		last = name
		headers[name] = strings.TrimSpace(value)
	}
	return headers
}
