package world

import (
	"bytes"
	"io"
	"sync"
)

// mux shares one plain output stream between the computers of a world:
// each computer's lines carry its prefix ("[2] "), and a line one computer
// left unfinished is ended before another computer writes, so lines never
// mix.
type mux struct {
	mu   sync.Mutex
	w    io.Writer
	last *prefixed // the writer of the unfinished line, when mid
	mid  bool
}

// prefixed is one computer's writer into a mux.
type prefixed struct {
	m      *mux
	prefix string
}

func (m *mux) writer(prefix string) *prefixed { return &prefixed{m: m, prefix: prefix} }

func (p *prefixed) Write(b []byte) (int, error) {
	m := p.m
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []byte
	if m.mid && m.last != p {
		out = append(out, '\n')
		m.mid = false
	}
	rest := b
	for len(rest) > 0 {
		if !m.mid {
			out = append(out, p.prefix...)
			m.mid = true
		}
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			out = append(out, rest...)
			break
		}
		out = append(out, rest[:i+1]...)
		rest = rest[i+1:]
		m.mid = false
	}
	m.last = p
	if _, err := m.w.Write(out); err != nil {
		return 0, err
	}
	return len(b), nil
}
