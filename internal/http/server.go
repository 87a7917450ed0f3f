package http

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/coder/websocket"
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/vm"
	"github.com/craftos/craftos/internal/ws"
)

// Timeouts of the listeners that are not Limits: they only bound how long a
// misbehaving client may hold a connection slot.
const (
	readHeaderTimeout = 10 * time.Second // request line and headers
	bodyReadTimeout   = 60 * time.Second // the whole request body
	writeTimeout      = 30 * time.Second // sending a response
	stopGrace         = time.Second      // answers in flight when a listener stops
)

// server holds CraftOS-PC's listeners of one computer: http.addListener
// ports and http.websocketServer ports, plus the WebSocket connections
// they accepted. Listener goroutines never touch Lua: they queue events
// carrying Go handles and wait on channels.
type server struct {
	host  *computer.Host
	group *ws.Group   // every accepted WebSocket connection
	tls   *tls.Config // nil: plain HTTP (server_tls.go)

	mu        sync.Mutex
	listeners map[int]*listener // http.addListener
	wsServers map[int]*wsServer // http.websocketServer
	closed    bool
	// draining counts listeners a native stopped: their ports are free, and
	// their answers in flight finish in the background (natives must not
	// block); close waits for them.
	draining sync.WaitGroup
}

func newServer(h *computer.Host) *server {
	return &server{
		host:      h,
		group:     ws.NewGroup(h.Ctx),
		listeners: map[int]*listener{},
		wsServers: map[int]*wsServer{},
	}
}

// close stops every listener and WebSocket connection; it returns when
// their goroutines are gone.
func (s *server) close() {
	s.mu.Lock()
	s.closed = true
	var ls []*listener
	for _, l := range s.listeners {
		ls = append(ls, l)
	}
	for _, w := range s.wsServers {
		ls = append(ls, w.l)
		w.closed = true
	}
	clear(s.listeners)
	clear(s.wsServers)
	s.mu.Unlock()
	var wg sync.WaitGroup
	for _, l := range ls {
		wg.Go(l.shutdown)
	}
	wg.Wait()
	s.draining.Wait()
	s.group.Close(ws.Grace)
}

// stopInBackground frees l's port now and lets its answers in flight finish
// in the background.
func (s *server) stopInBackground(l *listener) {
	l.closePort()
	s.draining.Go(l.shutdown)
}

// checkPort reads argument 1 as a port: a number in 0..65535. CraftOS-PC
// silently ignores other numbers for add/removeListener; an error is
// kinder and matches websocketServer.
func checkPort(a vm.Args) int {
	f := a.Number(1)
	if math.IsNaN(f) || f < 0 || f > 65535 {
		a.Error(1, "port out of range")
	}
	return int(f)
}

// AddListener is http.addListener(port): serve HTTP on the port in the
// background; each request queues http_request(port, request, response).
// A port this computer already listens on is replaced.
func (s *server) AddListener(a vm.Args) int {
	port := checkPort(a)
	s.mu.Lock()
	old := s.listeners[port]
	delete(s.listeners, port)
	s.mu.Unlock()
	if old != nil {
		s.stopInBackground(old) // the port is free before binding again
	}
	l, err := s.open(port, true)
	if err != nil {
		a.L.Error(lua.LString("Could not open server: "+bindReason(err)+"\n"), 0)
	}
	l.srv.Handler = http.HandlerFunc(l.serveHTTP)
	l.ownLoop = l.ln.tls == nil // server_conn.go; HTTPS keeps net/http's (HTTP/2)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		l.shutdown()
		return 0
	}
	s.listeners[port] = l
	s.mu.Unlock()
	l.start()
	return 0
}

// RemoveListener is http.removeListener(port): stop serving and free the
// port at once. Unknown ports are ignored.
func (s *server) RemoveListener(a vm.Args) int {
	port := checkPort(a)
	s.mu.Lock()
	l := s.listeners[port]
	delete(s.listeners, port)
	s.mu.Unlock()
	if l != nil {
		s.stopInBackground(l)
	}
	return 0
}

