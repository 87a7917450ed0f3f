package vm

import (
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// openUTF8 installs Lua 5.3's utf8 library, which CraftOS provides.
func (m *Machine) openUTF8() {
	t := m.L.NewTable()
	t.RawSetString("charpattern", lua.LString("[\x00-\x7F\xC2-\xF4][\x80-\xBF]*"))
	m.setFuncs(t, map[string]lua.LGFunction{
		"char":      utf8Char,
		"codepoint": utf8Codepoint,
		"len":       utf8Len,
		"offset":    utf8Offset,
		"codes":     utf8Codes,
	})
	m.L.SetGlobal("utf8", t)
}

func utf8Char(L *lua.LState) int {
	var b strings.Builder
	for i := 1; i <= L.GetTop(); i++ {
		c := luaarg.CheckNumber(L, i, "char")
		if c < 0 || c > 0x7FFFFFFF {
			luaarg.ArgError(L, i, "char", "value out of range")
		}
		b.Write(utf8Encode(uint32(c)))
	}
	L.Push(lua.LString(b.String()))
	return 1
}

// decode reads one UTF-8 sequence (up to 0x7FFFFFFF, as Lua 5.3 accepts) at
// s[i:], returning the code point and its length, or ok=false.
func decode(s string, i int) (rune int64, size int, ok bool) {
	c := s[i]
	if c < 0x80 {
		return int64(c), 1, true
	}
	if c < 0xC0 {
		return 0, 0, false
	}
	n := 0
	for mask := byte(0x40); c&mask != 0; mask >>= 1 {
		n++
	}
	if n > 5 {
		return 0, 0, false
	}
	res := int64(c & (0x3F >> uint(n)))
	for k := 1; k <= n; k++ {
		if i+k >= len(s) {
			return 0, 0, false
		}
		cc := s[i+k]
		if cc&0xC0 != 0x80 {
			return 0, 0, false
		}
		res = res<<6 | int64(cc&0x3F)
	}
	limits := []int64{0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000}
	if res < limits[n] {
		return 0, 0, false // overlong
	}
	return res, n + 1, true
}

// posrelat converts a Lua position (negative counts from the end).
func posrelat(pos, n int) int {
	if pos >= 0 {
		return pos
	}
	if -pos > n {
		return 0
	}
	return n + pos + 1
}

func utf8Codepoint(L *lua.LState) int {
	s := luaarg.CheckString(L, 1, "codepoint")
	i := posrelat(int(luaarg.OptNumber(L, 2, "codepoint", 1)), len(s))
	j := posrelat(int(luaarg.OptNumber(L, 3, "codepoint", float64(i))), len(s))
	if i < 1 {
		luaarg.ArgError(L, 2, "codepoint", "out of range")
	}
	if j > len(s) {
		luaarg.ArgError(L, 3, "codepoint", "out of range")
	}
	count := 0
	for p := i - 1; p < j; {
		r, size, ok := decode(s, p)
		if !ok {
			luaarg.Raise(L, "invalid UTF-8 code")
		}
		L.Push(lua.LNumber(r))
		count++
		p += size
	}
	return count
}

func utf8Len(L *lua.LState) int {
	s := luaarg.CheckString(L, 1, "len")
	i := posrelat(int(luaarg.OptNumber(L, 2, "len", 1)), len(s))
	j := posrelat(int(luaarg.OptNumber(L, 3, "len", -1)), len(s))
	if i < 1 || i > len(s)+1 {
		luaarg.ArgError(L, 2, "len", "initial position out of string")
	}
	if j > len(s) {
		luaarg.ArgError(L, 3, "len", "final position out of string")
	}
	n := 0
	for p := i - 1; p < j; {
		_, size, ok := decode(s, p)
		if !ok {
			L.Push(lua.LNil)
			L.Push(lua.LNumber(p + 1))
			return 2
		}
		p += size
		n++
	}
	L.Push(lua.LNumber(n))
	return 1
}

func isCont(s string, p int) bool { return p < len(s) && s[p]&0xC0 == 0x80 }

func utf8Offset(L *lua.LState) int {
	s := luaarg.CheckString(L, 1, "offset")
	n := int(luaarg.CheckNumber(L, 2, "offset"))
	def := 1
	if n < 0 {
		def = len(s) + 1
	}
	i := posrelat(int(luaarg.OptNumber(L, 3, "offset", float64(def))), len(s))
	if i < 1 || i > len(s)+1 {
		luaarg.ArgError(L, 3, "offset", "position out of range")
	}
	p := i - 1
	if n == 0 {
		for p > 0 && isCont(s, p) {
			p--
		}
		L.Push(lua.LNumber(p + 1))
		return 1
	}
	if isCont(s, p) {
		luaarg.Raise(L, "initial position is a continuation byte")
	}
	if n < 0 {
		for n < 0 && p > 0 {
			p--
			for p > 0 && isCont(s, p) {
				p--
			}
			n++
		}
	} else {
		n--
		for n > 0 && p < len(s) {
			p++
			for isCont(s, p) {
				p++
			}
			n--
		}
	}
	if n == 0 {
		L.Push(lua.LNumber(p + 1))
	} else {
		L.Push(lua.LNil)
	}
	return 1
}

func utf8Codes(L *lua.LState) int {
	s := luaarg.CheckString(L, 1, "codes")
	L.Push(L.NewFunction(func(L *lua.LState) int {
		p := int(L.CheckNumber(2)) // previous byte position (1-based), 0 at start
		if p > 0 {
			_, size, ok := decode(s, p-1)
			if !ok {
				size = 1
			}
			p += size
		} else {
			p = 1
		}
		if p > len(s) {
			return 0
		}
		r, _, ok := decode(s, p-1)
		if !ok {
			luaarg.Raise(L, "invalid UTF-8 code")
		}
		L.Push(lua.LNumber(p))
		L.Push(lua.LNumber(r))
		return 2
	}))
	L.Push(lua.LString(s))
	L.Push(lua.LNumber(0))
	return 3
}
