package http

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/vm"
	"github.com/craftos/craftos/internal/ws"
)

// maxRedirects is CC:Tweaked's limit; past it the 3xx itself is the answer.
const maxRedirects = 16

// maxRequestTimeout bounds the table form's timeout field (CC:Tweaked).
const maxRequestTimeout = 60

// userAgent is sent unless the program gives its own.
var userAgent = "computercraft/" + computer.CCVersion + " craftos/" + computer.Version

// methods are the verbs http.request accepts (CC:Tweaked rejects CONNECT).
var methods = map[string]bool{
	"GET": true, "POST": true, "HEAD": true, "OPTIONS": true,
	"PUT": true, "DELETE": true, "PATCH": true, "TRACE": true,
}

// Failure reasons, CC:Tweaked's texts where it has one.
var (
	errTimedOut     = errors.New("Timed out")
	errTooLarge     = errors.New("Response is too large")
	errUploadTooBig = errors.New("Request body is too large")
)

// client is the outgoing half of the http API: http.request, checkURL and
// WebSocket clients. Work runs on goroutines under the computer's context
// and ends in events; nothing here blocks the Lua goroutine.
type client struct {
	host      *computer.Host
	lim       computer.Limits
	rules     *rules
	rulesErr  error // a bad --http-allow/--http-deny: every request fails with it
	transport *http.Transport

	wg sync.WaitGroup

	mu      sync.Mutex
	running int        // requests being worked on, each on its goroutine
	queue   []*request // requests waiting for one of those, first in first out
	checks  int        // checkURL lookups in flight
	sockets int        // client WebSockets connecting or open

	// serverSockets counts the connections the computer's WebSocket servers
	// hold: as in CraftOS-PC they count toward the open-WebSocket limit,
	// though accepting them is never refused.
	serverSockets func() int

	group *ws.Group // the open client WebSockets, closed at shutdown
}

func newClient(h *computer.Host) *client {
	c := &client{host: h, lim: h.Limits, group: ws.NewGroup(h.Ctx)}
	c.rules, c.rulesErr = newRules(c.lim.HTTPAllow, c.lim.HTTPDeny, c.lim.HTTPBlockPrivate)
	if c.rulesErr != nil {
		c.rules = &rules{} // denies everything
	}
	c.transport = &http.Transport{
		Proxy:               nil, // a proxy would bypass the address rules
		DialContext:         c.dial,
		TLSHandshakeTimeout: c.lim.HTTPTimeout,
		DisableKeepAlives:   true, // CC:Tweaked sends Connection: close
		DisableCompression:  true, // bodies arrive as the server sent them
	}
	return c
}

// close runs at shutdown, after Host.Ctx is cancelled: everything started
// here is already unwinding; wait for it (bounded, so shutdown never hangs).
func (c *client) close() {
	c.group.Close(time.Second)
	done := make(chan struct{})
	go func() { c.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
	c.transport.CloseIdleConnections()
}

// dial connects with the address rules applied to the resolved address, in
// the dialer's Control hook: what is checked is what is connected to.
func (c *client) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	d := net.Dialer{
		Timeout: c.lim.HTTPTimeout,
		Control: func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("dial %s: %w", address, err)
			}
			return c.rules.checkAddr(host, ap.Addr())
		},
	}
	return d.DialContext(ctx, network, addr)
}

// checkHost is the rule check before DNS, with a config error shown as is.
func (c *client) checkHost(host string) error {
	if c.rulesErr != nil {
		return c.rulesErr
	}
	return c.rules.checkName(host)
}

func (c *client) push(name string, args ...any) {
	source := events.SourceHTTPClient
	if strings.HasPrefix(name, "websocket_") {
		source = events.SourceWebSocket
	}
	c.host.Queue.PushHost(events.Event{Name: name, Args: args, Source: source})
}

// urlError is a URL the program got wrong; its text is the failure reason.
type urlError string

func (e urlError) Error() string { return string(e) }