// WebsocketServer is http.websocketServer(port [, headers]): a server
// handle {listen, close}, or nil and a reason. Headers are accepted and
// ignored, as in CraftOS-PC.
func (s *server) WebsocketServer(a vm.Args) int {
	port := checkPort(a)
	if v := a.Value(2); v != lua.LNil && v.Type() != lua.LTTable {
		a.Fail("bad argument #2 (expected table, got %s)", vm.TypeName(a.L, v))
	}
	s.mu.Lock()
	_, taken := s.wsServers[port]
	s.mu.Unlock()
	if taken {
		return a.Return(lua.LNil, lua.LString("Port already in use"))
	}
	l, err := s.open(port, false)
	if err != nil {
		return a.Return(lua.LNil, lua.LString("Net Exception: "+bindReason(err)))
	}
	l.srv.Handler = http.HandlerFunc(l.serveWebSocket)
	w := &wsServer{s: s, port: port, l: l}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		l.shutdown()
		return a.Return(lua.LNil, lua.LString("Net Exception: computer is stopping"))
	}
	s.wsServers[port] = w
	s.mu.Unlock()
	l.start()
	return a.Return(vm.HandleTable(a.L, w))
}

// bindReason words a bind failure as CraftOS-PC's socket library does:
// "Address already in use: 127.0.0.1:8080".
func bindReason(err error) string {
	var op *net.OpError
	var errno syscall.Errno
	if errors.As(err, &op) && errors.As(err, &errno) && op.Addr != nil {
		text := errno.Error()
		r, n := utf8.DecodeRuneInString(text)
		return string(unicode.ToUpper(r)) + text[n:] + ": " + op.Addr.String()
	}
	return err.Error()
}

// listener is one bound port with its net/http server.
type listener struct {
	s       *server
	port    int
	portArg any // port, boxed once rather than per event
	ln      *limitListener
	srv     *http.Server
	// gone is closed when the listener goes away or the computer stops:
	// waiting handlers give up.
	gone     chan struct{}
	goneOnce sync.Once
	served   chan struct{} // closed when Serve has returned
	// ownLoop: the port's connections are served by serveConn, not
	// net/http's loop (server_conn.go); conns are its open connections.
	ownLoop bool
	conns   connSet

	mu       sync.Mutex
	stopping bool
	started  bool
	handlers sync.WaitGroup // running handlers; Add only while !stopping
	once     sync.Once
}

type connKey struct{}

// open binds the port; start serves it.
func (s *server) open(port int, isHTTP bool) (*listener, error) {
	lim := s.host.Limits
	addr := net.JoinHostPort(lim.HTTPBind, strconv.Itoa(port))
	nl, err := s.host.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	var wsLimit int64
	if !isHTTP && s.tls == nil {
		// A WebSocket port watches frame headers on the socket (with TLS
		// they are encrypted: coder/websocket alone limits them).
		wsLimit = lim.MaxWebSocketMessage
	}
	ll := newLimitListener(nl, lim.MaxConnections)
	ll.wsLimit = wsLimit
	ll.tls = listenerTLS(s.tls, isHTTP)
	l := &listener{
		s:       s,
		port:    port,
		portArg: port,
		ln:      ll,
		gone:    make(chan struct{}),
		served:  make(chan struct{}),
	}
	context.AfterFunc(s.host.Ctx, l.closeGone)
	l.srv = &http.Server{
		ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout:       lim.IdleTimeout,
		MaxHeaderBytes:    lim.MaxHeaderSize,
		// Idle keep-alive connections are tracked so that a listener at its
		// connection cap closes one of them for a new client.
		ConnState: l.ln.connState,
		// Requests end with the computer: their contexts hang off its.
		BaseContext: func(net.Listener) context.Context { return s.host.Ctx },
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			hc, _ := plainConn(c)
			return context.WithValue(ctx, connKey{}, hc)
		},
		ErrorLog: log.New(io.Discard, "", 0),
	}
	if lim.IdleTimeout <= 0 {
		l.srv.SetKeepAlivesEnabled(false)
	}
	return l, nil
}

