package lstring

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

const (
	maxCaptures = 32  // LUA_MAXCAPTURES
	maxDepth    = 200 // MAXCCALLS: recursion limit before "pattern too complex"
	checkEvery  = 4096

	capUnfinished = -1
	capPosition   = -2
)

type capture struct {
	init, len int
}

// matcher holds the state of one pattern match (PUC's MatchState).
// Positions are byte offsets into src and pat; -1 means "no match".
type matcher struct {
	L         *lua.LState
	src, pat  string
	level     int
	depth     int
	budget    int
	interrupt func(*lua.LState)
	capture   [maxCaptures]capture
}

func (m *matcher) reset() {
	m.level = 0
	m.depth = maxDepth
}

// tick spends one step; every checkEvery steps it lets the host abort the
// match (the callback raises a Lua error, unwinding through us).
func (m *matcher) tick() {
	m.budget--
	if m.budget <= 0 {
		m.poll()
	}
}

func (m *matcher) poll() {
	m.budget = checkEvery
	if m.interrupt != nil {
		m.interrupt(m.L)
	}
}

func (m *matcher) error(msg string) {
	luaarg.RaiseText(m.L, msg)
}

// patAt returns the pattern byte at i, or 0 past the end (C's terminator).
func (m *matcher) patAt(i int) byte {
	if i < len(m.pat) {
		return m.pat[i]
	}
	return 0
}

func (m *matcher) srcAt(i int) byte {
	if i < len(m.src) {
		return m.src[i]
	}
	return 0
}

func (m *matcher) classEnd(p int) int {
	c := m.pat[p]
	p++
	switch c {
	case '%':
		if p >= len(m.pat) {
			m.error("malformed pattern (ends with '%')")
		}
		return p + 1
	case '[':
		if m.patAt(p) == '^' {
			p++
		}
		for {
			// Look for a ']' (the first one after '[' or '[^' is literal).
			if p >= len(m.pat) {
				m.error("malformed pattern (missing ']')")
			}
			c := m.pat[p]
			p++
			if c == '%' && p < len(m.pat) {
				p++
			}
			if m.patAt(p) == ']' {
				break
			}
		}
		return p + 1
	}
	return p
}

// Character classes of the C locale, one bit per class letter.
const (
	clAlpha = 1 << iota
	clCntrl
	clDigit
	clGraph
	clLower
	clPunct
	clSpace
	clUpper
	clXdigit
)

var ctype = func() (t [256]uint16) {
	for c := 0; c < 256; c++ {
		var v uint16
		switch {
		case c >= 'a' && c <= 'z':
			v |= clAlpha | clLower | clGraph
		case c >= 'A' && c <= 'Z':
			v |= clAlpha | clUpper | clGraph
		case c >= '0' && c <= '9':
			v |= clDigit | clGraph
		case c > 32 && c < 127:
			v |= clPunct | clGraph
		}
		if c < 32 || c == 127 {
			v |= clCntrl
		}
		if c == ' ' || (c >= '\t' && c <= '\r') {
			v |= clSpace
		}
		if (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') {
			v |= clXdigit
		}
		t[c] = v
	}
	return
}()

// matchClass reports whether c belongs to class letter cl (%a, %D, ...).
func matchClass(c, cl byte) bool {
	var res bool
	switch cl | 0x20 {
	case 'a':
		res = ctype[c]&clAlpha != 0
	case 'c':
		res = ctype[c]&clCntrl != 0
	case 'd':
		res = ctype[c]&clDigit != 0
	case 'g':
		res = ctype[c]&clGraph != 0
	case 'l':
		res = ctype[c]&clLower != 0
	case 'p':
		res = ctype[c]&clPunct != 0
	case 's':
		res = ctype[c]&clSpace != 0
	case 'u':
		res = ctype[c]&clUpper != 0
	case 'w':
		res = ctype[c]&(clAlpha|clDigit) != 0
	case 'x':
		res = ctype[c]&clXdigit != 0
	case 'z': // deprecated in 5.2 but still accepted
		res = c == 0
	default:
		return cl == c
	}
	if ctype[cl]&clUpper != 0 {
		return !res
	}
	return res
}

// matchBracketClass tests c against the set at pat[p] ('[') .. pat[ec] (']').
func (m *matcher) matchBracketClass(c byte, p, ec int) bool {
	sig := true
	if m.pat[p+1] == '^' {
		sig = false
		p++
	}
	for p++; p < ec; p++ {
		if m.pat[p] == '%' {
			p++
			if matchClass(c, m.pat[p]) {
				return sig
			}
		} else if m.pat[p+1] == '-' && p+2 < ec {
			p += 2
			if m.pat[p-2] <= c && c <= m.pat[p] {
				return sig
			}
		} else if m.pat[p] == c {
			return sig
		}
	}
	return !sig
}

func (m *matcher) singleMatch(s, p, ep int) bool {
	if s >= len(m.src) {
		return false
	}
	c := m.src[s]
	switch m.pat[p] {
	case '.':
		return true
	case '%':
		return matchClass(c, m.pat[p+1])
	case '[':
		return m.matchBracketClass(c, p, ep-1)
	}
	return m.pat[p] == c
}

