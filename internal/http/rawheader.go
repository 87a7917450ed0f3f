package http

import (
	"bytes"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/craftos/craftos/internal/ws"
)

// net/http canonicalises header names ("content-type" becomes
// "Content-Type"), but CraftOS-PC hands scripts the names as the client
// sent them. So the listener's connections watch their inbound bytes and
// keep each request's header block: a small state machine that skips the
// bodies (Content-Length or chunked) so it stays in step with the requests
// net/http parses from the same stream. The handler takes the oldest block
// and checks its request line; on any doubt it falls back to net/http's
// canonical names.

// headerConn is an accepted connection of an HTTP listener: it releases
// its slot of the connection cap when closed, and records header blocks.
type headerConn struct {
	net.Conn
	release func()
	once    sync.Once

	mu sync.Mutex // Read runs on net/http's reader goroutines
	p  headerParser
	// frames watches a WebSocket port's connections for frames declaring
	// more than the message limit (nil on HTTP ports).
	frames *ws.FrameWatch

	bg backgroundRead
	// timer times the responses of the connection's HTTP/1 requests, which
	// net/http serves one at a time: one timer, reset per request.
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
	if len(b) == 1 {
		// Only net/http's background read asks for one byte.
		return c.bg.wait()
	}
	if c.frames.Tripped() {
		return 0, ws.ErrFrameTooBig
	}
	n, err := c.Conn.Read(b)
	if n > 0 && c.p.max > 0 {
		c.mu.Lock()
		c.p.feed(b[:n])
		c.mu.Unlock()
	}
	if n > 0 {
		_ = c.frames.Feed(b[:n])
	}
	return n, err
}

func (c *headerConn) Close() error {
	c.bg.cancel(net.ErrClosed)
	c.once.Do(c.release)
	return c.Conn.Close()
}

func (c *headerConn) SetReadDeadline(t time.Time) error {
	c.bg.deadline(t)
	return c.Conn.SetReadDeadline(t)
}

func (c *headerConn) SetDeadline(t time.Time) error {
	c.bg.deadline(t)
	return c.Conn.SetDeadline(t)
}

// backgroundRead stands in for the socket read net/http starts while a
// handler runs: a one-byte read that notices a client leaving or sending
// its next request early, and that net/http cancels (a read deadline in
// the past) when the handler is done. A Lua handler waits for the
// computer, so that read would park on the poller for every request: a
// syscall, a poller registration and a wake-up, about a tenth of a
// request's cost. The listener never uses the notice (a half-closed
// client still wants its answer, and writes find a client that left), so
// the read waits here, without touching the socket, until the deadline
// or Close ends it; bytes that arrived stay in the socket for the next
// request.
type backgroundRead struct {
	mu      sync.Mutex
	waiting bool       // a read waits for wake
	wake    chan error // made once; one read waits at a time
	ended   error      // an end that came before the read began
}

var errReadAborted = os.ErrDeadlineExceeded // a net.Error whose Timeout() is true, as net/http expects

func (r *backgroundRead) wait() (int, error) {
	r.mu.Lock()
	if err := r.ended; err != nil {
		if err != net.ErrClosed {
			r.ended = nil
		}
		r.mu.Unlock()
		return 0, err
	}
	if r.wake == nil {
		r.wake = make(chan error, 1)
	}
	r.waiting = true
	wake := r.wake
	r.mu.Unlock()
	return 0, <-wake
}

// deadline passes on a read deadline: one in the past ends the read.
func (r *backgroundRead) deadline(t time.Time) {
	if !t.IsZero() && time.Until(t) <= 0 {
		r.cancel(errReadAborted)
		return
	}
	r.mu.Lock()
	if r.ended != net.ErrClosed {
		r.ended = nil
	}
	r.mu.Unlock()
}

func (r *backgroundRead) cancel(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.waiting {
		r.wake <- err
		r.waiting = false
		if err != net.ErrClosed {
			return
		}
	}
	if r.ended != net.ErrClosed {
		r.ended = err
	}
}

// blockFor takes the header block of the request "method target": the
// oldest recorded block, skipping older ones that never reached a handler
// (requests net/http answered itself, like "OPTIONS *"). Nil when there is
// none; then net/http's canonical names are used.
func (c *headerConn) blockFor(method, target string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.p.blocks) > 0 {
		b := c.p.blocks[0]
		c.p.blocks[0] = nil
		c.p.blocks = c.p.blocks[1:]
		if matchRequestLine(b, method, target) {
			return b
		}
	}
	return nil
}

