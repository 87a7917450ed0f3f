package http

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/coder/websocket"
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
	"github.com/craftos/craftos/internal/ws"
)

// parseWSURL checks a WebSocket URL as CC:Tweaked does: a URL without a
// scheme (or one that only parses as scheme:opaque, like "host:8080")
// means ws://.
func parseWSURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if (err != nil || u.Hostname() == "") && !strings.Contains(s, "://") {
		if u2, err2 := url.Parse("ws://" + s); err2 == nil && u2.Hostname() != "" {
			u, err = u2, nil
		}
	}
	if err != nil || u.Hostname() == "" {
		return nil, urlError("URL malformed")
	}
	if u.Scheme = strings.ToLower(u.Scheme); u.Scheme != "ws" && u.Scheme != "wss" {
		return nil, urlError(fmt.Sprintf("Invalid scheme '%s'", u.Scheme))
	}
	return u, nil
}

// Websocket is the native http.websocket(url [, headers]) or
// http.websocket{url=, headers=, timeout=}: true, then websocket_success
// (url, handle) or websocket_failure(url, reason); false and a reason for a
// URL it cannot use. The handle is internal/ws's, shared with the server.
func (c *client) Websocket(a vm.Args) int {
	timeout := c.lim.HTTPTimeout
	var rawURL string
	var hdrs *lua.LTable
	if t, ok := a.Value(1).(*lua.LTable); ok {
		rawURL = fieldString(a, t, "url", false)
		hdrs = fieldTable(a, t, "headers")
		timeout = fieldTimeout(a, t, timeout)
	} else {
		rawURL = a.String(1)
		hdrs = a.OptTable(2)
	}
	u, err := parseWSURL(rawURL)
	if err != nil {
		return a.Return(lua.LFalse, lua.LString(err.Error()))
	}
	headers, err := headersFrom(hdrs)
	if err != nil {
		return a.Return(lua.LFalse, lua.LString(err.Error()))
	}
	setDefault(headers, "User-Agent", userAgent)
	setDefault(headers, "Accept-Charset", "UTF-8")

	c.mu.Lock()
	open := c.sockets
	if c.serverSockets != nil {
		open += c.serverSockets()
	}
	if open >= c.lim.MaxWebSockets {
		c.mu.Unlock()
		a.Fail("Too many websockets already open")
	}
	c.sockets++
	c.mu.Unlock()
	c.host.Hold() // released with the slot, in socketDone
	c.wg.Add(1)
	go c.dialWebsocket(rawURL, u, headers, timeout)
	return a.Return(lua.LTrue)
}

// socketDone gives back a WebSocket slot.
func (c *client) socketDone() {
	c.mu.Lock()
	c.sockets--
	c.mu.Unlock()
	c.host.Release()
}

// dialWebsocket does the handshake on its own goroutine and reports it.
func (c *client) dialWebsocket(key string, u *url.URL, headers http.Header, timeout time.Duration) {
	defer c.wg.Done()
	ctx, cancel := context.WithCancelCause(c.host.Ctx)
	defer cancel(nil)
	if timeout > 0 {
		t := time.AfterFunc(timeout, func() { cancel(errTimedOut) })
		defer t.Stop()
	}
	conn, err := c.handshake(ctx, u, headers)
	if err != nil {
		if c.host.Ctx.Err() == nil {
			c.push("websocket_failure", key, err.Error())
		}
		c.socketDone() // after the event: the computer is held until it is queued
		return
	}
	h := ws.NewHandle(conn, ws.HandleConfig{
		Host:         c.host,
		Group:        c.group,
		MessageEvent: "websocket_message",
		ClosedEvent:  "websocket_closed",
		Key:          key,
		MaxMessage:   c.lim.MaxWebSocketMessage,
		OnDone:       c.socketDone,
	})
	c.push("websocket_success", key, h)
	h.Start()
}

// handshake connects, applying the address rules to the URL, any redirect
// and the dialled addresses; errors are the reasons the program sees.
func (c *client) handshake(ctx context.Context, u *url.URL, headers http.Header) (*websocket.Conn, error) {
	if err := c.checkHost(u.Hostname()); err != nil {
		return nil, err
	}
	// A transport of its own, so the connection's inbound bytes can be
	// watched for frames declaring more than the message limit.
	tr := c.wsTransport()
	defer tr.CloseIdleConnections()
	hc := &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return errors.New("Too many redirects")
			}
			return c.checkHost(req.URL.Hostname())
		},
	}
	conn, resp, err := websocket.Dial(ctx, u.String(), &websocket.DialOptions{HTTPClient: hc, HTTPHeader: headers})
	if err == nil {
		return conn, nil
	}
	if ctx.Err() == nil && resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
		return nil, fmt.Errorf("Invalid handshake response: %d %s", resp.StatusCode, reasonPhrase(resp))
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) && urlErr.Err != nil && strings.HasPrefix(urlErr.Err.Error(), "Too many redirects") {
		return nil, urlErr.Err
	}
	return nil, failureReason(ctx, err)
}

// wsTransport dials like the http.request transport (the address rules at
// dial time) and watches the WebSocket frames the server sends, so a frame
// declaring more than the message limit is refused at its header.
func (c *client) wsTransport() *http.Transport {
	limit := c.lim.MaxWebSocketMessage
	return &http.Transport{
		Proxy: nil, // a proxy would bypass the address rules
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := c.dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return ws.WatchConn(conn, ws.NewFrameWatch(limit)), nil
		},
		DialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := c.dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			host, _, _ := net.SplitHostPort(addr)
			tc := tls.Client(conn, &tls.Config{ServerName: host})
			if err := tc.HandshakeContext(ctx); err != nil {
				conn.Close()
				return nil, err
			}
			return ws.WatchConn(tc, ws.NewFrameWatch(limit)), nil
		},
		TLSHandshakeTimeout: c.lim.HTTPTimeout,
		DisableKeepAlives:   true,
		DisableCompression:  true,
	}
}
