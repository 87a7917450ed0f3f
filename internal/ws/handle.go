// Package ws is the WebSocket connection handle the http API gives Lua, shared
// by both sides of the API:
//
//   - the client side (http.websocket) makes a handle per dialled connection
//     with Key set to the URL, so events read websocket_message(url, msg,
//     binary) and websocket_closed(url, reason, code);
//   - the server side (http.websocketServer) makes one per accepted
//     connection with Key nil, so each connection gets an opaque clientID
//     userdata that is param 1 of websocket_server_message(clientID, msg,
//     binary) and websocket_server_closed(clientID, reason, code), and the
//     handle table's clientID field.
//
// Usage, for either side, once the handshake is done:
//
//	h := ws.NewHandle(conn, ws.HandleConfig{Host: host, Group: group,
//		MessageEvent: "websocket_message", ClosedEvent: "websocket_closed",
//		Key: url, MaxMessage: host.Limits.MaxWebSocketMessage})
//	host.Queue.PushHost(events.Event{Name: "websocket_success", Args: []any{url, h}})
//	h.Start() // only now can message events follow the one above
//
// The handle is a vm.Valuer: an event carrying it becomes the Lua table
// {send, receive, close[, clientID]} on delivery (always the same table).
//
// Goroutines: one reader per connection, which queues a message event per
// (reassembled) message and a closed event when the peer goes away; pings
// are answered and pongs dropped by coder/websocket. Sends go through a
// queue drained by a writer goroutine that exists only while there is
// something to write, so Lua never waits on the network and an idle
// connection costs one parked goroutine. A slow peer whose unsent data
// passes the send buffer cap is disconnected rather than stalling the
// computer. Local close() sends a Close frame (1000) at once, after any
// queued messages, and queues no event (CC:Tweaked's behaviour). Group.Close
// (at computer shutdown) sends 1001 "going away" and tears everything down
// within a bounded time.
//
// Liveness (Host.Limits): the peer is pinged every WSPingInterval and
// dropped without a pong within WSPongTimeout (timers, no goroutine while
// idle); once a message's first frame header is in, the rest must arrive
// within WSFrameTimeout. A frame header declaring more than MaxMessage is
// refused before its payload (FrameWatch on the raw connection). Text
// messages must be UTF-8 (RFC 6455): an invalid one closes with 1007, and
// text the program sends is made valid (bad bytes become U+FFFD).
//
// Closed event params after the key: (reason, code) for a Close frame with
// a code ("" when it has no reason), nothing for a Close frame without one
// or a plain EOF, ("Message is too large", 1006) for an oversized message
// or frame header (the peer gets 1009), ("Invalid UTF-8", 1007) for a bad
// text message, ("Timed out", 1006) for a missing pong or a stalled
// message, and (error text, 1006) otherwise. Once the closed
// event has been delivered to Lua, send raises "attempt to use a closed
// file" and receive returns nil; before that, sends to a peer that is
// already gone are dropped quietly, so a broadcast loop does not fail on a
// client that has just left.
package ws

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/vm"
)

// HandleConfig says how a handle reports to Lua.
type HandleConfig struct {
	Host *computer.Host
	// Group tracks the handle until its connection is down, so the computer
	// can close it at shutdown. Required.
	Group *Group
	// MessageEvent and ClosedEvent name the events the reader queues.
	MessageEvent string
	ClosedEvent  string
	// Key is param 1 of both events (client side: the URL). Nil gives the
	// connection its own clientID userdata instead (server side).
	Key any
	// MaxMessage bounds messages both ways, in bytes: larger sends raise
	// "Message is too large", larger incoming messages close the connection.
	MaxMessage int64
	// SendBuffer caps the bytes queued for a peer that does not read; past
	// it the connection is dropped. Zero means max(4 MiB, 8*MaxMessage).
	SendBuffer int64
	// OnDone runs once, on the reader goroutine, when the connection is
	// down (e.g. to count open sockets).
	OnDone func()
}