func (m *matcher) matchBalance(s, p int) int {
	if p+1 >= len(m.pat) {
		m.error("malformed pattern (missing arguments to '%b')")
	}
	if s >= len(m.src) || m.src[s] != m.pat[p] {
		return -1
	}
	b, e := m.pat[p], m.pat[p+1]
	cont := 1
	for s++; s < len(m.src); s++ {
		m.tick()
		c := m.src[s]
		if c == e {
			cont--
			if cont == 0 {
				return s + 1
			}
		} else if c == b {
			cont++
		}
	}
	return -1
}

func (m *matcher) maxExpand(s, p, ep int) int {
	i := 0
	for m.singleMatch(s+i, p, ep) {
		i++
	}
	m.budget -= i >> 4 // long scans count too, cheaply
	for ; i >= 0; i-- {
		if r := m.match(s+i, ep+1); r >= 0 {
			return r
		}
	}
	return -1
}

func (m *matcher) minExpand(s, p, ep int) int {
	for {
		if r := m.match(s, ep+1); r >= 0 {
			return r
		}
		if !m.singleMatch(s, p, ep) {
			return -1
		}
		s++
	}
}

func (m *matcher) startCapture(s, p, what int) int {
	if m.level >= maxCaptures {
		m.error("too many captures")
	}
	m.capture[m.level] = capture{s, what}
	m.level++
	r := m.match(s, p)
	if r < 0 {
		m.level--
	}
	return r
}

func (m *matcher) endCapture(s, p int) int {
	l := m.captureToClose()
	m.capture[l].len = s - m.capture[l].init
	r := m.match(s, p)
	if r < 0 {
		m.capture[l].len = capUnfinished
	}
	return r
}

func (m *matcher) captureToClose() int {
	for l := m.level - 1; l >= 0; l-- {
		if m.capture[l].len == capUnfinished {
			return l
		}
	}
	m.error("invalid pattern capture")
	return 0
}

func (m *matcher) checkCapture(c byte) int {
	l := int(c) - '1'
	if l < 0 || l >= m.level || m.capture[l].len == capUnfinished {
		m.error("invalid capture index %" + itoa(l+1))
	}
	return l
}

func (m *matcher) matchCapture(s int, c byte) int {
	l := m.checkCapture(c)
	cp := m.capture[l]
	if cp.len < 0 { // a position capture never matches text
		return -1
	}
	if len(m.src)-s >= cp.len && m.src[cp.init:cp.init+cp.len] == m.src[s:s+cp.len] {
		return s + cp.len
	}
	return -1
}

// match tries to match pat[p:] at src[s:], returning the end of the match
// or -1. It mirrors PUC's recursion structure so that depth limits and
// error conditions come out the same.
func (m *matcher) match(s, p int) int {
	m.depth--
	if m.depth < 0 {
		m.error("pattern too complex")
	}
	m.budget--
	if m.budget <= 0 {
		m.poll()
	}
	for p < len(m.pat) {
		switch m.pat[p] {
		case '(':
			if m.patAt(p+1) == ')' {
				s = m.startCapture(s, p+2, capPosition)
			} else {
				s = m.startCapture(s, p+1, capUnfinished)
			}
			goto done
		case ')':
			s = m.endCapture(s, p+1)
			goto done
		case '$':
			if p+1 == len(m.pat) {
				if s != len(m.src) {
					s = -1
				}
				goto done
			}
		case '%':
			switch c := m.patAt(p + 1); {
			case c == 'b':
				s = m.matchBalance(s, p+2)
				if s >= 0 {
					p += 4
					continue
				}
				goto done
			case c == 'f':
				p += 2
				if m.patAt(p) != '[' {
					m.error("missing '[' after '%f' in pattern")
				}
				ep := m.classEnd(p)
				var prev byte
				if s > 0 {
					prev = m.src[s-1]
				}
				if !m.matchBracketClass(prev, p, ep-1) && m.matchBracketClass(m.srcAt(s), p, ep-1) {
					p = ep
					continue
				}
				s = -1
				goto done
			case c >= '0' && c <= '9':
				s = m.matchCapture(s, c)
				if s >= 0 {
					p += 2
					continue
				}
				goto done
			}
		}
		// Default: a single-character class, possibly with a repetition.
		ep := m.classEnd(p)
		epc := m.patAt(ep)
		if !m.singleMatch(s, p, ep) {
			if epc == '*' || epc == '?' || epc == '-' {
				p = ep + 1
				continue
			}
			s = -1
			goto done
		}
		switch epc {
		case '?':
			if r := m.match(s+1, ep+1); r >= 0 {
				s = r
				goto done
			}
			p = ep + 1
			continue
		case '+':
			s = m.maxExpand(s+1, p, ep)
		case '*':
			s = m.maxExpand(s, p, ep)
		case '-':
			s = m.minExpand(s, p, ep)
		default:
			s++
			p = ep
			continue
		}
		goto done
	}
done:
	m.depth++
	return s
}

func itoa(i int) string {
	if i >= 0 && i < 10 {
		return string(rune('0' + i))
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var b [20]byte
	n := len(b)
	for i > 0 || n == len(b) {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}
