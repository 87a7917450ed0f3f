package http

import (
	"bufio"
	"strings"
	"testing"
)

// headBlock takes the request head waiting in the reader, names as sent,
// and nothing when the head is not all there.
func TestHeadBlock(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"GET / HTTP/1.1\r\nx-One: 1\r\n\r\nbody", "GET / HTTP/1.1\r\nx-One: 1\r\n\r\n"},
		{"\r\n\r\nGET /lf HTTP/1.1\nbare-lf: yes\n\nGET", "GET /lf HTTP/1.1\nbare-lf: yes\n\n"},
		{"GET / HTTP/1.1\r\nx-One: 1\r\n", ""},
	} {
		br := bufio.NewReader(strings.NewReader(c.in))
		if _, err := br.Peek(1); err != nil {
			t.Fatal(err)
		}
		if got := string(headBlock(br)); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseHeaderBlock(t *testing.T) {
	block := []byte("GET /x?y HTTP/1.1\r\nA: 1\r\nfolded: a\r\n  b\r\nA: 2\r\nempty:\r\n\r\n")
	h := parseHeaderFields(block)
	if h["A"] != "2" || h["folded"] != "a b" || h["empty"] != "" || len(h) != 3 {
		t.Fatalf("got %v", h)
	}
}