func (l *listener) start() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopping {
		return
	}
	l.started = true
	l.s.host.Hold() // an open port may yet bring a request
	go func() {
		defer close(l.served)
		defer l.s.host.Release()
		var err error
		if l.ownLoop {
			err = l.serve()
		} else {
			err = l.srv.Serve(l.ln)
		}
		l.mu.Lock()
		stopping := l.stopping
		l.mu.Unlock()
		if !stopping && !errors.Is(err, http.ErrServerClosed) {
			// The port stopped serving on its own (an accept error net/http
			// does not retry): tell the program rather than drop it.
			l.s.host.Queue.PushHost(events.Event{Name: "http_server_failure", Args: []any{l.port, err.Error()}, Source: events.SourceHTTPServer})
		}
	}()
}

// shutdown closes the port and every connection on it (not hijacked
// WebSocket connections: those belong to the group) and waits for the
// handlers to return. Idempotent.
func (l *listener) shutdown() {
	l.once.Do(func() {
		started := l.closePort()
		// Handlers send what Lua has closed (and 503 for the rest); give
		// them a moment before cutting every connection.
		waited := make(chan struct{})
		go func() { l.handlers.Wait(); close(waited) }()
		select {
		case <-waited:
		case <-time.After(stopGrace):
		}
		_ = l.srv.Close()
		l.conns.closeAll()
		<-waited
		if started {
			<-l.served
		}
	})
}

// closePort stops accepting: the port is free when it returns. It reports
// whether Serve was started. Idempotent.
func (l *listener) closePort() (started bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.stopping {
		l.stopping = true
		_ = l.ln.Close()
		l.closeGone()
	}
	return l.started
}

func (l *listener) closeGone() { l.goneOnce.Do(func() { close(l.gone) }) }

// enter registers a running handler unless the listener is going away.
func (l *listener) enter() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopping {
		return false
	}
	l.handlers.Add(1)
	return true
}

