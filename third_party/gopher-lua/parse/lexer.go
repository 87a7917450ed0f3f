package parse

// craftos: the lexer is a port of PUC Lua 5.2's llex.c, replacing
// gopher-lua's: decimal numerals with leading zeros are decimal, hex floats
// and exponents, "malformed number near '3..2'", \v \f \r as whitespace, the
// escapes \x \z \ddd (and 5.3's \u{XXX}) with PUC's error texts, and every
// error worded and placed as luaX_syntaxerror does ("near 'tok'", the line
// the lexer is on).

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

const eoz = -1 // end of input, as llex.c's EOZ

// Token kinds: single characters stand for themselves, the others start at
// 257 in llex.c's order (luaX_tokens).
const (
	tkAnd = iota + 257
	tkBreak
	tkDo
	tkElse
	tkElseif
	tkEnd
	tkFalse
	tkFor
	tkFunction
	tkGoto
	tkIf
	tkIn
	tkLocal
	tkNil
	tkNot
	tkOr
	tkRepeat
	tkReturn
	tkThen
	tkTrue
	tkUntil
	tkWhile
	tkConcat
	tkDots
	tkEq
	tkGe
	tkLe
	tkNe
	tkDbColon
	tkEOS
	tkNumber
	tkName
	tkString
)

var tokenNames = [...]string{
	"and", "break", "do", "else", "elseif",
	"end", "false", "for", "function", "goto", "if",
	"in", "local", "nil", "not", "or", "repeat",
	"return", "then", "true", "until", "while",
	"..", "...", "==", ">=", "<=", "~=", "::", "<eof>",
	"<number>", "<name>", "<string>",
}

var reserved = func() map[string]int {
	m := map[string]int{}
	for i := tkAnd; i <= tkWhile; i++ {
		m[tokenNames[i-tkAnd]] = i
	}
	return m
}()

// token is one lexical token.
type token struct {
	tok  int
	str  string  // name or string value
	num  float64 // number value
	raw  string  // the text PUC's error messages show (its lexer buffer)
	line int     // line where the token starts (for the AST)
	// craftos: the byte column (from 1) where the token starts, for the
	// per-instruction column table behind debug.getinfo's currentcolumn
	// (Cobalt's extension, read by CC:Tweaked's error reports).
	col int
}

// Error is a syntax error, worded as PUC Lua 5.2 words it:
// "chunkname:line: message near 'token'".
type Error struct {
	Source  string
	Line    int
	Message string // with its "near ..." part
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Message) }

// errInterrupted is raised when the interrupt callback asks to stop.
type errInterrupted struct{}

// lexer is llex.c's LexState, reading from a string.
type lexer struct {
	src        string
	pos        int // index of the byte after current
	current    int
	linenumber int
	lastline   int
	lineStart  int    // craftos: offset of the current line's first byte (columns)
	source     string // chunk name as errors show it
	t          token
	lookahead  token
	buf        []byte
	ntokens    int
	interrupt  func() bool
}

func newLexer(src, source string, interrupt func() bool) *lexer {
	lx := &lexer{src: src, linenumber: 1, lastline: 1, source: source, interrupt: interrupt}
	lx.lookahead.tok = tkEOS
	lx.next()
	return lx
}

func (lx *lexer) next() {
	if lx.pos < len(lx.src) {
		lx.current = int(lx.src[lx.pos])
		lx.pos++
	} else {
		lx.current = eoz
		lx.pos = len(lx.src) + 1
	}
}

func (lx *lexer) save(c int)          { lx.buf = append(lx.buf, byte(c)) }
func (lx *lexer) saveAndNext()        { lx.save(lx.current); lx.next() }
func (lx *lexer) currIsNewline() bool { return lx.current == '\n' || lx.current == '\r' }

func isAlpha(c int) bool  { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c int) bool  { return '0' <= c && c <= '9' }
func isAlnum(c int) bool  { return isAlpha(c) || isDigit(c) }
func isXDigit(c int) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
func isSpace(c int) bool  { return c == ' ' || '\t' <= c && c <= '\r' }

// token2str is luaX_token2str.
func token2str(tok int) string {
	if tok < 257 {
		if tok >= 32 && tok < 127 {
			return "'" + string(rune(tok)) + "'"
		}
		return fmt.Sprintf("char(%d)", tok)
	}
	s := tokenNames[tok-tkAnd]
	if tok < tkEOS {
		return "'" + s + "'"
	}
	return s
}