// parseHTTPURL checks an http.request / checkURL URL with CraftOS's texts.
func parseHTTPURL(s string) (*url.URL, error) {
	if !strings.Contains(s, ":") {
		return nil, urlError("Must specify http or https")
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, urlError("URL malformed")
	}
	if u.Scheme == "" {
		return nil, urlError("Must specify http or https")
	}
	if u.Scheme = strings.ToLower(u.Scheme); u.Scheme != "http" && u.Scheme != "https" {
		return nil, urlError(fmt.Sprintf("Invalid protocol '%s'", u.Scheme))
	}
	if u.Opaque != "" || u.Hostname() == "" {
		return nil, urlError("URL malformed")
	}
	return u, nil
}

// request is one http.request call, captured as plain Go data.
type request struct {
	url      string // as the program gave it: the events' first parameter
	u        *url.URL
	method   string
	body     []byte
	hasBody  bool
	headers  http.Header
	binary   bool
	redirect bool
	timeout  time.Duration
}

// Request is the native http.request(url [, body [, headers [, binary]]]) or
// http.request{url=, body=, headers=, binary=, method=, redirect=, timeout=}.
// It returns true and answers later with http_success / http_failure, or
// returns false and a reason for a URL it cannot use.
func (c *client) Request(a vm.Args) int {
	req := &request{redirect: true, timeout: c.lim.HTTPTimeout}
	var method string
	var hdrs *lua.LTable
	if t, ok := a.Value(1).(*lua.LTable); ok {
		req.url = fieldString(a, t, "url", false)
		body := t.RawGetString("body")
		if body != lua.LNil {
			req.body, req.hasBody = []byte(fieldString(a, t, "body", true)), true
		}
		hdrs = fieldTable(a, t, "headers")
		req.binary = fieldBool(a, t, "binary", false)
		method = fieldString(a, t, "method", true)
		req.redirect = fieldBool(a, t, "redirect", true)
		req.timeout = fieldTimeout(a, t, req.timeout)
	} else {
		req.url = a.String(1)
		if a.Value(2) != lua.LNil {
			req.body, req.hasBody = []byte(a.String(2)), true
		}
		hdrs = a.OptTable(3)
		req.binary = a.OptBool(4, false)
	}
	if method == "" {
		method = "GET"
		if req.hasBody {
			method = "POST"
		}
	}
	req.method = strings.ToUpper(method)
	if !methods[req.method] {
		a.Fail("Unsupported HTTP method")
	}
	var err error
	if req.headers, err = headersFrom(hdrs); err != nil {
		return a.Return(lua.LFalse, lua.LString(err.Error()))
	}
	if req.u, err = parseHTTPURL(req.url); err != nil {
		return a.Return(lua.LFalse, lua.LString(err.Error()))
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.running < max(1, c.lim.HTTPMaxRequests):
		c.running++
		c.wg.Add(1)
		c.host.Hold()
		go c.run(req)
	case len(c.queue) < c.lim.HTTPMaxQueued:
		c.host.Hold()
		c.queue = append(c.queue, req)
	default:
		a.Fail("Too many ongoing HTTP requests")
	}
	return a.Return(lua.LTrue)
}

func fieldError(a vm.Args, key, want string, got lua.LValue) {
	a.Fail("bad field '%s' (%s expected, got %s)", key, want, vm.TypeName(a.L, got))
}

func fieldString(a vm.Args, t *lua.LTable, key string, opt bool) string {
	v := t.RawGetString(key)
	if s, ok := v.(lua.LString); ok {
		return string(s)
	}
	if opt && v == lua.LNil {
		return ""
	}
	fieldError(a, key, "string", v)
	return ""
}

func fieldBool(a vm.Args, t *lua.LTable, key string, def bool) bool {
	v := t.RawGetString(key)
	if v == lua.LNil {
		return def
	}
	b, ok := v.(lua.LBool)
	if !ok {
		fieldError(a, key, "boolean", v)
	}
	return bool(b)
}

// fieldTimeout is the table form's timeout field, in seconds (0 to
// maxRequestTimeout; 0 means none), or def when absent.
func fieldTimeout(a vm.Args, t *lua.LTable, def time.Duration) time.Duration {
	v := t.RawGetString("timeout")
	if v == lua.LNil {
		return def
	}
	n, ok := v.(lua.LNumber)
	if !ok {
		fieldError(a, "timeout", "number", v)
	}
	if f := float64(n); math.IsNaN(f) || f < 0 || f > maxRequestTimeout {
		a.Fail("timeout out of range (between 0.0 and %d.0)", maxRequestTimeout)
	}
	return time.Duration(float64(n) * float64(time.Second))
}