// serveHTTP runs on net/http's goroutine for one request: buffer the body,
// queue http_request, wait for res.close() (or the timeout, or the client
// or computer going away), send.
func (l *listener) serveHTTP(w http.ResponseWriter, r *http.Request) {
	var block []byte // the head as sent, for the header names
	var hc *headerConn
	if cw, ok := w.(*connWriter); ok {
		hc, block = cw.conn, cw.block // our own loop (server_conn.go)
	} else {
		hc, _ = r.Context().Value(connKey{}).(*headerConn) // HTTPS: canonical names
	}
	if !l.enter() {
		return
	}
	defer l.handlers.Done()
	lim := l.s.host.Limits

	if lim.MaxBodySize > 0 && r.ContentLength > lim.MaxBodySize {
		tooLarge(w)
		return
	}
	rc := http.NewResponseController(w)
	var body []byte
	var rest io.Reader        // a long body's part still on the socket
	if r.ContentLength != 0 { // -1: unknown (chunked)
		_ = rc.SetReadDeadline(time.Now().Add(bodyReadTimeout))
		var err error
		body, rest, err = readRequestBody(w, r, lim.MaxBodySize)
		if err != nil {
			// Never let net/http answer 200 for a request Lua never saw:
			// a bad chunk, a body shorter than its length, a stall.
			badBody(w, err)
			return
		}
		_ = rc.SetReadDeadline(time.Time{})
	}

	x := newExchange(r.Method, r.RequestURI, body, lim.MaxResponseSize)
	if block != nil {
		x.rawBlock = block
	} else {
		x.goHeader, x.host = r.Header, r.Host // net/http no longer touches them
	}
	if rest != nil {
		defer l.streamBody(rc, x, rest)()
	}
	l.s.host.Queue.PushHost(events.Event{Name: "http_request", Args: []any{l.portArg, &x.req, &x.res}, Source: events.SourceHTTPServer})

	var timer *time.Timer
	var timeout <-chan time.Time
	if lim.ResponseTimeout > 0 {
		if r.ProtoMajor == 1 {
			timer = hc.responseTimer(lim.ResponseTimeout) // its requests come one at a time
		} else {
			timer = time.NewTimer(lim.ResponseTimeout)
		}
		defer timer.Stop()
		timeout = timer.C
	}
	// st is the response going out in pieces once the handler flushed.
	var st *stream
	// The client leaving is not waited on: a half-closed client (shutdown
	// of its write side after a complete request) looks the same and still
	// waits for its answer, and a write finds one that left. The wait is
	// bounded by the response timeout.
wait:
	for {
		select {
		case <-x.wake:
			if chunk, ok := x.takeFlush(); ok {
				if !l.flush(w, rc, r, x, &st, chunk) {
					return
				}
				if timer != nil {
					// A stream may go on as long as it keeps flushing.
					timer.Reset(lim.ResponseTimeout)
				}
			}
			if x.isClosed() {
				break wait
			}
		case <-timeout:
			if x.expire() {
				if st != nil {
					st.abort()
					return
				}
				// Nothing has been sent, so the client learns the handler
				// gave up, never a truncated body marked as success. The
				// tables are closed.
				gatewayTimeout(w)
				return
			}
			break wait // Lua closed it just now
		case <-l.gone:
			// The listener was removed or the computer is stopping.
			if !x.isClosed() {
				l.giveUp(w, st)
				return
			}
			break wait
		}
	}
	if st != nil {
		if x.tooLarge || x.fail != 0 {
			st.abort()
			return
		}
		if st.write(x.takeRest()) == nil {
			st.end()
		} else {
			st.abort()
		}
		return
	}
	if x.fail != 0 {
		w.Header().Set("Connection", "close")
		http.Error(w, http.StatusText(x.fail), x.fail)
		return
	}
	if x.tooLarge {
		w.Header().Set("Connection", "close")
		http.Error(w, errResponseTooLarge, http.StatusInternalServerError)
		return
	}
	if len(x.buf) > 64<<10 {
		// Small answers fit the socket buffer; only big ones can stall on
		// a client that does not read.
		_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout))
	}
	if cw, ok := w.(*connWriter); ok && !x.needsRawWrite() {
		_ = cw.sendExchange(x) // our own loop: no header map on the way
		return
	}
	if x.needsRawWrite() && r.ProtoMajor == 1 {
		l.writeRaw(rc, r, x)
		return
	}
	if x.writeTo(w) == nil {
		// Out now, not when net/http finishes the request: a listener
		// being removed closes its connections once handlers return.
		_ = rc.Flush()
	}
}

// flush sends what the handler wrote before res.flush(), starting the
// stream on the first one. False: the client is gone (later writes are
// dropped, and flush() tells the handler).
func (l *listener) flush(w http.ResponseWriter, rc *http.ResponseController, r *http.Request, x *exchange, st **stream, chunk []byte) bool {
	var err error
	if *st == nil {
		*st, err = startStream(w, rc, r, x)
	}
	if err == nil {
		err = (*st).write(chunk)
	}
	if err != nil {
		x.markGone()
		if *st != nil {
			(*st).abort()
		}
		w.Header().Set("Connection", "close")
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return false
	}
	return true
}

// giveUp answers a request the listener or computer stops before Lua
// closed it: 503, or a cut connection once streaming.
func (l *listener) giveUp(w http.ResponseWriter, st *stream) {
	if st != nil {
		st.abort()
		return
	}
	stopped(w)
}

