package lstring

import (
	"math"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// The strings string.rep, gsub and format build are checked against the
// computer's memory limit (L.CheckAlloc, "not enough memory" as PUC raises
// when malloc fails) rather than a fixed cap.

// lib carries the per-state configuration captured by Open.
type lib struct {
	interrupt func(*lua.LState)
}

// Open replaces string.find, match, gmatch, gsub, rep and format in the
// already-opened string table, and the global tostring, with Lua 5.2
// compatible versions, and points the string metatable's __index at the
// string table so method calls use them. interrupt, if not nil, is called
// every few thousand pattern-matching steps and may abort the match by
// raising a Lua error (L.RaiseError / L.Error).
func Open(L *lua.LState, interrupt func(L *lua.LState)) {
	lb := &lib{interrupt: interrupt}
	st, ok := L.GetGlobal("string").(*lua.LTable)
	if !ok {
		st = L.NewTable()
		L.SetGlobal("string", st)
	}
	gmatch := L.NewFunction(lb.gmatch)
	for name, fn := range map[string]lua.LValue{
		"find":   L.NewFunction(lb.find),
		"match":  L.NewFunction(lb.match),
		"gmatch": gmatch,
		"gsub":   L.NewFunction(lb.gsub),
		"rep":    L.NewFunction(strRep),
		"char":   L.NewFunction(strChar),
		// Lua 5.3's, which CC:Tweaked has (pack.go)
		"pack":     L.NewFunction(strPack),
		"unpack":   L.NewFunction(strUnpack),
		"packsize": L.NewFunction(strPackSize),
		"format":   L.NewFunction(strFormat),
	} {
		st.RawSetString(name, fn)
	}
	if st.RawGetString("gfind") != lua.LNil {
		st.RawSetString("gfind", gmatch) // keep gopher-lua's alias consistent
	}
	L.SetGlobal("tostring", L.NewFunction(baseToString))

	mt, ok := L.GetMetatable(lua.LString("")).(*lua.LTable)
	if !ok {
		mt = L.NewTable()
		L.SetMetatable(lua.LString(""), mt)
	}
	mt.RawSetString("__index", st)
}

// ---- tostring ----

// toLValue is luaL_tolstring as used by tostring: a __tostring result is
// returned as is (Lua 5.2 does not check it), anything else as text.
func toLValue(L *lua.LState, v lua.LValue) lua.LValue {
	if mm := L.GetMetaField(v, "__tostring"); mm != lua.LNil {
		L.Push(mm)
		L.Push(v)
		L.Call(1, 1)
		r := L.Get(-1)
		L.Pop(1)
		return r
	}
	if s, ok := v.(lua.LString); ok {
		return s
	}
	return lua.LString(L.NamedString(v)) // "MyType: 0x..." with a __name
}

// toLString is luaL_tolstring as used by string.format("%s"): a
// __tostring result that is not a string or number reaches sprintf as a
// NULL pointer, which glibc prints as "(null)".
func toLString(L *lua.LState, v lua.LValue) string {
	switch r := toLValue(L, v).(type) {
	case lua.LString:
		return string(r)
	case lua.LNumber:
		return FormatNumber(float64(r))
	}
	return "(null)"
}

func baseToString(L *lua.LState) int {
	if L.GetTop() < 1 {
		luaarg.ArgError(L, 1, "_G.tostring", "value expected")
	}
	L.Push(toLValue(L, L.Get(1)))
	return 1
}

// ---- find / match / gmatch / gsub ----

func (lb *lib) newMatcher(L *lua.LState, src, pat string) *matcher {
	return &matcher{L: L, src: src, pat: pat, budget: checkEvery, interrupt: lb.interrupt}
}

// pushOneCapture pushes capture i; s,e is the whole match, used when the
// pattern has no captures.
func (m *matcher) pushOneCapture(i, s, e int) {
	m.L.Push(m.getOneCapture(i, s, e))
}

func (m *matcher) getOneCapture(i, s, e int) lua.LValue {
	if i >= m.level {
		if i != 0 {
			m.error("invalid capture index")
		}
		return lua.LString(m.src[s:e])
	}
	c := m.capture[i]
	switch c.len {
	case capUnfinished:
		m.error("unfinished capture")
	case capPosition:
		return lua.LNumber(c.init + 1)
	}
	return lua.LString(m.src[c.init : c.init+c.len])
}

// pushCaptures pushes all captures (or the whole match when whole is set
// and there are none) and returns how many it pushed.
func (m *matcher) pushCaptures(s, e int, whole bool) int {
	n := m.level
	if n == 0 && whole {
		n = 1
	}
	for i := 0; i < n; i++ {
		m.pushOneCapture(i, s, e)
	}
	return n
}

// posrelat turns a relative string position into an absolute one.
func posrelat(pos int64, l int) int64 {
	if pos >= 0 {
		return pos
	}
	if -pos > int64(l) {
		return 0
	}
	return int64(l) + pos + 1
}

// noSpecials reports whether p contains no pattern magic characters.
func noSpecials(p string) bool {
	return !strings.ContainsAny(p, "^$*+?.([%-")
}

func (lb *lib) find(L *lua.LState) int  { return lb.findAux(L, true) }
func (lb *lib) match(L *lua.LState) int { return lb.findAux(L, false) }

func (lb *lib) findAux(L *lua.LState, find bool) int {
	def := "string.match"
	if find {
		def = "string.find"
	}
	s := luaarg.CheckString(L, 1, def)
	p := luaarg.CheckString(L, 2, def)
	init := posrelat(luaarg.OptInteger(L, 3, def, 1), len(s))
	if init < 1 {
		init = 1
	} else if init > int64(len(s))+1 {
		L.Push(lua.LNil)
		return 1
	}
	if find && (lua.LVAsBool(L.Get(4)) || noSpecials(p)) {
		if i := strings.Index(s[init-1:], p); i >= 0 {
			st := int(init) + i
			L.Push(lua.LNumber(st))
			L.Push(lua.LNumber(st + len(p) - 1))
			return 2
		}
	} else {
		anchor := len(p) > 0 && p[0] == '^'
		if anchor {
			p = p[1:]
		}
		m := lb.newMatcher(L, s, p)
		for s1 := int(init) - 1; s1 <= len(s); s1++ {
			m.reset()
			if e := m.match(s1, 0); e >= 0 {
				if find {
					L.Push(lua.LNumber(s1 + 1))
					L.Push(lua.LNumber(e))
					return m.pushCaptures(-1, -1, false) + 2
				}
				return m.pushCaptures(s1, e, true)
			}
			if anchor {
				break
			}
		}
	}
	L.Push(lua.LNil)
	return 1
}

func (lb *lib) gmatch(L *lua.LState) int {
	s := luaarg.CheckString(L, 1, "string.gmatch")
	p := luaarg.CheckString(L, 2, "string.gmatch")
	pos := 0 // where the next search starts; lives in the iterator closure
	L.Push(L.NewFunction(func(L *lua.LState) int {
		m := lb.newMatcher(L, s, p)
		for src := pos; src <= len(s); src++ {
			m.reset()
			if e := m.match(src, 0); e >= 0 {
				pos = e
				if e == src {
					pos++ // empty match: advance at least one position
				}
				return m.pushCaptures(src, e, true)
			}
		}
		return 0
	}))
	return 1
}

func (lb *lib) gsub(L *lua.LState) int {
	const def = "string.gsub"
	src := luaarg.CheckString(L, 1, def)
	p := luaarg.CheckString(L, 2, def)
	repl := L.Get(3)
	tr := repl.Type()
	maxS := luaarg.OptInteger(L, 4, def, int64(len(src))+1)
	if maxS < 0 {
		maxS = math.MaxInt64 // PUC stores it in a size_t
	}
	if tr != lua.LTNumber && tr != lua.LTString && tr != lua.LTFunction && tr != lua.LTTable {
		luaarg.ArgError(L, 3, def, "string/function/table expected")
	}
	var replStr string
	if tr == lua.LTString || tr == lua.LTNumber {
		replStr = ToString(repl)
	}
	anchor := len(p) > 0 && p[0] == '^'
	if anchor {
		p = p[1:]
	}
	m := lb.newMatcher(L, src, p)
	b := make([]byte, 0, len(src))
	checked := cap(b)
	s := 0
	var n int64
	for n < maxS {
		m.reset()
		e := m.match(s, 0)
		if e >= 0 {
			n++
			switch tr {
			case lua.LTString, lua.LTNumber:
				b = m.addString(b, replStr, s, e)
			default:
				b = m.addValue(b, repl, s, e)
			}
		}
		if cap(b) > checked { // it grew: one growth step past the limit at most
			checked = cap(b)
			L.CheckAlloc(int64(checked))
		}
		if e >= 0 && e > s {
			s = e
		} else if s < len(src) {
			b = append(b, src[s])
			s++
		} else {
			break
		}
		if anchor {
			break
		}
	}
	b = append(b, src[s:]...)
	L.Push(lua.LString(b))
	L.Push(lua.LNumber(n))
	return 2
}

// addString expands a replacement string with %0-%9 and %%. Like Lua 5.1
// and CC:Tweaked's Cobalt (whose own ROM relies on it: require.lua's
// gsub(sep, "%.", "%%%.")), a % before any other character writes that
// character; Lua 5.2 raises an error there. Only a trailing % is an error.
func (m *matcher) addString(b []byte, news string, s, e int) []byte {
	for i := 0; i < len(news); i++ {
		c := news[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		i++
		var d byte
		if i < len(news) {
			d = news[i]
		}
		switch {
		case d == '%':
			b = append(b, '%')
		case i >= len(news):
			m.error("invalid use of '%' in replacement string")
		case d < '0' || d > '9':
			b = append(b, d)
		case d == '0':
			b = append(b, m.src[s:e]...)
		default:
			b = append(b, ToString(m.getOneCapture(int(d-'1'), s, e))...)
		}
	}
	return b
}

// addValue appends the result of a table or function replacement.
func (m *matcher) addValue(b []byte, repl lua.LValue, s, e int) []byte {
	L := m.L
	var v lua.LValue
	if repl.Type() == lua.LTFunction {
		L.Push(repl)
		n := m.pushCaptures(s, e, true)
		L.Call(n, 1)
		v = L.Get(-1)
		L.Pop(1)
	} else {
		v = L.GetTable(repl, m.getOneCapture(0, s, e))
	}
	switch x := v.(type) {
	case lua.LString:
		return append(b, x...)
	case lua.LNumber:
		return append(b, FormatNumber(float64(x))...)
	}
	if !lua.LVAsBool(v) {
		return append(b, m.src[s:e]...) // nil/false keeps the original
	}
	m.error("invalid replacement value (a " + v.Type().String() + ")")
	return b
}

// ---- rep ----

func strRep(L *lua.LState) int {
	const def = "string.rep"
	s := luaarg.CheckString(L, 1, def)
	n := int64(int32(luaarg.CheckInteger(L, 2, def))) // luaL_checkint truncates to a C int
	sep := luaarg.OptString(L, 3, def, "")
	if n <= 0 {
		L.Push(lua.LString(""))
		return 1
	}
	unit := int64(len(s) + len(sep))
	if unit == 0 {
		L.Push(lua.LString(""))
		return 1
	}
	if unit > math.MaxInt/n {
		luaarg.RaiseText(L, "resulting string too large") // PUC's size_t overflow
	}
	L.CheckAlloc(unit*n - int64(len(sep)))
	var sb strings.Builder
	sb.Grow(int(unit*n) - len(sep))
	for i := int64(0); i < n; i++ {
		if i > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(s)
	}
	L.Push(lua.LString(sb.String()))
	return 1
}