func fieldTable(a vm.Args, t *lua.LTable, key string) *lua.LTable {
	v := t.RawGetString(key)
	if v == lua.LNil {
		return nil
	}
	tt, ok := v.(*lua.LTable)
	if !ok {
		fieldError(a, key, "table", v)
	}
	return tt
}

// headersFrom copies the program's string → string headers (others are
// skipped, as in CC:Tweaked), refusing ones that cannot be sent.
func headersFrom(t *lua.LTable) (http.Header, error) {
	h := http.Header{}
	if t == nil {
		return h, nil
	}
	var err error
	t.ForEach(func(k, v lua.LValue) {
		ks, ok1 := k.(lua.LString)
		vs, ok2 := v.(lua.LString)
		if !ok1 || !ok2 || err != nil {
			return
		}
		name, value := string(ks), string(vs)
		if !validName(name) {
			err = fmt.Errorf("Invalid header name '%s'", name)
			return
		}
		if !validValue(value) {
			err = fmt.Errorf("Invalid value for header '%s'", name)
			return
		}
		h.Set(name, value)
	})
	return h, err
}

// uploadSize is what counts against the upload limit: the body plus each
// header's name, value and one separator (CraftOS-PC's measure).
func (r *request) uploadSize() int64 {
	n := int64(len(r.body))
	for name, vals := range r.headers {
		for _, v := range vals {
			n += int64(len(name) + len(v) + 1)
		}
	}
	return n
}

// run works through requests on one goroutine: req, then whatever is
// queued, so queued requests start in the order they were made.
func (c *client) run(req *request) {
	defer c.wg.Done()
	for req != nil {
		c.answer(req)
		c.host.Release()
		c.mu.Lock()
		req = nil
		if len(c.queue) > 0 && c.host.Ctx.Err() == nil {
			req = c.queue[0]
			c.queue[0] = nil
			c.queue = c.queue[1:]
		} else {
			c.running--
		}
		c.mu.Unlock()
	}
}

// answer does one request and queues its event.
func (c *client) answer(req *request) {
	resp, err := c.fetch(req)
	if c.host.Ctx.Err() != nil {
		return // the computer is gone; nobody to tell
	}
	switch {
	case err != nil:
		c.push("http_failure", req.url, err.Error())
	case resp.code < 200 || resp.code >= 400:
		c.push("http_failure", req.url, resp.phrase, resp)
	default:
		c.push("http_success", req.url, resp)
	}
}

// fetch sends the request, follows CC:Tweaked's redirects and buffers the
// body. Errors come back already as the failure reason the program sees.
func (c *client) fetch(req *request) (*Response, error) {
	if c.lim.HTTPMaxUpload > 0 && req.uploadSize() > c.lim.HTTPMaxUpload {
		return nil, errUploadTooBig
	}
	// The timeout is an idle timeout: it restarts on every redirect and on
	// every piece of body read, so a large slow download still finishes.
	ctx, cancel := context.WithCancelCause(c.host.Ctx)
	defer cancel(nil)
	idle := func() {}
	if req.timeout > 0 {
		timer := time.AfterFunc(req.timeout, func() { cancel(errTimedOut) })
		defer timer.Stop()
		idle = func() { timer.Reset(req.timeout) }
	}

	u, method, body, hasBody := req.u, req.method, req.body, req.hasBody
	for hops := 0; ; hops++ {
		if err := c.checkHost(u.Hostname()); err != nil {
			return nil, err
		}
		hr, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
		if err != nil {
			return nil, urlError("URL malformed")
		}
		hr.Header = req.headers.Clone()
		setDefault(hr.Header, "User-Agent", userAgent)
		setDefault(hr.Header, "Accept-Charset", "UTF-8")
		if hasBody {
			setDefault(hr.Header, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			// A fresh reader per hop: redirects that keep the method resend it.
			hr.Body, hr.ContentLength = http.NoBody, int64(len(body))
			if len(body) > 0 {
				hr.Body = io.NopCloser(bytes.NewReader(body))
			}
		}
		resp, err := c.transport.RoundTrip(hr)
		if err != nil {
			return nil, failureReason(ctx, err)
		}
		if next := redirectTarget(req, resp, u, hops); next != nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusSeeOther && method != "HEAD" {
				method, body, hasBody = "GET", nil, false
			}
			u = next
			idle()
			continue
		}
		data, err := readBody(resp, c.lim.HTTPMaxDownload, idle)
		resp.Body.Close()
		if err != nil {
			return nil, failureReason(ctx, err)
		}
		return newResponse(resp, data, req.binary), nil
	}
}