// txtToken is llex.c's txtToken: names, strings and numerals show their text.
func txtToken(t *token) string {
	switch t.tok {
	case tkName, tkString, tkNumber:
		raw := t.raw
		if i := strings.IndexByte(raw, 0); i >= 0 { // %s stops at a NUL
			raw = raw[:i]
		}
		return "'" + raw + "'"
	}
	return token2str(t.tok)
}

// lexError is llex.c's lexerror: near is the token shown, nil for none.
func (lx *lexer) lexError(msg string, near *token) {
	if near != nil {
		msg = msg + " near " + txtToken(near)
	}
	panic(&Error{Source: lx.source, Line: lx.linenumber, Message: msg})
}

// lexErrorBuf reports an error near the text read so far (the lexer buffer).
func (lx *lexer) lexErrorBuf(msg string, tok int) {
	if tok == tkEOS {
		lx.lexError(msg, &token{tok: tkEOS})
	}
	lx.lexError(msg, &token{tok: tok, raw: string(lx.buf)})
}

func (lx *lexer) syntaxError(msg string) { lx.lexError(msg, &lx.t) }

func (lx *lexer) inclinenumber() {
	old := lx.current
	lx.next() // skip '\n' or '\r'
	if lx.currIsNewline() && lx.current != old {
		lx.next() // skip '\n\r' or '\r\n'
	}
	lx.linenumber++
	lx.lineStart = lx.pos - 1 // craftos: columns count from the line's start
	if lx.linenumber >= math.MaxInt32 {
		lx.syntaxError("chunk has too many lines")
	}
}

// advance is luaX_next.
func (lx *lexer) advance() {
	lx.lastline = lx.linenumber
	if lx.interrupt != nil {
		lx.ntokens++
		if lx.ntokens&1023 == 0 && lx.interrupt() {
			panic(errInterrupted{})
		}
	}
	if lx.lookahead.tok != tkEOS {
		lx.t = lx.lookahead
		lx.lookahead = token{tok: tkEOS}
	} else {
		lx.t = lx.llex()
	}
}

func (lx *lexer) peek() int {
	lx.lookahead = lx.llex()
	return lx.lookahead.tok
}

// skipSep reads a long bracket's '='s: their count if [=*[ or ]=*], else
// -count-1.
func (lx *lexer) skipSep() int {
	count := 0
	s := lx.current
	lx.saveAndNext()
	for lx.current == '=' {
		lx.saveAndNext()
		count++
	}
	if lx.current == s {
		return count
	}
	return -count - 1
}

func (lx *lexer) readLongString(isString bool, sep int) string {
	lx.saveAndNext() // skip 2nd '['
	if lx.currIsNewline() {
		lx.inclinenumber()
	}
	for {
		switch lx.current {
		case eoz:
			if isString {
				lx.lexErrorBuf("unfinished long string", tkEOS)
			}
			lx.lexErrorBuf("unfinished long comment", tkEOS)
		case ']':
			if lx.skipSep() == sep {
				lx.saveAndNext() // skip 2nd ']'
				if !isString {
					return ""
				}
				return string(lx.buf[2+sep : len(lx.buf)-2-sep])
			}
		case '\n', '\r':
			lx.save('\n')
			lx.inclinenumber()
			if !isString {
				lx.buf = lx.buf[:0] // comments need no text
			}
		default:
			if isString {
				lx.saveAndNext()
			} else {
				// skip a comment's text in one go
				i := lx.pos - 1
				for i < len(lx.src) {
					c := lx.src[i]
					if c == ']' || c == '\n' || c == '\r' {
						break
					}
					i++
				}
				lx.pos = i
				lx.next()
			}
		}
	}
}

func (lx *lexer) escError(c []int, msg string) {
	lx.buf = lx.buf[:0]
	lx.save('\\')
	for _, ch := range c {
		if ch == eoz {
			break
		}
		lx.save(ch)
	}
	lx.lexErrorBuf(msg, tkString)
}

