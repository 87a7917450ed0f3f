package vm

import (
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/lstring"
	"github.com/craftos/craftos/internal/luaarg"
)

// openLibs opens the Lua libraries CraftOS gives every computer and adds the
// Lua 5.2 surface gopher-lua lacks. os, io and package are left to the
// computer and the ROM, as in CraftOS.
func (m *Machine) openLibs() {
	L := m.L
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
		{lua.DebugLibName, lua.OpenDebug},
	} {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	g := L.G.Global
	for _, name := range []string{"dofile", "loadfile", "print", "module", "require", "newproxy", "_printregs"} {
		g.RawSetString(name, lua.LNil)
	}
	L.SetGlobal("_VERSION", lua.LString("Lua 5.2"))
	m.setFuncs(g, map[string]lua.LGFunction{
		"load":         m.baseLoad,
		"loadstring":   m.baseLoadString,
		"pcall":        m.basePCall,
		"xpcall":       m.baseXPCall,
		"rawlen":       baseRawLen,
		"tonumber":     baseToNumber,
		"error":        m.baseError,
		"setmetatable": baseSetMetatable,
	})
	m.openBaseFixes(g)

	tbl := g.RawGetString("table").(*lua.LTable)
	m.openTableFixes(tbl)
	g.RawSetString("unpack", tbl.RawGetString("unpack"))

	m.openMathFixes(g.RawGetString("math").(*lua.LTable))

	lstring.Open(L, m.Interrupt)
	// The getter rewritten reads of _ENV call (rewrite.go), reached from
	// the string library through a metatable of its own: pairs(string)
	// lists only string's functions, as in PUC Lua.
	if getfenv, ok := g.RawGetString("getfenv").(*lua.LFunction); ok && getfenv.IsG {
		hidden := L.NewTable()
		hidden.RawSetString(envKey, L.NewFunction(envOfCaller(getfenv.GFunction)))
		mt := L.NewTable()
		mt.RawSetString("__index", hidden)
		L.SetMetatable(g.RawGetString("string"), mt)
	}

	m.identity = L.NewFunction(func(L *lua.LState) int { return 1 })
	dbgTable := g.RawGetString("debug").(*lua.LTable)
	m.openDebug(dbgTable)
	m.openCoroutine()
	m.openBit32()
	m.openUTF8()
}

func (m *Machine) setFuncs(t *lua.LTable, fns map[string]lua.LGFunction) {
	for name, fn := range fns {
		t.RawSetString(name, m.L.NewFunction(fn))
	}
}

// baseLoad is Lua 5.2's load(chunk [, chunkname [, mode [, env]]]), taking a
// string or a reader function.
func (m *Machine) baseLoad(L *lua.LState) int {
	var src, defName string
	switch c := L.Get(1).(type) {
	case lua.LString:
		src, defName = string(c), string(c)
	case lua.LNumber: // lua_tostring converts numbers, as PUC's load does
		src = FormatNumber(float64(c))
		defName = src
	case *lua.LFunction:
		var b strings.Builder
		for {
			// An error in the reader is load's result (nil, msg), as in PUC.
			top := L.GetTop()
			L.Push(c)
			n := m.protectedCall(L, top+1, nil)
			ok, piece := L.Get(top+1) == lua.LTrue, lua.LValue(lua.LNil)
			if n >= 2 {
				piece = L.Get(top + 2)
			}
			L.SetTop(top)
			if !ok {
				L.Push(lua.LNil)
				L.Push(piece)
				return 2
			}
			if piece == lua.LNil {
				break
			}
			s, ok := piece.(lua.LString)
			if !ok {
				L.Push(lua.LNil)
				L.Push(lua.LString("reader function must return a string"))
				return 2
			}
			if s == "" {
				break
			}
			b.WriteString(string(s))
		}
		src, defName = b.String(), "=(load)"
	default:
		luaarg.TypeError(L, 1, "load", "function")
	}
	name := defName
	if v, ok := L.Get(2).(lua.LString); ok {
		name = string(v)
	}
	mode := "bt"
	if v, ok := L.Get(3).(lua.LString); ok {
		mode = string(v)
	}
	return m.pushLoaded(L, src, name, mode, L.Get(4))
}

// baseLoadString is CC's loadstring(s [, name]): a name without "=" or "@"
// is shown as given.
func (m *Machine) baseLoadString(L *lua.LState) int {
	src := luaarg.CheckString(L, 1, "loadstring")
	name := src
	if v, ok := L.Get(2).(lua.LString); ok {
		name = string(v)
		if !strings.HasPrefix(name, "=") && !strings.HasPrefix(name, "@") {
			name = "=" + name
		}
	}
	return m.pushLoaded(L, src, name, "bt", lua.LNil)
}