// Handle is one open WebSocket connection as Lua sees it.
type Handle struct {
	conn   *websocket.Conn
	cfg    HandleConfig
	ctx    context.Context // cancelled to tear the connection down
	cancel context.CancelFunc

	// closed is set by Lua's close() or at shutdown; afterwards send and
	// receive raise "attempt to use a closed file" and no event is queued.
	closed  atomic.Bool
	done    chan struct{} // reader has exited
	inGroup bool          // added to cfg.Group (false: it was closed)
	// failure is why the host side dropped the connection (send failed or
	// the peer stopped reading), reported in the closed event.
	failure atomic.Pointer[string]
	// down is set when the connection has ended; sends are then dropped.
	down atomic.Bool

	wmu      sync.Mutex
	outq     []outMsg
	outBytes int64
	writing  bool // a writer goroutine is draining outq
	writers  sync.WaitGroup
	closing  bool // a close item is queued; later sends are dropped

	// The reader's stall timer (Limits.WSFrameTimeout), reset per
	// message; reading is set while a message's rest is awaited.
	stallTimer *time.Timer
	reading    atomic.Bool
	stalled    atomic.Bool

	pmu         sync.Mutex
	pingTimer   *time.Timer
	pingStopped bool // the reader has exited: no more pings

	// Lua side, touched only by the goroutine running Lua.
	table *lua.LTable
	ud    *lua.LUserData
	// seenClosed: the closed event has been delivered, so nothing more
	// will come; from then on send raises and receive returns nil at once.
	seenClosed bool
}

type outMsg struct {
	typ   websocket.MessageType
	data  []byte
	close websocket.StatusCode // non-zero: send a Close frame with this code
}

const errClosedFile = "attempt to use a closed file"

// NewHandle wraps an open connection. The reader does not run until Start,
// so the caller can queue the event that hands the handle to Lua first.
func NewHandle(conn *websocket.Conn, cfg HandleConfig) *Handle {
	if cfg.SendBuffer == 0 {
		cfg.SendBuffer = max(4<<20, 8*cfg.MaxMessage)
	}
	if cfg.MaxMessage > 0 {
		conn.SetReadLimit(cfg.MaxMessage)
	}
	h := &Handle{conn: conn, cfg: cfg, done: make(chan struct{})}
	// Not derived from Host.Ctx: at shutdown the Group first says goodbye
	// (1001) and then cancels; the Group itself is bound to Host.Ctx.
	h.ctx, h.cancel = context.WithCancel(context.Background())
	// Reads and writes run without a context (coder/websocket arms a
	// cancellation hook per call on a cancellable one, a fifth of an
	// echo's cost); cancelling the handle closes the socket instead,
	// which ends whatever read or write is under way.
	context.AfterFunc(h.ctx, func() { h.conn.CloseNow() })
	// Counted from now, not from Start: the program may see the handle's
	// event (and count open sockets) before Start runs. Start must follow.
	h.inGroup = cfg.Group.add(h)
	return h
}

// Start begins reading. If the group is already closed (the computer is
// stopping) the connection is dropped at once.
func (h *Handle) Start() {
	if !h.inGroup {
		h.closed.Store(true)
		h.cancel()
		h.conn.CloseNow()
		close(h.done)
		if h.cfg.OnDone != nil {
			h.cfg.OnDone()
		}
		return
	}
	h.startPings()
	go h.read()
}

// Done is closed once the connection is down and the reader has exited.
func (h *Handle) Done() <-chan struct{} { return h.done }

// Closed reports whether close() was called (or the computer stopped).
func (h *Handle) Closed() bool { return h.closed.Load() }

func (h *Handle) read() {
	defer func() {
		h.stopPings()
		h.down.Store(true)
		h.cancel()
		h.cfg.Group.remove(h)
		close(h.done)
		if h.cfg.OnDone != nil {
			h.cfg.OnDone()
		}
	}()
	key := h.key()
	q := h.cfg.Host.Queue
	for {
		typ, msg, err := h.readMessage()
		if err == nil && typ == websocket.MessageText && !utf8.ValidString(msg) && !h.closed.Load() {
			// RFC 6455 8.1: a text message must be UTF-8, else 1007.
			err = errInvalidUTF8
		}
		if err != nil {
			if h.closed.Load() {
				return // the writer's Close finishes the connection
			}
			var args []any
			switch {
			case errors.Is(err, errInvalidUTF8):
				_ = h.conn.Close(websocket.StatusInvalidFramePayloadData, "Invalid UTF-8")
				args = []any{closedKey{h}, "Invalid UTF-8", int(websocket.StatusInvalidFramePayloadData)}
			case errors.Is(err, ErrFrameTooBig):
				// Declared too big: refused at the header, before any of
				// it is read. The peer gets 1009 as for a message that
				// actually arrived too big.
				_ = h.conn.Close(websocket.StatusMessageTooBig, "Message is too large")
				args = []any{closedKey{h}, "Message is too large", 1006}
			default:
				h.conn.CloseNow()
				args = closedArgs(closedKey{h}, err)
				if f := h.failure.Load(); f != nil {
					args = []any{closedKey{h}, *f, 1006}
				}
			}
			h.conn.CloseNow()
			h.down.Store(true)
			// Host.Ctx, not h.ctx: a connection we dropped is still
			// reported, unless the computer is stopping.
			_ = q.PushHostWait(h.cfg.Host.Ctx, events.Event{Name: h.cfg.ClosedEvent, Args: args, Source: events.SourceWebSocket})
			return
		}
		if h.closed.Load() {
			continue // closed locally: drain until the peer answers our Close
		}
		// Waiting for room (rather than queueing without bound) pushes
		// back on a flooding peer through TCP.
		ev := events.Event{Name: h.cfg.MessageEvent, Args: []any{key, msg, typ == websocket.MessageBinary}, Source: events.SourceWebSocket}
		if q.PushHostWait(h.ctx, ev) != nil {
			return
		}
	}
}

