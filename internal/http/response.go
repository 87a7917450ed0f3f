package http

import (
	"bytes"
	"net/http"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
)

const errClosedHandle = "attempt to use a closed file"

// Response is the handle http_success / http_failure deliver: the whole body
// buffered (≤ the download limit) so seek works, as in CC:Tweaked. It is
// built on the request's goroutine and only touched by Lua after delivery.
type Response struct {
	code    int
	phrase  string
	headers map[string]string
	body    []byte
	pos     int
	binary  bool
	closed  bool
}

// newResponse captures a finished response. Repeated headers are joined
// with "," as CraftOS does; names are Go's canonical form.
func newResponse(r *http.Response, body []byte, binary bool) *Response {
	h := make(map[string]string, len(r.Header))
	for name, vals := range r.Header {
		h[name] = strings.Join(vals, ",")
	}
	return &Response{code: r.StatusCode, phrase: reasonPhrase(r), headers: h, body: body, binary: binary}
}

// reasonPhrase is the server's own phrase ("404 Whatever" → "Whatever"),
// falling back to the standard one when the server sent none.
func reasonPhrase(r *http.Response) string {
	_, phrase, _ := strings.Cut(r.Status, " ")
	if phrase == "" {
		phrase = http.StatusText(r.StatusCode)
	}
	return phrase
}

// LuaValue builds the handle's table (dot-call functions).
func (r *Response) LuaValue(L *lua.LState) lua.LValue { return vm.HandleTable(L, r) }

func (r *Response) check(a vm.Args) {
	if r.closed {
		a.Fail(errClosedHandle)
	}
}

func (r *Response) remaining() []byte {
	if r.pos >= len(r.body) {
		return nil
	}
	return r.body[r.pos:]
}

// Read is read([count]): one byte (a number in binary mode, a 1-char string
// otherwise) or up to count bytes; nil at the end.
func (r *Response) Read(a vm.Args) int {
	r.check(a)
	rest := r.remaining()
	if a.Value(1) == lua.LNil {
		if len(rest) == 0 {
			return a.Return(lua.LNil)
		}
		r.pos++
		if r.binary {
			return a.Return(lua.LNumber(rest[0]))
		}
		return a.Return(lua.LString(rest[:1]))
	}
	n := a.Int(1)
	if n < 0 {
		a.Fail("Cannot read a negative number of bytes")
	}
	if len(rest) == 0 {
		return a.Return(lua.LNil)
	}
	n = min(n, len(rest))
	r.pos += n
	return a.Return(lua.LString(rest[:n]))
}

// ReadLine is readLine([withTrailing]): the next line without "\n" (a
// trailing "\r" dropped too) or with "\n" kept; nil at the end.
func (r *Response) ReadLine(a vm.Args) int {
	r.check(a)
	keep := a.OptBool(1, false)
	rest := r.remaining()
	if len(rest) == 0 {
		return a.Return(lua.LNil)
	}
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		r.pos += len(rest)
		return a.Return(lua.LString(rest))
	}
	r.pos += i + 1
	if keep {
		return a.Return(lua.LString(rest[:i+1]))
	}
	return a.Return(lua.LString(bytes.TrimSuffix(rest[:i], []byte("\r"))))
}

// ReadAll is the rest of the body; "" at the end (CC:Tweaked).
func (r *Response) ReadAll(a vm.Args) int {
	r.check(a)
	rest := r.remaining()
	r.pos += len(rest)
	return a.Return(lua.LString(rest))
}

// Seek is seek([whence [, offset]]) over the buffered body.
func (r *Response) Seek(a vm.Args) int {
	r.check(a)
	whence := a.OptString(1, "cur")
	off := a.OptInt(2, 0)
	var base int
	switch whence {
	case "set":
	case "cur":
		base = r.pos
	case "end":
		base = len(r.body)
	default:
		a.Fail("bad argument #1 to 'seek' (invalid option '%s')", whence)
	}
	if base+off < 0 {
		return a.Return(lua.LNil, lua.LString("Position is negative"))
	}
	r.pos = base + off
	return a.Return(lua.LNumber(r.pos))
}

// GetResponseCode returns the status code and the reason phrase.
func (r *Response) GetResponseCode(a vm.Args) int {
	r.check(a)
	return a.Return(lua.LNumber(r.code), lua.LString(r.phrase))
}

// GetResponseHeaders returns a fresh table name → value.
func (r *Response) GetResponseHeaders(a vm.Args) int {
	r.check(a)
	return a.Return(vm.ToLua(a.L, r.headers))
}

// Close frees the body; a second close raises, as CC:Tweaked's does.
func (r *Response) Close(a vm.Args) int {
	r.check(a)
	r.closed = true
	r.body = nil
	return 0
}