func (m *Machine) pushLoaded(L *lua.LState, src, name, mode string, env lua.LValue) int {
	binary := strings.HasPrefix(src, "\x1bLua")
	if binary && !strings.Contains(mode, "b") {
		return pushFail(L, "attempt to load a binary chunk (mode is '"+mode+"')")
	}
	if !binary && !strings.Contains(mode, "t") {
		return pushFail(L, "attempt to load a text chunk (mode is '"+mode+"')")
	}
	if binary {
		return pushFail(L, DisplayName(name)+": binary chunks are not supported")
	}
	fn, err := m.LoadIn(L, src, name)
	if err != nil {
		return pushFail(L, err.Error())
	}
	fn.Env = L.G.Global
	if t, ok := env.(*lua.LTable); ok {
		fn.Env = t
	}
	L.Push(fn)
	return 1
}

func pushFail(L *lua.LState, msg string) int {
	L.Push(lua.LNil)
	L.Push(lua.LString(msg))
	return 2
}

// basePCall is pcall, except that the errors that stop a computer or unwind
// a collected coroutine pass through it.
func (m *Machine) basePCall(L *lua.LState) int {
	if L.GetTop() < 1 {
		luaarg.ArgError(L, 1, "pcall", "value expected")
	}
	return m.protectedCall(L, 1, nil)
}

// baseXPCall is Lua 5.2's xpcall(f, handler, ...).
func (m *Machine) baseXPCall(L *lua.LState) int {
	if L.GetTop() < 2 {
		luaarg.ArgError(L, 2, "xpcall", "value expected")
	}
	handler, ok := L.Get(2).(*lua.LFunction)
	if !ok {
		// PUC calls only a function as the handler (luaG_errormsg): an
		// error under any other gives "error in error handling".
		if m.notHandler == nil {
			m.notHandler = L.NewFunction(func(L *lua.LState) int {
				L.Error(lua.LString("error in error handling"), 0)
				return 0
			})
		}
		handler = m.notHandler
	}
	L.Remove(2)
	return m.protectedCall(L, 1, handler)
}

// protectedCall calls the function at index fn with the values above it in
// protected mode. gopher-lua closes every open upvalue of the thread's whole
// call stack when an error is raised outside an error handler, which would
// cut the caller's closures off from its locals. So a Lua function runs on a
// separate thread of the same machine, which confines that to the frames the
// error really unwinds; a Go function has no Lua frames to unwind and runs in
// place under an error handler (which disables the closing), so stack
// inspection such as pcall(debug.getinfo, 3) still sees its callers.
func (m *Machine) protectedCall(L *lua.LState, fn int, handler *lua.LFunction) int {
	callee := L.Get(fn)
	if _, ok := callee.(*lua.LFunction); !ok && L.GetMetaField(callee, "__call") == lua.LNil {
		L.SetTop(fn - 1)
		L.Push(lua.LFalse)
		L.Push(lua.LString("attempt to call a " + callee.Type().String() + " value"))
		return 2
	}
	if f, ok := callee.(*lua.LFunction); ok && f.IsG {
		return m.protectedGoCall(L, fn, handler)
	}
	th := m.acquireThread()
	m.callerOf[th] = L       // debug.getinfo's levels continue into L
	th.SetHook(L.GetHook())  // the Lua thread's debug hook goes on with it
	th.SetCCalls(L.CCalls()) // nested pcalls count toward PUC's C stack limit
	defer func() {
		delete(m.callerOf, th)
		th.SetHook(nil, 0, 0)
	}()
	top := L.GetTop()
	for i := fn; i <= top; i++ {
		th.Push(L.Get(i))
	}
	L.SetTop(fn - 1)
	err := th.PCall(top-fn, lua.MultRet, handler)
	if err != nil {
		th.SetTop(0)
		m.releaseThread(th)
		return m.protectedFailure(L, err, handler != nil)
	}
	n := th.GetTop()
	L.Push(lua.LTrue)
	for i := 1; i <= n; i++ {
		L.Push(th.Get(i))
	}
	th.SetTop(0)
	m.releaseThread(th)
	return n + 1
}

func (m *Machine) protectedGoCall(L *lua.LState, fn int, handler *lua.LFunction) int {
	own := handler != nil
	if !own {
		handler = m.identity
	}
	base := fn - 1
	err := L.PCall(L.GetTop()-fn, lua.MultRet, handler)
	if err != nil {
		L.SetTop(base)
		return m.protectedFailure(L, err, own)
	}
	L.Insert(lua.LTrue, base+1)
	return L.GetTop() - base
}

// protectedFailure returns pcall's false and error. A handler's result
// comes back as an ApiErrorError; any other error was raised by the handler
// itself, which PUC Lua 5.2 reports as "error in error handling".
func (m *Machine) protectedFailure(L *lua.LState, err error, handled bool) int {
	e := asAPIError(err)
	obj := e.Object
	if m.mustUnwind() {
		L.Error(obj, 0)
	}
	if handled && e.Type != lua.ApiErrorError {
		obj = lua.LString("error in error handling")
	}
	L.Push(lua.LFalse)
	L.Push(obj)
	return 2
}

const maxIdleThreads = 16

func (m *Machine) acquireThread() *lua.LState {
	if n := len(m.threads); n > 0 {
		th := m.threads[n-1]
		m.threads = m.threads[:n-1]
		return th
	}
	th, _ := m.L.NewThread()
	return th
}