var errInvalidUTF8 = errors.New("invalid UTF-8 in a text message")

// readMessage reads the next message. Waiting for it has no deadline (the
// pings find dead peers), but once its first frame header is in, the rest
// must arrive within Limits.WSFrameTimeout: a peer that starts a frame and
// stalls is dropped ("Timed out").
func (h *Handle) readMessage() (websocket.MessageType, string, error) {
	typ, r, err := h.conn.Reader(context.Background())
	if err != nil {
		return 0, "", err
	}
	if d := h.cfg.Host.Limits.WSFrameTimeout; d > 0 {
		h.reading.Store(true)
		if h.stallTimer == nil {
			h.stallTimer = time.AfterFunc(d, h.stall)
		} else {
			h.stallTimer.Reset(d)
		}
		defer func() {
			h.reading.Store(false)
			h.stallTimer.Stop()
		}()
	}
	buf := readBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	_, err = buf.ReadFrom(r)
	msg := buf.String() // the event's string, made once
	if buf.Cap() <= 64<<10 {
		readBuffers.Put(buf) // a huge message's buffer goes to the collector
	}
	if err != nil && h.stalled.Load() {
		reason := "Timed out"
		h.failure.CompareAndSwap(nil, &reason)
	}
	return typ, msg, err
}

// readBuffers are the readers' message buffers: a message is read into
// one and copied out, at its size, as the string Lua gets.
var readBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// stall drops a connection whose message stopped arriving part way.
func (h *Handle) stall() {
	if h.reading.Load() {
		h.stalled.Store(true)
		h.conn.CloseNow()
	}
}

// startPings pings the peer every Limits.WSPingInterval; a peer that does
// not answer within Limits.WSPongTimeout is dropped ("Timed out"). Timers,
// not a goroutine, while waiting: idle connections stay cheap.
func (h *Handle) startPings() {
	lim := h.cfg.Host.Limits
	if lim.WSPingInterval <= 0 {
		return
	}
	h.pmu.Lock()
	defer h.pmu.Unlock()
	if !h.pingStopped {
		h.pingTimer = time.AfterFunc(lim.WSPingInterval, h.ping)
	}
}

func (h *Handle) ping() {
	h.pmu.Lock()
	if h.pingStopped {
		h.pmu.Unlock()
		return
	}
	h.writers.Add(1)
	h.pmu.Unlock()
	defer h.writers.Done()
	lim := h.cfg.Host.Limits
	wait := lim.WSPongTimeout
	if wait <= 0 {
		wait = lim.WSPingInterval
	}
	ctx, cancel := context.WithTimeout(h.ctx, wait)
	err := h.conn.Ping(ctx)
	cancel()
	if err != nil {
		if h.ctx.Err() == nil && !h.closed.Load() {
			h.fail("Timed out")
		}
		return
	}
	h.pmu.Lock()
	if !h.pingStopped {
		h.pingTimer.Reset(lim.WSPingInterval)
	}
	h.pmu.Unlock()
}

func (h *Handle) stopPings() {
	h.pmu.Lock()
	h.pingStopped = true
	if h.pingTimer != nil {
		h.pingTimer.Stop()
	}
	h.pmu.Unlock()
}

