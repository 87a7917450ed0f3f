package http

import (
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// The header recorder must find every request's block whatever the read
// boundaries are, skipping Content-Length and chunked bodies.
func TestHeaderParserSplits(t *testing.T) {
	stream := "\r\nGET /1 HTTP/1.1\r\nHost: a\r\nx-One: 1\r\n\r\n" +
		"POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 24\r\n\r\nGET /fake HTTP/1.1\r\n\r\nab" +
		"PUT /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nGET \r\n1a;x=y\r\n/fake HTTP/1.1\r\nFoo: 1\r\n\r\n\r\n0\r\nT: 1\r\n\r\n" +
		"GET /4 HTTP/1.1\nbare-lf: yes\n\n"
	want := []struct{ method, target, header, value string }{
		{"GET", "/1", "x-One", "1"},
		{"POST", "/2", "Content-Length", "24"},
		{"PUT", "/3", "Transfer-Encoding", "chunked"},
		{"GET", "/4", "bare-lf", "yes"},
	}
	for _, size := range []int{1, 2, 3, 7, 16, 4096} {
		c := &headerConn{}
		c.p.max = 1 << 16
		for i := 0; i < len(stream); i += size {
			c.p.feed([]byte(stream[i:min(i+size, len(stream))]))
		}
		for _, w := range want {
			b := c.blockFor(w.method, w.target)
			if h := parseHeaderFields(b); b == nil || h[w.header] != w.value {
				t.Fatalf("read size %d: %s %s: %q %v (state %d)", size, w.method, w.target, b, h, c.p.state)
			}
		}
		if c.blockFor("GET", "/none") != nil {
			t.Fatalf("read size %d: extra block", size)
		}
	}
}

func TestHeaderParserLimits(t *testing.T) {
	c := &headerConn{}
	c.p.max = 64
	c.p.feed([]byte("GET / HTTP/1.1\r\nX: " + strings.Repeat("a", 100) + "\r\n\r\n"))
	if c.p.state != stBroken {
		t.Fatalf("oversized block not given up: state %d", c.p.state)
	}
	if c.blockFor("GET", "/") != nil {
		t.Fatal("oversized block recorded")
	}
	c = &headerConn{}
	c.p.max = 1024
	c.p.feed([]byte("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"))
	if c.p.state != stBroken {
		t.Fatalf("bad length accepted: state %d", c.p.state)
	}
}

func TestParseHeaderBlock(t *testing.T) {
	block := []byte("GET /x?y HTTP/1.1\r\nA: 1\r\nfolded: a\r\n  b\r\nA: 2\r\nempty:\r\n\r\n")
	h := parseHeaderFields(block)
	if h["A"] != "2" || h["folded"] != "a b" || h["empty"] != "" || len(h) != 3 {
		t.Fatalf("got %v", h)
	}
	for _, c := range []struct {
		method, target string
		want           bool
	}{{"GET", "/x?y", true}, {"GET", "/x", false}, {"GET", "/x?yy", false}, {"POST", "/x?y", false}, {"GET", "/x?y HTTP/1.1\r\nA: 1\r\nfolded: a\r\n  b\r\nA: 2\r\nempty:\r\n\r\n", false}} {
		if got := matchRequestLine(block, c.method, c.target); got != c.want {
			t.Errorf("match %s %q: %v", c.method, c.target, got)
		}
	}
}

// The held background read ends on a past deadline or Close, also when
// the deadline came before the read began; a later deadline clears it.
func TestBackgroundReadEnds(t *testing.T) {
	var r backgroundRead
	past := time.Now().Add(-time.Hour)

	r.deadline(past) // before the read begins
	if _, err := r.wait(); err != errReadAborted {
		t.Fatalf("early deadline: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := r.wait(); done <- err }()
	time.Sleep(10 * time.Millisecond)
	r.deadline(time.Time{}) // not an end
	select {
	case err := <-done:
		t.Fatalf("zero deadline ended the read: %v", err)
	case <-time.After(20 * time.Millisecond):
	}
	r.deadline(past)
	if err := <-done; err != errReadAborted {
		t.Fatalf("deadline while waiting: %v", err)
	}
	var ne net.Error
	if !errors.As(errReadAborted, &ne) || !ne.Timeout() {
		t.Fatal("net/http ignores only a timeout from an aborted read")
	}

	go func() { _, err := r.wait(); done <- err }()
	time.Sleep(10 * time.Millisecond)
	r.cancel(net.ErrClosed)
	if err := <-done; err != net.ErrClosed {
		t.Fatalf("close while waiting: %v", err)
	}
	if _, err := r.wait(); err != net.ErrClosed {
		t.Fatalf("read after close: %v", err)
	}
	r.deadline(time.Time{})
	if _, err := r.wait(); err != net.ErrClosed {
		t.Fatalf("a deadline reopened a closed connection: %v", err)
	}
}
