package vm

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// DisplayName turns a Lua chunk name into the name errors show, as PUC Lua's
// luaO_chunkid does (LUA_IDSIZE 60): "=name" loses its prefix, "@file" too
// (long paths keep their end), source text becomes [string "first line..."].
func DisplayName(chunk string) string {
	const idSize = 60
	switch {
	case strings.HasPrefix(chunk, "="):
		if len(chunk) > idSize {
			return chunk[1:idSize]
		}
		return chunk[1:]
	case strings.HasPrefix(chunk, "@"):
		if len(chunk) > idSize {
			return "..." + chunk[len(chunk)-(idSize-1-3):]
		}
		return chunk[1:]
	}
	const room = idSize - len(`[string "..."]`) - 1
	line, _, multiLine := strings.Cut(chunk, "\n")
	if !multiLine && len(line) < room {
		return `[string "` + line + `"]`
	}
	if len(line) > room {
		line = line[:room]
	}
	return `[string "` + line + `..."]`
}

var (
	syntaxAt    = regexp.MustCompile(`^(.*) line:(\d+)\(column:\d+\) near '(.*)':\s+(.*?)\s*$`)
	syntaxAtEOF = regexp.MustCompile(`^(.*) at EOF:\s+(.*?)\s*$`)
	compileErr  = regexp.MustCompile(`^compile error near line\((\d+)\) (.*?): (.*)$`)
)

// pucMessages maps gopher-lua's parser messages to PUC Lua's.
var pucMessages = map[string]string{
	"syntax error":                  "unexpected symbol",
	"parse error":                   "syntax error",
	"unterminated string":           "unfinished string",
	"unterminated multiline string": "unfinished long string",
}

func pucMessage(msg string) string {
	if m, ok := pucMessages[msg]; ok {
		return m
	}
	return msg
}

// Load compiles src as a chunk named chunkname (a PUC chunk name: "@file",
// "=name" or source text) after rewriting Lua 5.2/5.3 escapes gopher-lua's
// lexer lacks. Syntax errors read "name:line: message", as in CraftOS.
func (m *Machine) Load(src, chunkname string) (*lua.LFunction, error) {
	proto, err := sharedProto(src, chunkname)
	if proto == nil && err == nil {
		proto, err = compile(src, chunkname)
	}
	if err != nil {
		return nil, err
	}
	return m.L.NewFunctionFromProto(proto), nil
}

// compile turns a chunk into a function prototype.
func compile(src, chunkname string) (*lua.FunctionProto, error) {
	name := DisplayName(chunkname)
	rewritten, err := rewriteEscapes(src)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %s", name, err.line, err.msg)
	}
	chunk, perr := parse.Parse(strings.NewReader(rewritten), name)
	if perr != nil {
		return nil, fmt.Errorf("%s", syntaxMessage(perr, src, name))
	}
	rewriteChunk(chunk)
	proto, cerr := lua.Compile(chunk, name)
	if cerr != nil {
		return nil, fmt.Errorf("%s", syntaxMessage(cerr, src, name))
	}
	return proto, nil
}

func syntaxMessage(err error, src, name string) string {
	text := err.Error()
	if ae, ok := err.(*lua.ApiError); ok {
		text = ae.Object.String()
	}
	text = strings.TrimSpace(text)
	if g := syntaxAt.FindStringSubmatch(text); g != nil {
		msg := pucMessage(g[4])
		if msg == "unfinished string" {
			// gopher-lua reports the line after the break; PUC names the
			// string's own line and shows the text with its opening quote.
			line, _ := strconv.Atoi(g[2])
			if line > 1 {
				line--
			}
			q := "\""
			if lines := strings.Split(src, "\n"); line <= len(lines) && strings.Contains(lines[line-1], "'"+g[3]) {
				q = "'"
			}
			return fmt.Sprintf("%s:%d: %s near '%s%s'", name, line, msg, q, g[3])
		}
		return fmt.Sprintf("%s:%s: %s near '%s'", name, g[2], msg, g[3])
	}
	if g := syntaxAtEOF.FindStringSubmatch(text); g != nil {
		line := strings.Count(src, "\n") + 1
		return fmt.Sprintf("%s:%d: %s near <eof>", name, line, pucMessage(g[2]))
	}
	if g := compileErr.FindStringSubmatch(text); g != nil {
		if g[3] == "no loop to break" {
			return fmt.Sprintf("%s:%s: <break> at line %s not inside a loop", name, g[1], g[1])
		}
		return fmt.Sprintf("%s:%s: %s", name, g[1], g[3])
	}
	return text
}

type escapeError struct {
	line int
	msg  string
}