func (m *Machine) releaseThread(th *lua.LState) {
	if len(m.threads) < maxIdleThreads {
		m.threads = append(m.threads, th)
	}
}

// baseError is error(value [, level]) with PUC's levels: 1 is the function
// that called error, 2 its caller, and so on.
func (m *Machine) baseError(L *lua.LState) int {
	obj := L.Get(1)
	level := 1
	if n, ok := L.Get(2).(lua.LNumber); ok {
		level = int(n)
	}
	// As luaB_error: strings and numbers (lua_isstring) get the position,
	// and become strings; the level counts on through pcall's threads.
	switch v := obj.(type) {
	case lua.LString, lua.LNumber:
		if level > 0 {
			where := ""
			if th, dbg, ok := m.stackLevel(L, level); ok {
				if _, err := th.GetInfo("Sl", dbg, lua.LNil); err == nil && dbg.CurrentLine > 0 {
					where = dbg.Source + ":" + strconv.Itoa(dbg.CurrentLine) + ": "
				}
			}
			obj = lua.LString(where + v.String())
		}
	}
	L.Error(obj, 0)
	return 0
}

// baseToNumber is tonumber with Lua 5.2's rules: decimal and hexadecimal
// numerals (with exponents) in base 10, digits of any base from 2 to 36.
func baseToNumber(L *lua.LState) int {
	v := L.Get(1)
	if L.Get(2) == lua.LNil {
		switch x := v.(type) {
		case lua.LNumber:
			L.Push(x)
			return 1
		case lua.LString:
			if f, ok := luaarg.ParseNumber(string(x)); ok {
				L.Push(lua.LNumber(f))
				return 1
			}
		default:
			if L.GetTop() < 1 {
				luaarg.ArgError(L, 1, "tonumber", "value expected")
			}
		}
		L.Push(lua.LNil)
		return 1
	}
	base := int(luaarg.CheckNumber(L, 2, "tonumber"))
	if base < 2 || base > 36 {
		luaarg.ArgError(L, 2, "tonumber", "base out of range")
	}
	s := strings.ToLower(strings.TrimSpace(luaarg.CheckString(L, 1, "tonumber")))
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	} else {
		s = strings.TrimPrefix(s, "+") // PUC 5.2 takes a sign of either kind
	}
	if s == "" {
		L.Push(lua.LNil)
		return 1
	}
	var n float64
	for _, c := range s {
		var d int
		switch {
		case c >= '0' && c <= '9':
			d = int(c - '0')
		case c >= 'a' && c <= 'z':
			d = int(c-'a') + 10
		default:
			d = base
		}
		if d >= base {
			L.Push(lua.LNil)
			return 1
		}
		n = n*float64(base) + float64(d)
	}
	if neg {
		n = -n
	}
	L.Push(lua.LNumber(n))
	return 1
}

// baseSetMetatable is setmetatable(table, metatable): gopher-lua's accepts
// any value and then replaces the metatable shared by every value of that
// type (setmetatable("", {}) broke string methods for the whole computer).
func baseSetMetatable(L *lua.LState) int {
	t, ok := L.Get(1).(*lua.LTable)
	if !ok {
		luaarg.TypeError(L, 1, "setmetatable", "table")
	}
	mt := L.Get(2)
	if _, isTable := mt.(*lua.LTable); !isTable && (mt != lua.LNil || L.GetTop() < 2) {
		luaarg.ArgError(L, 2, "setmetatable", "nil or table expected")
	}
	if old, ok := t.Metatable.(*lua.LTable); ok && old.RawGetString("__metatable") != lua.LNil {
		luaarg.Raise(L, "cannot change a protected metatable")
	}
	L.SetMetatable(t, mt)
	L.SetTop(1)
	return 1
}

func baseRawLen(L *lua.LState) int {
	switch v := L.Get(1).(type) {
	case *lua.LTable:
		L.Push(lua.LNumber(v.Len()))
	case lua.LString:
		L.Push(lua.LNumber(len(v)))
	default:
		luaarg.ArgError(L, 1, "rawlen", "table or string expected")
	}
	return 1
}

// ToString converts any value as CraftOS's tostring does, honouring
// __tostring.
func ToString(L *lua.LState, v lua.LValue) string {
	if n, ok := v.(lua.LNumber); ok {
		return FormatNumber(float64(n))
	}
	if mt := L.GetMetaField(v, "__tostring"); mt != lua.LNil {
		L.Push(mt)
		L.Push(v)
		L.Call(1, 1)
		r := L.Get(-1)
		L.Pop(1)
		if s, ok := r.(lua.LString); ok {
			return string(s)
		}
		if n, ok := r.(lua.LNumber); ok {
			return FormatNumber(float64(n))
		}
		luaarg.Raise(L, "'__tostring' must return a string")
	}
	return L.NamedString(v) // "MyType: 0x..." with a __name
}

// FormatNumber is Lua 5.2's "%.14g" number text.
func FormatNumber(f float64) string { return lstring.FormatNumber(f) }
