package http

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/vm"
)

// Request bodies up to streamBodyAfter are read whole before the handler
// runs. Past it, the handler gets the first part and the rest is read from
// the socket as it calls read/readLine/readAll (at most streamWindow bytes
// ahead of it), so an upload is not held in memory twice and the handler
// can start at once. --http-max-body still applies.
const (
	streamBodyAfter = 256 << 10
	streamWindow    = 1 << 20
	streamReadSize  = 32 << 10
)

// bodyEvent wakes a handler waiting in read for more of its body.
const bodyEvent = "http_request_body"

// readRequestBody reads the body, capped at limit (0: no cap): all of it
// when it is short, else its first streamBodyAfter bytes and the reader of
// the rest (nil when there is none).
func readRequestBody(w http.ResponseWriter, r *http.Request, limit int64) (body []byte, rest io.Reader, err error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil, nil
	}
	var src io.Reader = r.Body
	if limit > 0 {
		src = http.MaxBytesReader(w, r.Body, limit)
	}
	var buf bytes.Buffer
	if r.ContentLength > 0 && r.ContentLength <= streamBodyAfter {
		buf.Grow(int(r.ContentLength))
		_, err = buf.ReadFrom(src)
		return buf.Bytes(), nil, err
	}
	n, err := buf.ReadFrom(io.LimitReader(src, streamBodyAfter))
	if err != nil || n < streamBodyAfter {
		return buf.Bytes(), nil, err
	}
	return buf.Bytes(), src, nil
}

// bodyStream is the part of a request body still on the socket: a reader
// goroutine fills buf, the handler's reads drain it.
type bodyStream struct {
	host    *computer.Host
	mu      sync.Mutex
	buf     []byte
	eof     bool // all read, or failed (then exchange.bodyFailure says why)
	waiting bool // Lua waits: queue bodyEvent on arrival
	space   chan struct{}
	stop    chan struct{}
	done    chan struct{}
}

// streamBody starts reading the rest of x's body; the returned function
// stops the reader and waits for it (before the handler returns, as
// net/http requires).
func (l *listener) streamBody(rc *http.ResponseController, x *exchange, rest io.Reader) func() {
	s := &bodyStream{host: l.s.host, space: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	x.in = s
	_ = rc.EnableFullDuplex() // flush() may answer while the body comes in
	go func() {
		defer close(s.done)
		tmp := make([]byte, streamReadSize)
		for {
			s.mu.Lock()
			for len(s.buf) >= streamWindow {
				s.mu.Unlock()
				select {
				case <-s.space:
				case <-s.stop:
					return
				}
				s.mu.Lock()
			}
			s.mu.Unlock()
			_ = rc.SetReadDeadline(time.Now().Add(bodyReadTimeout))
			n, err := rest.Read(tmp)
			s.mu.Lock()
			s.buf = append(s.buf, tmp[:n]...)
			if err != nil {
				s.eof = true
			}
			wake := s.waiting && (n > 0 || err != nil)
			if wake {
				s.waiting = false
			}
			s.mu.Unlock()
			if err != nil && !errors.Is(err, io.EOF) {
				select {
				case <-s.stop: // the handler is done: nobody to tell
					return
				default:
				}
				status := bodyStatus(err)
				x.failBody(status, bodyFailure[status])
			}
			if wake {
				l.s.host.Queue.PushHost(events.Event{Name: bodyEvent, Source: events.SourceHTTPServer})
			}
			if err != nil {
				return
			}
		}
	}()
	return func() {
		close(s.stop)
		_ = rc.SetReadDeadline(time.Now()) // unblocks a read in progress
		<-s.done
	}
}

// bodyFailure is what a handler's read raises when the rest of its body
// could not be read.
var bodyFailure = map[int]string{
	http.StatusRequestEntityTooLarge: "Request body is too large",
	http.StatusRequestTimeout:        "Request body timed out",
	http.StatusBadRequest:            "Malformed request body",
}

// bodyStatus is the answer to a body that could not be read: too large
// (413), stalled (408) or malformed (400).
func bodyStatus(err error) int {
	var mbe *http.MaxBytesError
	var ne net.Error
	switch {
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge
	case errors.As(err, &ne) && ne.Timeout():
		return http.StatusRequestTimeout
	}
	return http.StatusBadRequest
}

// want waits until the unread body satisfies enough, or has all arrived.
// Buffered bodies return at once; a streamed one takes what the reader
// has and otherwise waits for bodyEvent (other events are consumed, as a
// WebSocket receive does; terminate raises "Terminated"). A body that
// failed (past --http-max-body, stalled, malformed) raises why: its client
// has been answered 413/408/400 and the tables are closed.
func (x *exchange) want(a vm.Args, enough func(rest []byte) bool) {
	s := x.in
	if s == nil {
		return
	}
	for {
		s.mu.Lock()
		if len(s.buf) > 0 {
			x.body = append(x.body[:copy(x.body, x.body[x.pos:])], s.buf...)
			x.pos = 0
			s.buf = s.buf[:0]
			select {
			case s.space <- struct{}{}:
			default:
			}
		}
		done := s.eof
		s.waiting = !done && !enough(x.body[x.pos:])
		wait := s.waiting
		s.mu.Unlock()
		if done {
			x.open(a) // raises the failure, if any
		}
		if !wait {
			return
		}
		ev := s.host.M.Yield(a.L, nil)
		if len(ev) > 0 && ev[0] == lua.LString("terminate") {
			a.L.Error(lua.LString("Terminated"), 0)
		}
		x.open(a) // a failed body, or the response timed out
	}
}