// rewriteEscapes rewrites \xXX, \z and \u{XXX} inside short strings into
// escapes gopher-lua understands (\ddd), leaving comments, long strings and
// line numbers intact. A \z that swallows newlines closes the string and
// continues it on the later line as a parenthesised concatenation, so every
// line keeps its number.
func rewriteEscapes(src string) (string, *escapeError) {
	if !strings.Contains(src, `\`) {
		return src, nil
	}
	var b strings.Builder
	b.Grow(len(src))
	line := 1
	i := 0
	n := len(src)
	for i < n {
		c := src[i]
		switch {
		case c == '\n':
			line++
			b.WriteByte(c)
			i++
		case c == '-' && i+1 < n && src[i+1] == '-':
			// comment: long or to end of line
			j := i + 2
			if lvl, ok := longBracket(src, j); ok {
				end := findLongEnd(src, j+lvl+2, lvl)
				line += strings.Count(src[i:end], "\n")
				b.WriteString(src[i:end])
				i = end
				continue
			}
			for j < n && src[j] != '\n' {
				j++
			}
			b.WriteString(src[i:j])
			i = j
		case c == '[':
			if lvl, ok := longBracket(src, i); ok {
				end := findLongEnd(src, i+lvl+2, lvl)
				line += strings.Count(src[i:end], "\n")
				b.WriteString(src[i:end])
				i = end
				continue
			}
			b.WriteByte(c)
			i++
		case c == '"' || c == '\'':
			j, l, err := rewriteShortString(src, i, line, &b)
			if err != nil {
				return "", err
			}
			line = l
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

// longBracket reports whether src[i:] opens a long bracket and its level.
func longBracket(src string, i int) (int, bool) {
	if i >= len(src) || src[i] != '[' {
		return 0, false
	}
	j := i + 1
	for j < len(src) && src[j] == '=' {
		j++
	}
	if j < len(src) && src[j] == '[' {
		return j - i - 1, true
	}
	return 0, false
}

func findLongEnd(src string, from, lvl int) int {
	closer := "]" + strings.Repeat("=", lvl) + "]"
	k := strings.Index(src[from:], closer)
	if k < 0 {
		return len(src) // unterminated: the parser reports it
	}
	return from + k + len(closer)
}

func rewriteShortString(src string, i, line int, b *strings.Builder) (int, int, *escapeError) {
	q := src[i]
	startPos := b.Len()
	b.WriteByte(q)
	j := i + 1
	n := len(src)
	open := false // inside a "(" ... ".." continuation opened by \z
	for j < n {
		c := src[j]
		if c == q {
			b.WriteByte(c)
			j++
			if open {
				b.WriteByte(')')
			}
			return j, line, nil
		}
		if c == '\n' {
			// unfinished string: let the parser report it
			if open {
				b.WriteByte(')')
			}
			return j, line, nil
		}
		if c != '\\' || j+1 >= n {
			b.WriteByte(c)
			j++
			continue
		}
		e := src[j+1]
		switch {
		case e == 'x':
			if j+3 < n && isHex(src[j+2]) && isHex(src[j+3]) {
				v, _ := strconv.ParseUint(src[j+2:j+4], 16, 8)
				fmt.Fprintf(b, `\%03d`, v)
				j += 4
				continue
			}
			return 0, 0, &escapeError{line, `hexadecimal digit expected near '` + string(q) + src[i+1:min(j+4, n)] + `'`}
		case e == 'z':
			k := j + 2
			nl := 0
			for k < n && (src[k] == ' ' || src[k] == '\t' || src[k] == '\n' || src[k] == '\r' || src[k] == '\f' || src[k] == '\v') {
				if src[k] == '\n' {
					nl++
				}
				k++
			}
			if nl > 0 {
				// close the string, keep the newlines, reopen it
				if !open {
					// wrap the whole literal: rewrite what we wrote so far
					s := b.String()
					b.Reset()
					b.WriteString(s[:startPos])
					b.WriteByte('(')
					b.WriteString(s[startPos:])
					open = true
				}
				b.WriteByte(q)
				b.WriteString("..")
				b.WriteString(strings.Repeat("\n", nl))
				b.WriteByte(q)
				line += nl
			}
			j = k
		case e == 'u':
			k := j + 2
			if k < n && src[k] == '{' {
				end := strings.IndexByte(src[k:], '}')
				if end > 1 {
					v, err := strconv.ParseUint(src[k+1:k+end], 16, 32)
					if err == nil && v <= 0x7FFFFFFF {
						for _, by := range utf8Encode(uint32(v)) {
							fmt.Fprintf(b, `\%03d`, by)
						}
						j = k + end + 1
						continue
					}
				}
			}
			return 0, 0, &escapeError{line, "missing '{' in \\u{xxxx}"}
		case e == '\n':
			b.WriteString("\\\n")
			line++
			j += 2
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
			j += 2
		}
	}
	if open {
		b.WriteByte(')')
	}
	return j, line, nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
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