func hexValue(c int) int {
	switch {
	case isDigit(c):
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

func (lx *lexer) readHexaEsc() int {
	c := []int{'x'}
	r := 0
	for i := 1; i < 3; i++ {
		lx.next()
		c = append(c, lx.current)
		if !isXDigit(lx.current) {
			lx.escError(c, "hexadecimal digit expected")
		}
		r = r<<4 + hexValue(lx.current)
	}
	return r
}

func (lx *lexer) readDecEsc() int {
	var c []int
	r := 0
	for i := 0; i < 3 && isDigit(lx.current); i++ {
		c = append(c, lx.current)
		r = 10*r + lx.current - '0'
		lx.next()
	}
	if r > 255 {
		lx.escError(c, "decimal escape too large")
	}
	return r
}

// readUTF8Esc reads Lua 5.3's \u{XXX} (CraftOS accepts it), with 5.3's texts.
func (lx *lexer) readUTF8Esc() {
	c := []int{'u'}
	lx.next()
	c = append(c, lx.current)
	if lx.current != '{' {
		lx.escError(c, "missing '{'")
	}
	lx.next()
	c = append(c, lx.current)
	if !isXDigit(lx.current) {
		lx.escError(c, "hexadecimal digit expected")
	}
	var r uint64
	for isXDigit(lx.current) {
		r = r<<4 + uint64(hexValue(lx.current))
		if r > 0x7FFFFFFF {
			lx.escError(c, "UTF-8 value too large")
		}
		lx.next()
		c = append(c, lx.current)
	}
	if lx.current != '}' {
		lx.escError(c, "missing '}'")
	}
	lx.next()
	lx.buf = append(lx.buf, utf8Encode(uint32(r))...)
}

// utf8Encode encodes v as Lua 5.3's \u{} does (up to 6 bytes, 2^31).
func utf8Encode(v uint32) []byte {
	if v < 0x80 {
		return []byte{byte(v)}
	}
	var buf [8]byte
	n := 0
	limit := uint32(0x3f)
	for v > limit {
		buf[7-n] = byte(0x80 | (v & 0x3f))
		n++
		v >>= 6
		limit >>= 1
	}
	buf[7-n] = byte((^limit << 1) | v)
	n++
	return buf[8-n:]
}

func (lx *lexer) readString(del int) string {
	lx.saveAndNext() // keep the delimiter for error messages
	for lx.current != del {
		switch lx.current {
		case eoz:
			lx.lexErrorBuf("unfinished string", tkEOS)
		case '\n', '\r':
			lx.lexErrorBuf("unfinished string", tkString)
		case '\\':
			var c int
			lx.next() // do not save the '\'
			switch lx.current {
			case 'a':
				c = '\a'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'v':
				c = '\v'
			case 'x':
				c = lx.readHexaEsc()
			case '\n', '\r':
				lx.inclinenumber()
				lx.save('\n')
				continue
			case '\\', '"', '\'':
				c = lx.current
			case eoz:
				continue // raises "unfinished string" next round
			case 'z':
				lx.next()
				for isSpace(lx.current) {
					if lx.currIsNewline() {
						lx.inclinenumber()
					} else {
						lx.next()
					}
				}
				continue
			case 'u':
				lx.readUTF8Esc()
				continue
			default:
				if !isDigit(lx.current) {
					lx.escError([]int{lx.current}, "invalid escape sequence")
				}
				lx.save(lx.readDecEsc())
				continue
			}
			lx.next()
			lx.save(c)
		default:
			// copy a run of plain characters at once
			i := lx.pos - 1
			for i < len(lx.src) {
				c := lx.src[i]
				if c == byte(del) || c == '\\' || c == '\n' || c == '\r' {
					break
				}
				i++
			}
			lx.buf = append(lx.buf, lx.src[lx.pos-1:i]...)
			lx.pos = i
			lx.next()
		}
	}
	lx.saveAndNext() // skip the delimiter
	return string(lx.buf[1 : len(lx.buf)-1])
}

func (lx *lexer) checkNext2(set string) bool {
	if lx.current >= 0 && strings.IndexByte(set, byte(lx.current)) >= 0 {
		lx.saveAndNext()
		return true
	}
	return false
}

// readNumeral is llex.c's read_numeral: it takes every hex digit, '.' and
// exponent sign, then converts as luaO_str2d.
func (lx *lexer) readNumeral(t *token) {
	expo := "Ee"
	first := lx.current
	lx.saveAndNext()
	if first == '0' && lx.checkNext2("Xx") {
		expo = "Pp"
	}
	for {
		if lx.checkNext2(expo) {
			lx.checkNext2("+-")
		}
		if isXDigit(lx.current) || lx.current == '.' {
			lx.saveAndNext()
		} else {
			break
		}
	}
	t.raw = string(lx.buf)
	v, ok := str2d(t.raw)
	if !ok {
		lx.lexError("malformed number", &token{tok: tkNumber, raw: t.raw})
	}
	t.num = v
}

// str2d converts a numeral as luaO_str2d (a copy of craftos's
// luaarg.ParseNumber, which this package cannot import).
func str2d(s string) (float64, bool) {
	if s == "" || strings.ContainsAny(s, "nN") {
		return 0, false
	}
	if strings.ContainsAny(s, "xX") {
		return hex2d(s)
	}
	for k := 0; k < len(s); k++ {
		// ParseFloat accepts '_' and other oddities that strtod does not.
		c := s[k]
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// hex2d reads 0x hexdigits [. hexdigits] [p [sign] digits] by accumulating
// into a double, as Lua 5.2 does (no integer wrap-around).
func hex2d(s string) (float64, bool) {
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return 0, false
	}
	s = s[2:]
	var m float64
	exp := 0
	any := false
	i := 0
	for ; i < len(s) && isXDigit(int(s[i])); i++ {
		m = m*16 + float64(hexValue(int(s[i])))
		any = true
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && isXDigit(int(s[i])); i++ {
			m = m*16 + float64(hexValue(int(s[i])))
			exp -= 4
			any = true
		}
	}
	if !any {
		return 0, false
	}
	if i < len(s) && (s[i] == 'p' || s[i] == 'P') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i >= len(s) {
			return 0, false
		}
		e := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if e < 100000 {
				e = e*10 + int(s[i]-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != len(s) {
		return 0, false
	}
	return math.Ldexp(m, exp), true
}

// llex scans the next token.
func (lx *lexer) llex() token {
	lx.buf = lx.buf[:0]
	for {
		t := token{line: lx.linenumber, col: lx.pos - lx.lineStart} // craftos: col
		switch c := lx.current; c {
		case '\n', '\r':
			lx.inclinenumber()
			continue
		case ' ', '\f', '\t', '\v':
			lx.next()
			continue
		case '-':
			lx.next()
			if lx.current != '-' {
				t.tok = '-'
				return t
			}
			// a comment
			lx.next()
			if lx.current == '[' {
				sep := lx.skipSep()
				lx.buf = lx.buf[:0]
				if sep >= 0 {
					lx.readLongString(false, sep)
					lx.buf = lx.buf[:0]
					continue
				}
			}
			for !lx.currIsNewline() && lx.current != eoz {
				lx.next()
			}
			continue
		case '[':
			sep := lx.skipSep()
			if sep >= 0 {
				t.tok = tkString
				t.str = lx.readLongString(true, sep)
				t.raw = string(lx.buf)
				return t
			} else if sep != -1 {
				lx.lexErrorBuf("invalid long string delimiter", tkString)
			}
			t.tok = '['
			return t
		case '=':
			lx.next()
			t.tok = '='
			if lx.current == '=' {
				lx.next()
				t.tok = tkEq
			}
			return t
		case '<':
			lx.next()
			t.tok = '<'
			if lx.current == '=' {
				lx.next()
				t.tok = tkLe
			}
			return t
		case '>':
			lx.next()
			t.tok = '>'
			if lx.current == '=' {
				lx.next()
				t.tok = tkGe
			}
			return t
		case '~':
			lx.next()
			t.tok = '~'
			if lx.current == '=' {
				lx.next()
				t.tok = tkNe
			}
			return t
		case ':':
			lx.next()
			t.tok = ':'
			if lx.current == ':' {
				lx.next()
				t.tok = tkDbColon
			}
			return t
		case '"', '\'':
			t.tok = tkString
			t.str = lx.readString(c)
			t.raw = string(lx.buf)
			return t
		case '.':
			lx.saveAndNext()
			if lx.current == '.' {
				lx.next()
				if lx.current == '.' {
					lx.next()
					t.tok = tkDots
					return t
				}
				t.tok = tkConcat
				return t
			}
			if !isDigit(lx.current) {
				t.tok = '.'
				return t
			}
			t.tok = tkNumber
			lx.readNumeral(&t)
			return t
		case eoz:
			t.tok = tkEOS
			return t
		default:
			if isDigit(c) {
				t.tok = tkNumber
				lx.readNumeral(&t)
				return t
			}
			if isAlpha(c) {
				start := lx.pos - 1
				for isAlnum(lx.current) {
					lx.next()
				}
				name := lx.src[start : lx.pos-1]
				if lx.current == eoz {
					name = lx.src[start:]
				}
				if r, ok := reserved[name]; ok {
					t.tok = r
					return t
				}
				t.tok = tkName
				t.str = name
				t.raw = name
				return t
			}
			lx.next()
			t.tok = c
			return t
		}
	}
}