type parseState int

const (
	stHead      parseState = iota // in a header block
	stBody                        // skipping remain body bytes
	stChunkLine                   // reading a chunk-size line
	stChunkData                   // skipping remain chunk bytes (data + CRLF)
	stTrailer                     // reading trailer lines until an empty one
	stBroken                      // lost step; record nothing more
)

type headerParser struct {
	max    int // largest header block kept; 0 disables recording
	state  parseState
	head   []byte // the block being read (or the current chunk/trailer line)
	remain int64
	blocks [][]byte
}

// feed advances the parser over bytes read from the connection.
func (p *headerParser) feed(data []byte) {
	for len(data) > 0 {
		switch p.state {
		case stBroken:
			return
		case stBody, stChunkData:
			n := min(int64(len(data)), p.remain)
			p.remain -= n
			data = data[n:]
			if p.remain == 0 {
				if p.state == stBody {
					p.state = stHead
				} else {
					p.state = stChunkLine
				}
			}
		case stHead:
			if len(p.head) == 0 {
				// Empty lines before a request are tolerated.
				for len(data) > 0 && (data[0] == '\r' || data[0] == '\n') {
					data = data[1:]
				}
				if len(data) == 0 {
					return
				}
			}
			var block []byte
			if len(p.head) == 0 {
				// Usual case: the whole block arrived in one read.
				if end, ok := blockEnd(data, 0); ok {
					block, data = bytes.Clone(data[:end]), data[end:]
				}
			}
			if block == nil {
				start := max(len(p.head)-3, 0)
				p.head = append(p.head, data...)
				end, ok := blockEnd(p.head, start)
				if !ok {
					if len(p.head) > p.max {
						p.state, p.head = stBroken, nil
					}
					return
				}
				block = p.head[:end:end]
				data = p.head[end:] // the rest is body or the next request
				p.head = nil
			}
			if len(block) > p.max || len(p.blocks) > 64 {
				p.state = stBroken
				return
			}
			p.blocks = append(p.blocks, block)
			p.startBody(block)
		case stChunkLine, stTrailer:
			i := bytes.IndexByte(data, '\n')
			if i < 0 {
				p.head = append(p.head, data...)
				if len(p.head) > 4096 {
					p.state = stBroken
				}
				return
			}
			line := append(p.head, data[:i]...)
			p.head = nil
			data = data[i+1:]
			line = bytes.TrimRight(line, "\r")
			if p.state == stTrailer {
				if len(line) == 0 {
					p.state = stHead
				}
				continue
			}
			if j := bytes.IndexByte(line, ';'); j >= 0 {
				line = line[:j]
			}
			size, err := strconv.ParseInt(strings.TrimSpace(string(line)), 16, 64)
			switch {
			case err != nil || size < 0:
				p.state = stBroken
			case size == 0:
				p.state = stTrailer
			default:
				p.state, p.remain = stChunkData, size+2
			}
		}
	}
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

// startBody sets up skipping the body that follows a request's headers.
func (p *headerParser) startBody(block []byte) {
	var length int64
	chunked := false
	for len(block) > 0 {
		line := block
		if i := bytes.IndexByte(block, '\n'); i >= 0 {
			line, block = block[:i], block[i+1:]
		} else {
			block = nil
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 0 {
			continue
		}
		name := bytes.TrimSpace(line[:colon])
		value := bytes.TrimSpace(line[colon+1:])
		switch {
		case bytes.EqualFold(name, []byte("transfer-encoding")):
			chunked = chunked || bytes.Contains(bytes.ToLower(value), []byte("chunked"))
		case bytes.EqualFold(name, []byte("content-length")):
			n, err := strconv.ParseInt(string(value), 10, 64)
			if err != nil || n < 0 {
				p.state = stBroken
				return
			}
			length = n
		}
	}
	switch {
	case chunked:
		p.state = stChunkLine
	case length > 0:
		p.state, p.remain = stBody, length
	default:
		p.state = stHead
	}
}

// matchRequestLine reports whether block starts with "method target ".
func matchRequestLine(block []byte, method, target string) bool {
	n := len(method) + 1 + len(target) + 1
	return len(block) > n && string(block[:len(method)]) == method && block[len(method)] == ' ' &&
		string(block[len(method)+1:n-1]) == target && block[n-1] == ' '
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