// writeRaw sends a status line net/http cannot (custom reason phrase) on
// the hijacked connection, then closes it.
func (l *listener) writeRaw(rc *http.ResponseController, r *http.Request, x *exchange) {
	conn, bw, err := rc.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	_ = conn.SetWriteDeadline(time.Now().Add(writeTimeout))
	proto := "HTTP/1.1"
	if r.ProtoMajor == 1 && r.ProtoMinor == 0 {
		proto = "HTTP/1.0"
	}
	b := x.rawResponse(proto)
	if r.Method == http.MethodHead {
		b = b[:len(b)-len(x.buf)]
	}
	_, _ = bw.Write(b)
	_ = bw.Flush()
}

func stopped(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
	http.Error(w, "Server stopped", http.StatusServiceUnavailable)
	_ = http.NewResponseController(w).Flush()
}

// gatewayTimeout answers a request whose response was not closed in time.
func gatewayTimeout(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
	http.Error(w, "Gateway Timeout: the handler did not close the response in time", http.StatusGatewayTimeout)
	_ = http.NewResponseController(w).Flush()
}

// badBody answers a request whose body could not be read: too large
// (413), stalled (408) or malformed (400: a bad chunk size or chunk
// framing, fewer bytes than Content-Length before EOF).
func badBody(w http.ResponseWriter, err error) {
	switch bodyStatus(err) {
	case http.StatusRequestEntityTooLarge:
		tooLarge(w)
		return
	case http.StatusRequestTimeout:
		w.Header().Set("Connection", "close")
		http.Error(w, "Request body timed out", http.StatusRequestTimeout)
		return
	}
	w.Header().Set("Connection", "close")
	http.Error(w, "Malformed request body", http.StatusBadRequest)
}

func tooLarge(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
	http.Error(w, "Request body is too large", http.StatusRequestEntityTooLarge)
}

// serveWebSocket upgrades a request on a websocketServer port and queues
// websocket_server_connect(port, handle). Plain requests get 426 and no
// event.
func (l *listener) serveWebSocket(w http.ResponseWriter, r *http.Request) {
	if !l.enter() {
		return
	}
	defer l.handlers.Done()
	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{
		InsecureSkipVerify: true, // any origin, as CraftOS-PC
		CompressionMode:    websocket.CompressionDisabled,
	})
	if err != nil {
		return // Accept has answered the client
	}
	host := l.s.host
	h := ws.NewHandle(conn, ws.HandleConfig{
		Host:         host,
		Group:        l.s.group,
		MessageEvent: "websocket_server_message",
		ClosedEvent:  "websocket_server_closed",
		MaxMessage:   host.Limits.MaxWebSocketMessage,
	})
	host.Queue.PushHost(events.Event{Name: "websocket_server_connect", Args: []any{l.port, h}, Source: events.SourceWebSocket})
	h.Start()
}

// wsServer is the Lua handle of http.websocketServer.
type wsServer struct {
	s      *server
	port   int
	l      *listener
	closed bool // guarded by s.mu
}

func (w *wsServer) isClosed() bool {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	return w.closed
}

// Listen is server.listen([timeout]): wait for the next connection to this
// port and return its handle; nil on timeout or once the server is closed;
// "Terminated" on terminate. Other events are consumed, as in CraftOS-PC.
func (w *wsServer) Listen(a vm.Args) int {
	if w.isClosed() {
		a.Fail(errClosedFile)
	}
	host := w.s.host
	L := a.L
	timer := -1
	if a.Value(1) != lua.LNil {
		timer = host.Timers.Start(computer.Seconds(a.Number(1)))
	}
	stop := func() {
		if timer >= 0 {
			host.Timers.Cancel(timer)
		}
	}
	port := lua.LNumber(w.port)
	for {
		ev := host.M.Yield(L, nil)
		var name lua.LString
		var p1 lua.LValue = lua.LNil
		if len(ev) > 0 {
			name, _ = ev[0].(lua.LString)
		}
		if len(ev) > 1 {
			p1 = ev[1]
		}
		switch name {
		case "terminate":
			stop()
			L.Error(lua.LString("Terminated"), 0)
		case "websocket_server_connect":
			if p1 == port {
				stop()
				if len(ev) > 2 {
					return a.Return(ev[2])
				}
				return a.Return(lua.LNil)
			}
		case "timer":
			if timer >= 0 && p1 == lua.LNumber(timer) {
				return a.Return(lua.LNil)
			}
		}
		if w.isClosed() {
			stop()
			return a.Return(lua.LNil)
		}
	}
}

