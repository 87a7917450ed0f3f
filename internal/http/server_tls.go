package http

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"

	"github.com/craftos/craftos/internal/computer"
)

// serverTLS loads Limits.TLSCertFile/TLSKeyFile: nil when neither is set.
// The pair is read once, when the computer starts, so a bad file stops it
// at once rather than at the first http.listen.
func serverTLS(lim computer.Limits) (*tls.Config, error) {
	if lim.TLSCertFile == "" && lim.TLSKeyFile == "" {
		return nil, nil
	}
	if lim.TLSCertFile == "" || lim.TLSKeyFile == "" {
		return nil, errors.New("TLS needs both a certificate and a key (--http-tls-cert and --http-tls-key)")
	}
	cert, err := tls.LoadX509KeyPair(lim.TLSCertFile, lim.TLSKeyFile)
	if err != nil {
		return nil, fmt.Errorf("TLS certificate: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// listenerTLS is the TLS configuration of one port: HTTP ports offer
// HTTP/2, WebSocket ports only HTTP/1.1 (the upgrade needs it).
func listenerTLS(base *tls.Config, http2 bool) *tls.Config {
	if base == nil {
		return nil
	}
	c := base.Clone()
	c.NextProtos = []string{"http/1.1"}
	if http2 {
		c.NextProtos = []string{"h2", "http/1.1"}
	}
	return c
}

// plainConn is the connection under a TLS one: the *headerConn the
// listener accepted, which net/http only sees wrapped (it must get the
// *tls.Conn itself to speak TLS and HTTP/2).
func plainConn(c net.Conn) (*headerConn, bool) {
	if tc, ok := c.(*tls.Conn); ok {
		c = tc.NetConn()
	}
	hc, ok := c.(*headerConn)
	return hc, ok
}