func setDefault(h http.Header, name, value string) {
	if h.Get(name) == "" {
		h.Set(name, value)
	}
}

// redirectTarget is where a response redirects to under CC:Tweaked's rules
// (301, 302, 303, 305, 307 with a usable http(s) Location, at most 16
// times), or nil when it is the answer itself.
func redirectTarget(req *request, resp *http.Response, cur *url.URL, hops int) *url.URL {
	if !req.redirect || hops >= maxRedirects {
		return nil
	}
	switch resp.StatusCode {
	case 301, 302, 303, 305, 307:
	default:
		return nil
	}
	loc := resp.Header.Get("Location")
	if loc == "" {
		return nil
	}
	next, err := cur.Parse(loc)
	if err != nil || (next.Scheme != "http" && next.Scheme != "https") || next.Hostname() == "" {
		return nil
	}
	return next
}

// readBody buffers the body, refusing it past limit bytes (by its declared
// length when it has one, by what actually arrives otherwise).
func readBody(resp *http.Response, limit int64, progress func()) ([]byte, error) {
	if limit > 0 && resp.ContentLength > limit {
		return nil, errTooLarge
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength))
	}
	chunk := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(chunk)
		if n > 0 {
			if limit > 0 && int64(buf.Len()+n) > limit {
				return nil, errTooLarge
			}
			buf.Write(chunk[:n])
			progress()
		}
		if err == io.EOF {
			return buf.Bytes(), nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// failureReason turns a transport error into the text the program sees.
func failureReason(ctx context.Context, err error) error {
	var (
		dnsErr   *net.DNSError
		hdrErr   tls.RecordHeaderError
		certErr  *tls.CertificateVerificationError
		alertErr tls.AlertError
		authErr  x509.UnknownAuthorityError
		hostErr  x509.HostnameError
		netErr   net.Error
		urlErr   urlError
	)
	switch {
	case errors.Is(context.Cause(ctx), errTimedOut):
		return errTimedOut
	case errors.As(err, &urlErr):
		return urlErr
	case errors.Is(err, errTooLarge):
		return errTooLarge
	case errors.Is(err, errBlocked):
		return errBlocked
	case errors.As(err, &dnsErr):
		return errors.New("Unknown host")
	case errors.As(err, &hdrErr), errors.As(err, &certErr), errors.As(err, &alertErr),
		errors.As(err, &authErr), errors.As(err, &hostErr):
		return errors.New("Could not create a secure connection")
	case errors.As(err, &netErr) && netErr.Timeout():
		return errTimedOut
	case strings.Contains(err.Error(), "malformed HTTP"):
		return errors.New("Malformed response")
	case errors.Is(err, syscall.ECONNREFUSED):
		return errors.New("Could not connect")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		return errors.New("Connection closed")
	}
	return errors.New("Could not connect")
}

// CheckURL is the native checkURL / checkURLAsync: false and a reason for a
// malformed URL at once, else true and later http_check(url, ok, reason)
// from the allow/deny rules on the host as written. The name is not looked
// up: a well-formed domain passes offline, and what it resolves to is
// checked when a request dials it.
func (c *client) CheckURL(a vm.Args) int {
	s := a.String(1)
	u, err := parseHTTPURL(s)
	if err != nil {
		return a.Return(lua.LFalse, lua.LString(err.Error()))
	}
	c.mu.Lock()
	if c.checks >= c.lim.HTTPMaxQueued {
		c.mu.Unlock()
		a.Fail("Too many ongoing checkUrl calls")
	}
	c.checks++
	c.mu.Unlock()
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		err := c.checkHost(u.Hostname())
		c.mu.Lock()
		c.checks--
		c.mu.Unlock()
		if c.host.Ctx.Err() != nil {
			return
		}
		if err != nil {
			c.push("http_check", s, false, err.Error())
		} else {
			c.push("http_check", s, true, nil)
		}
	}()
	return a.Return(lua.LTrue)
}