// Close is server.close(): stop accepting and free the port. Connected
// clients stay open. Repeat calls do nothing.
func (w *wsServer) Close(a vm.Args) int {
	s := w.s
	s.mu.Lock()
	if w.closed {
		s.mu.Unlock()
		return 0
	}
	w.closed = true
	if s.wsServers[w.port] == w {
		delete(s.wsServers, w.port)
	}
	s.mu.Unlock()
	s.stopInBackground(w.l)
	return 0
}

// limitListener caps open connections (Limits.MaxConnections). At the cap
// it first closes an idle keep-alive connection to make room; when none is
// idle, Accept waits for one to close or go idle, leaving new connections
// in the backlog.
type limitListener struct {
	net.Listener
	sem     chan struct{} // nil: no cap
	done    chan struct{}
	once    sync.Once
	wsLimit int64       // WebSocket ports: the message limit frames are watched for
	tls     *tls.Config // HTTPS / WSS: connections are wrapped in TLS

	mu     sync.Mutex
	idle   map[*headerConn]struct{} // between requests (http.StateIdle)
	idleCh chan struct{}            // a connection went idle
}

func newLimitListener(l net.Listener, n int) *limitListener {
	ll := &limitListener{Listener: l, done: make(chan struct{}),
		idle: map[*headerConn]struct{}{}, idleCh: make(chan struct{}, 1)}
	if n > 0 {
		ll.sem = make(chan struct{}, n)
	}
	return ll
}

func (l *limitListener) Accept() (net.Conn, error) {
	release := func() {}
	if l.sem != nil {
		if err := l.acquire(); err != nil {
			return nil, err
		}
		release = func() { <-l.sem }
	}
	c, err := l.Listener.Accept()
	if err != nil {
		release()
		return nil, err
	}
	hc := &headerConn{Conn: c, release: release, frames: ws.NewFrameWatch(l.wsLimit)}
	if l.tls != nil {
		return tls.Server(hc, l.tls), nil // handshake on first use, in net/http
	}
	return hc, nil
}

// acquire takes a connection slot, closing idle connections to free one.
func (l *limitListener) acquire() error {
	for {
		select {
		case l.sem <- struct{}{}:
			return nil
		default:
		}
		l.closeIdle()
		select {
		case l.sem <- struct{}{}:
			return nil
		case <-l.idleCh:
		case <-l.done:
			return net.ErrClosed
		}
	}
}

// closeIdle closes one idle keep-alive connection, if any: its client
// has no request in flight, and reconnects when it has one.
func (l *limitListener) closeIdle() {
	l.mu.Lock()
	var victim *headerConn
	for c := range l.idle {
		victim = c
		delete(l.idle, c)
		break
	}
	l.mu.Unlock()
	if victim != nil {
		_ = victim.Close()
	}
}

// connState is the http.Server's ConnState hook.
func (l *limitListener) connState(c net.Conn, st http.ConnState) {
	hc, ok := plainConn(c)
	if !ok {
		return
	}
	l.mu.Lock()
	if st == http.StateIdle {
		l.idle[hc] = struct{}{}
	} else {
		delete(l.idle, hc)
	}
	l.mu.Unlock()
	if st == http.StateIdle {
		select {
		case l.idleCh <- struct{}{}:
		default:
		}
	}
}

func (l *limitListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// openWebSockets is the number of WebSocket connections the servers hold,
// for the client's "Too many websockets already open" count.
func (s *server) openWebSockets() int { return s.group.Len() }