// closedArgs maps how the connection ended to the closed event's params:
// a Close frame with a code gives (reason, code), one without a payload or
// a plain EOF gives nothing, anything else its error text and 1006.
func closedArgs(key any, err error) []any {
	var ce websocket.CloseError
	switch {
	case errors.As(err, &ce):
		if ce.Code == websocket.StatusNoStatusRcvd {
			return []any{key}
		}
		return []any{key, ce.Reason, int(ce.Code)}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return []any{key}
	case errors.Is(err, websocket.ErrMessageTooBig):
		return []any{key, "Message is too large", 1006}
	}
	return []any{key, err.Error(), 1006}
}

// key is param 1 of this handle's events.
func (h *Handle) key() any {
	if h.cfg.Key != nil {
		return h.cfg.Key
	}
	return clientID{h}
}

// clientID turns into the connection's userdata when delivered.
type clientID struct{ h *Handle }

func (c clientID) LuaValue(L *lua.LState) lua.LValue { return c.h.userdata(L) }

// closedKey is param 1 of the closed event; delivering it tells the handle
// that Lua has been told.
type closedKey struct{ h *Handle }

func (c closedKey) LuaValue(L *lua.LState) lua.LValue {
	c.h.seenClosed = true
	return c.h.keyValue(L)
}

func (h *Handle) userdata(L *lua.LState) *lua.LUserData {
	if h.ud == nil {
		h.ud = L.NewUserData()
	}
	return h.ud
}

func (h *Handle) keyValue(L *lua.LState) lua.LValue {
	if h.cfg.Key == nil {
		return h.userdata(L)
	}
	return vm.ToLua(L, h.cfg.Key)
}

// handleMethods are the handle table's functions, bound when it is built:
// a connection's table lives as long as it does, and a server's loop reads
// send on every message.
var handleMethods = []string{"send", "receive", "close"}

// LuaValue is the handle's table, built once.
func (h *Handle) LuaValue(L *lua.LState) lua.LValue {
	if h.table == nil {
		h.table = vm.HandleTableWith(L, h, handleMethods)
		if h.cfg.Key == nil {
			h.table.RawSetString("clientID", h.userdata(L))
		}
	}
	return h.table
}

// Send is send(message [, binary]): one unfragmented frame, text unless
// binary is truthy. Queued for the writer; returns at once.
func (h *Handle) Send(a vm.Args) int {
	msg := a.StringOrNumber(1)
	if h.cfg.MaxMessage > 0 && int64(len(msg)) > h.cfg.MaxMessage {
		a.Fail("Message is too large")
	}
	if h.closed.Load() || h.seenClosed {
		a.Fail(errClosedFile)
	}
	if h.down.Load() {
		// Gone, but Lua has not been told yet: dropped quietly, so a
		// broadcast does not fail on a client that just left.
		return 0
	}
	typ := websocket.MessageText
	if lua.LVAsBool(a.Value(2)) {
		typ = websocket.MessageBinary
	} else if !utf8.ValidString(msg) {
		// A text frame must be UTF-8 (the peer would close with 1007):
		// invalid bytes become U+FFFD, as CC:Tweaked sends them.
		msg = toValidUTF8(msg)
	}
	h.enqueue(outMsg{typ: typ, data: []byte(msg)})
	return 0
}

// Receive is receive([timeout]): waits for this connection's next message
// and returns it with its binary flag; nil on timeout or when the
// connection is (or gets) closed; "Terminated" on terminate. Other events
// reaching the caller are consumed, as in CraftOS.
func (h *Handle) Receive(a vm.Args) int {
	if h.closed.Load() {
		a.Fail(errClosedFile)
	}
	if h.seenClosed {
		return a.Return(lua.LNil) // nothing can follow the closed event
	}
	L := a.L
	timer := -1
	if a.Value(1) != lua.LNil {
		timer = h.cfg.Host.Timers.Start(computer.Seconds(a.Number(1)))
	}
	stop := func() {
		if timer >= 0 {
			h.cfg.Host.Timers.Cancel(timer)
		}
	}
	key := h.keyValue(L)
	for {
		ev := h.cfg.Host.M.Yield(L, nil)
		if len(ev) == 0 {
			continue
		}
		name, _ := ev[0].(lua.LString)
		p1 := lua.LValue(lua.LNil)
		if len(ev) > 1 {
			p1 = ev[1]
		}
		switch string(name) {
		case "terminate":
			stop()
			L.Error(lua.LString("Terminated"), 0)
		case h.cfg.MessageEvent:
			if p1 == key {
				stop()
				return a.Return(at(ev, 2), at(ev, 3))
			}
		case h.cfg.ClosedEvent:
			if p1 == key {
				stop()
				return a.Return(lua.LNil)
			}
		case "timer":
			if timer >= 0 && p1 == lua.LNumber(timer) {
				return a.Return(lua.LNil)
			}
		}
		if h.closed.Load() { // closed by another coroutine meanwhile
			stop()
			return a.Return(lua.LNil)
		}
	}
}

func at(vals []lua.LValue, i int) lua.LValue {
	if i < len(vals) {
		return vals[i]
	}
	return lua.LNil
}

// Close is close(): idempotent; the peer gets a Close frame (1000) once
// the messages already sent are out.
func (h *Handle) Close(a vm.Args) int {
	h.closeWith(websocket.StatusNormalClosure)
	return 0
}

func (h *Handle) closeWith(code websocket.StatusCode) {
	if h.closed.Swap(true) {
		return
	}
	h.enqueue(outMsg{close: code})
}

// enqueue hands a message to the writer goroutine, starting it if idle.
func (h *Handle) enqueue(m outMsg) {
	h.wmu.Lock()
	if h.closing {
		h.wmu.Unlock()
		return
	}
	if m.close != 0 {
		h.closing = true
	}
	h.outBytes += int64(len(m.data))
	if h.outBytes > h.cfg.SendBuffer {
		// The peer is not reading: drop it rather than hold memory or
		// stall Lua. The reader reports the close to Lua.
		h.outq = nil
		h.closing = true
		h.wmu.Unlock()
		h.fail("Send buffer full (peer is not reading)")
		return
	}
	h.outq = append(h.outq, m)
	start := !h.writing
	if start {
		h.writing = true
		h.writers.Add(1)
	}
	h.wmu.Unlock()
	if start {
		go h.write()
	}
}

func (h *Handle) write() {
	defer h.writers.Done()
	for {
		h.wmu.Lock()
		if len(h.outq) == 0 {
			h.writing = false
			h.outq = nil
			h.wmu.Unlock()
			return
		}
		m := h.outq[0]
		h.outq[0] = outMsg{}
		h.outq = h.outq[1:]
		h.outBytes -= int64(len(m.data))
		h.wmu.Unlock()
		if m.close != 0 {
			// Waits for the peer's answering Close (bounded by the
			// library, and by cancel at shutdown).
			_ = h.conn.Close(m.close, "")
			continue
		}
		if err := h.conn.Write(context.Background(), m.typ, m.data); err != nil {
			h.fail(err.Error())
		}
	}
}

// fail drops the connection from the host side; the reader reports why.
func (h *Handle) fail(reason string) {
	h.failure.CompareAndSwap(nil, &reason)
	h.cancel()
}

// Group is the set of a computer's open handles, closed together at
// shutdown.
type Group struct {
	mu     sync.Mutex
	set    map[*Handle]struct{}
	closed bool
	once   sync.Once
}

// Grace is how long peers get to answer the going-away Close at shutdown.
const Grace = 500 * time.Millisecond

// NewGroup makes a group that is closed when ctx (the computer's context)
// is done.
func NewGroup(ctx context.Context) *Group {
	g := &Group{set: map[*Handle]struct{}{}}
	context.AfterFunc(ctx, func() { g.Close(Grace) })
	return g
}

func (g *Group) add(h *Handle) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.set[h] = struct{}{}
	return true
}

func (g *Group) remove(h *Handle) {
	g.mu.Lock()
	delete(g.set, h)
	g.mu.Unlock()
}

// Len is the number of open connections.
func (g *Group) Len() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.set)
}

// Close says goodbye (1001) to every open connection, gives peers up to
// grace to answer, then drops what is left. It returns once every reader
// and writer has exited; later handles are refused. Concurrent and repeated
// calls wait for the first to finish.
func (g *Group) Close(grace time.Duration) {
	g.once.Do(func() {
		g.mu.Lock()
		g.closed = true
		hs := make([]*Handle, 0, len(g.set))
		for h := range g.set {
			hs = append(hs, h)
		}
		g.mu.Unlock()
		for _, h := range hs {
			h.closeWith(websocket.StatusGoingAway)
		}
		deadline := time.NewTimer(grace)
		defer deadline.Stop()
	wait:
		for _, h := range hs {
			select {
			case <-h.done:
			case <-deadline.C:
				break wait
			}
		}
		for _, h := range hs {
			h.cancel()
		}
		for _, h := range hs {
			<-h.done
			h.writers.Wait()
		}
	})
}

// toValidUTF8 replaces each byte that is not part of a valid UTF-8
// sequence with U+FFFD.
func toValidUTF8(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
