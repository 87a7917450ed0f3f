package vm

import (
	"runtime"
	"strings"
	"weak"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// openDebug adds to gopher-lua's debug table the functions written for
// Lua 5.2 and the goroutine coroutines.
func (m *Machine) openDebug(t *lua.LTable) {
	m.setFuncs(t, map[string]lua.LGFunction{
		"getinfo":      m.debugGetInfo,
		"getlocal":     m.debugGetLocal,
		"getregistry":  debugGetRegistry,
		"sethook":      m.debugSetHook,
		"gethook":      m.debugGetHook,
		"traceback":    m.debugTraceback,
		"setlocal":     m.debugSetLocal,
		"getupvalue":   debugGetUpvalue,
		"setupvalue":   debugSetUpvalue,
		"upvalueid":    m.debugUpvalueID,
		"upvaluejoin":  debugUpvalueJoin,
		"getmetatable": debugGetMetatable,
		"setmetatable": debugSetMetatable,
		"getuservalue": debugGetUserValue,
		"setuservalue": debugSetUserValue,
	})
}

// debugGetInfo is debug.getinfo([thread,] f|level [, what]) with PUC's
// fields (short_src, nparams, isvararg, name and namewhat from the calling
// instruction, istailcall) and with stack levels that run on through pcall:
// a Lua function under pcall runs on a thread of its own (see
// protectedCall), so a level past that thread's frames continues in the
// thread that called pcall, where level 0 is pcall itself, exactly where PUC
// Lua would find it.
func (m *Machine) debugGetInfo(L *lua.LState) int {
	th, arg := m.threadArg(L)
	what := "flnStu"
	if L.GetTop() >= arg+1 {
		what = luaarg.CheckString(L, arg+1, "getinfo")
	}
	if level, ok := L.Get(arg).(lua.LNumber); ok && th == nil && strings.Trim(what, "SlnutLf") == "" {
		// a coroutine that died by an error keeps its frames, as in PUC Lua
		if co := m.CoroutineOf(L.Get(1).(*lua.LState)); co != nil && co.dead != nil {
			L.Push(m.deadInfo(L, co, int(level), what))
			return 1
		}
	}
	var dbg *lua.Debug
	var fn *lua.LFunction
	switch v := L.Get(arg).(type) {
	case *lua.LFunction:
		if strings.HasPrefix(what, ">") {
			luaarg.ArgError(L, arg+1, "getinfo", "invalid option")
		}
		fn = v
	case lua.LNumber:
		if th == nil {
			L.Push(lua.LNil)
			return 1
		}
		var ok bool
		th, dbg, ok = m.stackLevel(th, int(v))
		if !ok {
			L.Push(lua.LNil)
			return 1
		}
		fn = dbg.Func()
	default:
		luaarg.ArgError(L, arg, "getinfo", "function or level expected")
	}
	if strings.Trim(what, "SlnutLf") != "" {
		luaarg.ArgError(L, arg+1, "getinfo", "invalid option")
	}
	L.Push(m.infoTable(L, th, dbg, fn, what))
	return 1
}

// threadArg resolves the optional thread argument of the debug functions:
// the gopher-lua thread whose frames to read (nil: a coroutine with no
// frames to show) and the index of the next argument. A suspended coroutine
// is read on its innermost thread (it may be inside pcalls).
func (m *Machine) threadArg(L *lua.LState) (*lua.LState, int) {
	h, ok := L.Get(1).(*lua.LState)
	if !ok {
		return L, 1
	}
	if h == L || h == m.L && m.current == nil {
		return L, 2
	}
	if co := m.CoroutineOf(h); co != nil {
		if co == m.current {
			return L, 2
		}
		if co.w != nil && (co.status == Suspended || co.status == Normal) {
			return m.innermost(co.w.th), 2
		}
		return nil, 2
	}
	if h == m.L {
		return m.innermost(m.L), 2
	}
	return nil, 2
}

// innermost is the thread running the deepest pcall made on base's stack.
func (m *Machine) innermost(base *lua.LState) *lua.LState {
	best, depth := base, 0
	for th := range m.callerOf {
		d := 0
		for c := th; c != nil; c = m.callerOf[c] {
			d++
			if c == base {
				if d > depth {
					best, depth = th, d
				}
				break
			}
		}
	}
	return best
}

// stackLevel finds the frame at level of th, continuing into the threads
// that made the protected calls th runs under. Tail calls are no levels, as
// in PUC Lua 5.2.
func (m *Machine) stackLevel(th *lua.LState, level int) (*lua.LState, *lua.Debug, bool) {
	for level >= 0 {
		if dbg, ok := th.Frame(level); ok {
			return th, dbg, true
		}
		caller, ok := m.callerOf[th]
		if !ok {
			return nil, nil, false
		}
		level -= frameCount(th)
		th = caller
	}
	return nil, nil, false
}

func frameCount(th *lua.LState) int {
	n := 0
	for {
		if _, ok := th.Frame(n); !ok {
			return n
		}
		n++
	}
}

// frameRef is one stack level: the thread holding it and its frame.
type frameRef struct {
	th  *lua.LState
	dbg *lua.Debug
}

// stackFrames lists every level of th's stack, from level 0, through pcalls.
func (m *Machine) stackFrames(th *lua.LState) []frameRef {
	var frames []frameRef
	for th != nil {
		for i := 0; ; i++ {
			dbg, ok := th.Frame(i)
			if !ok {
				break
			}
			frames = append(frames, frameRef{th, dbg})
		}
		th = m.callerOf[th]
	}
	return frames
}

func (m *Machine) infoTable(L *lua.LState, th *lua.LState, dbg *lua.Debug, fn *lua.LFunction, what string) *lua.LTable {
	t := L.CreateTable(0, 12)
	var info lua.Debug
	if fn != nil {
		_, _ = L.GetInfo(">Su", &info, fn)
	}
	if strings.ContainsRune(what, 'S') {
		w := funcWhat(fn)
		src := info.Source
		if fn.IsG {
			src = ""
		}
		source := sourceOf(src, w)
		if !fn.IsG && fn.Proto.ChunkName != "" {
			source = fn.Proto.ChunkName // the name load was given, as PUC keeps it
		}
		t.RawSetString("source", lua.LString(source))
		t.RawSetString("short_src", lua.LString(shortSrc(src, w)))
		t.RawSetString("what", lua.LString(w))
		if fn.IsG {
			t.RawSetString("linedefined", lua.LNumber(-1))
			t.RawSetString("lastlinedefined", lua.LNumber(-1))
		} else {
			t.RawSetString("linedefined", lua.LNumber(info.LineDefined))
			t.RawSetString("lastlinedefined", lua.LNumber(info.LastLineDefined))
		}
	}
	if strings.ContainsRune(what, 'l') {
		t.RawSetString("currentline", lua.LNumber(currentLine(th, dbg)))
		// Cobalt's currentcolumn (CC:Tweaked's error reports mark it under
		// the failing line); absent where the column is unknown.
		if col := currentColumn(dbg); col > 0 {
			t.RawSetString("currentcolumn", lua.LNumber(col))
		}
	}
	if strings.ContainsRune(what, 'u') {
		params, vararg := 0, true
		if !fn.IsG && fn.Proto != nil {
			params, vararg = int(fn.Proto.NumParameters), fn.Proto.IsVarArg != 0
		}
		t.RawSetString("nups", lua.LNumber(len(fn.Upvalues)))
		t.RawSetString("nparams", lua.LNumber(params))
		t.RawSetString("isvararg", lua.LBool(vararg))
	}
	if strings.ContainsRune(what, 'n') {
		var name, namewhat string
		if dbg != nil {
			name, namewhat = dbg.FuncName()
		}
		if namewhat != "" {
			t.RawSetString("name", lua.LString(name))
		}
		t.RawSetString("namewhat", lua.LString(namewhat))
	}
	if strings.ContainsRune(what, 't') {
		t.RawSetString("istailcall", lua.LBool(dbg != nil && dbg.IsTailCall()))
	}
	if strings.ContainsRune(what, 'L') && !fn.IsG && fn.Proto != nil {
		lines := L.CreateTable(0, 0)
		for _, line := range fn.Proto.DbgSourcePositions {
			lines.RawSetInt(line, lua.LTrue)
		}
		t.RawSetString("activelines", lines)
	}
	if strings.ContainsRune(what, 'f') {
		t.RawSetString("func", fn)
	}
	return t
}

// currentLine is the line a frame is running, -1 for Go functions and for
// a function given by value.
func currentLine(th *lua.LState, dbg *lua.Debug) int {
	if dbg == nil || dbg.Func().IsG {
		return -1
	}
	if _, err := th.GetInfo("l", dbg, lua.LNil); err != nil {
		return -1
	}
	return dbg.CurrentLine
}

// currentColumn is the column of the token a Lua frame's current
// instruction stands for, 0 when unknown (currentLine has filled dbg).
func currentColumn(dbg *lua.Debug) int {
	if dbg == nil || dbg.Func().IsG {
		return 0
	}
	return dbg.CurrentColumn
}

// funcWhat is PUC's what: "C" for Go functions, "main" for a main chunk
// (defined at line 0), "Lua" otherwise.
func funcWhat(fn *lua.LFunction) string {
	switch {
	case fn.IsG:
		return "C"
	case fn.Proto.LineDefined == 0:
		return "main"
	}
	return "Lua"
}

// sourceOf rebuilds PUC's source field from the name errors show: a file
// chunk's name gets back its "@".
func sourceOf(src, what string) string {
	switch {
	case what == "C":
		return "=[C]"
	case strings.HasPrefix(src, "[string "), strings.HasPrefix(src, "="):
		return src
	}
	return "@" + src
}

func shortSrc(src, what string) string {
	if what == "C" {
		return "[C]"
	}
	return src
}

// debugGetLocal is Lua 5.2's debug.getlocal([thread,] f|level, n): with a
// function, the name of its n-th parameter; with a level (running on
// through pcall as in debugGetInfo), the name and value of the local n, of
// a temporary ("(*temporary)"), or with n negative of an extra argument
// ("(*vararg)").
func (m *Machine) debugGetLocal(L *lua.LState) int {
	th, arg := m.threadArg(L)
	n := int(luaarg.CheckNumber(L, arg+1, "getlocal"))
	if f, ok := L.Get(arg).(*lua.LFunction); ok {
		if !f.IsG && f.Proto != nil && n >= 1 && n <= int(f.Proto.NumParameters) && n <= len(f.Proto.DbgLocals) {
			L.Push(lua.LString(f.Proto.DbgLocals[n-1].Name))
			return 1
		}
		L.Push(lua.LNil)
		return 1
	}
	level := int(luaarg.CheckNumber(L, arg, "getlocal"))
	th, dbg, ok := m.levelOf(th, level)
	if !ok {
		luaarg.ArgError(L, arg, "getlocal", "level out of range")
	}
	if n < 0 {
		if v, ok := th.Vararg(dbg, -n); ok {
			L.Push(lua.LString("(*vararg)"))
			L.Push(v)
			return 2
		}
		L.Push(lua.LNil)
		return 1
	}
	name, value := th.GetLocal(dbg, n)
	if name == "" {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LString(name))
	L.Push(value)
	return 2
}

// debugSetLocal is debug.setlocal([thread,] level, n, value).
func (m *Machine) debugSetLocal(L *lua.LState) int {
	th, arg := m.threadArg(L)
	level := int(luaarg.CheckNumber(L, arg, "setlocal"))
	n := int(luaarg.CheckNumber(L, arg+1, "setlocal"))
	if L.GetTop() < arg+2 {
		luaarg.ArgError(L, arg+2, "setlocal", "value expected")
	}
	v := L.Get(arg + 2)
	th, dbg, ok := m.levelOf(th, level)
	if !ok {
		luaarg.ArgError(L, arg, "setlocal", "level out of range")
	}
	if n < 0 {
		if th.SetVararg(dbg, -n, v) {
			L.Push(lua.LString("(*vararg)"))
			return 1
		}
		L.Push(lua.LNil)
		return 1
	}
	if name := th.SetLocal(dbg, n, v); name != "" {
		L.Push(lua.LString(name))
		return 1
	}
	L.Push(lua.LNil)
	return 1
}

func (m *Machine) levelOf(th *lua.LState, level int) (*lua.LState, *lua.Debug, bool) {
	if th == nil {
		return nil, nil, false
	}
	return m.stackLevel(th, level)
}

// checkUpvalue is ldblib.c's auxupvalue/checkupval argument order: the
// index first, then the function.
func checkUpvalue(L *lua.LState, argf int, fname string) (*lua.LFunction, int) {
	n := int(luaarg.CheckNumber(L, argf+1, fname))
	f, ok := L.Get(argf).(*lua.LFunction)
	if !ok {
		luaarg.TypeError(L, argf, fname, "function")
	}
	return f, n
}

// upvalueName is lua_getupvalue's name: the upvalue's name in a Lua
// function, "" in a Go function, and false past the last one.
func upvalueName(f *lua.LFunction, n int) (string, bool) {
	if n < 1 || n > len(f.Upvalues) {
		return "", false
	}
	if f.IsG || f.Proto == nil || n > len(f.Proto.DbgUpvalues) {
		return "", true
	}
	return f.Proto.DbgUpvalues[n-1], true
}

func debugGetUpvalue(L *lua.LState) int {
	f, n := checkUpvalue(L, 1, "getupvalue")
	name, ok := upvalueName(f, n)
	if !ok {
		return 0
	}
	L.Push(lua.LString(name))
	L.Push(f.Upvalues[n-1].Value())
	return 2
}

func debugSetUpvalue(L *lua.LState) int {
	if L.GetTop() < 3 {
		luaarg.ArgError(L, 3, "setupvalue", "value expected")
	}
	f, n := checkUpvalue(L, 1, "setupvalue")
	name, ok := upvalueName(f, n)
	if !ok {
		return 0
	}
	f.Upvalues[n-1].SetValue(L.Get(3))
	L.Push(lua.LString(name))
	return 1
}

// upvalueCheck is checkupval: a function and a valid upvalue index.
func upvalueCheck(L *lua.LState, argf int, fname string) (*lua.LFunction, int) {
	f, n := checkUpvalue(L, argf, fname)
	if _, ok := upvalueName(f, n); !ok {
		luaarg.ArgError(L, argf+1, fname, "invalid upvalue index")
	}
	return f, n
}

// debugUpvalueID is debug.upvalueid(f, n): a userdata that is the same for
// two closures sharing the upvalue (PUC gives a light userdata).
func (m *Machine) debugUpvalueID(L *lua.LState) int {
	f, n := upvalueCheck(L, 1, "upvalueid")
	L.Push(m.upvalueID(f.Upvalues[n-1]))
	return 1
}

func (m *Machine) upvalueID(uv *lua.Upvalue) *lua.LUserData {
	key := weak.Make(uv)
	m.mu.Lock()
	defer m.mu.Unlock()
	if id, ok := m.upvalueIDs[key]; ok {
		return id
	}
	id := &lua.LUserData{Value: key}
	if m.upvalueIDs == nil {
		m.upvalueIDs = map[weak.Pointer[lua.Upvalue]]*lua.LUserData{}
	}
	m.upvalueIDs[key] = id
	runtime.AddCleanup(uv, func(key weak.Pointer[lua.Upvalue]) {
		m.mu.Lock()
		delete(m.upvalueIDs, key)
		m.mu.Unlock()
	}, key)
	return id
}

// debugUpvalueJoin is debug.upvaluejoin(f1, n1, f2, n2): f1's n1-th upvalue
// becomes f2's n2-th.
func debugUpvalueJoin(L *lua.LState) int {
	f1, n1 := upvalueCheck(L, 1, "upvaluejoin")
	f2, n2 := upvalueCheck(L, 3, "upvaluejoin")
	if f1.IsG {
		luaarg.ArgError(L, 1, "upvaluejoin", "Lua function expected")
	}
	if f2.IsG {
		luaarg.ArgError(L, 3, "upvaluejoin", "Lua function expected")
	}
	f1.Upvalues[n1-1] = f2.Upvalues[n2-1]
	return 0
}

func debugGetMetatable(L *lua.LState) int {
	if L.GetTop() < 1 {
		luaarg.ArgError(L, 1, "getmetatable", "value expected")
	}
	L.Push(L.GetMetatable(L.Get(1)))
	return 1
}

func debugSetMetatable(L *lua.LState) int {
	switch L.Get(2).(type) {
	case *lua.LNilType, *lua.LTable:
	default:
		luaarg.ArgError(L, 2, "setmetatable", "nil or table expected")
	}
	L.SetMetatable(L.Get(1), L.Get(2))
	L.SetTop(1)
	return 1
}

// debugGetUserValue is debug.getuservalue: a full userdata's environment
// table, nil for anything else.
func debugGetUserValue(L *lua.LState) int {
	if ud, ok := L.Get(1).(*lua.LUserData); ok && ud.Env != nil {
		L.Push(ud.Env)
		return 1
	}
	L.Push(lua.LNil)
	return 1
}

func debugSetUserValue(L *lua.LState) int {
	ud, ok := L.Get(1).(*lua.LUserData)
	if !ok {
		luaarg.TypeError(L, 1, "setuservalue", "userdata")
	}
	switch v := L.Get(2).(type) {
	case *lua.LNilType:
		ud.Env = nil
	case *lua.LTable:
		ud.Env = v
	default:
		luaarg.ArgError(L, 2, "setuservalue", "table expected")
	}
	L.SetTop(1)
	return 1
}

// debugGetRegistry is debug.getregistry: the state's registry table (CC:T's
// ROM keeps its try-barrier there).
func debugGetRegistry(L *lua.LState) int {
	L.Push(L.G.Registry)
	return 1
}

// debugTraceback is Lua 5.2's debug.traceback([thread,] [message [, level]]):
// a message that is neither a string nor a number nor nil is returned as it
// is; the default level is 1 on the running thread, 0 on another.
func (m *Machine) debugTraceback(L *lua.LState) int {
	th, arg := m.threadArg(L)
	msg := L.Get(arg)
	switch msg.(type) {
	case lua.LString, lua.LNumber, *lua.LNilType:
	default:
		L.Push(msg)
		return 1
	}
	level := 1
	if th != L {
		level = 0
	}
	level = int(luaarg.OptNumber(L, arg+1, "traceback", float64(level)))
	var b strings.Builder
	if msg != lua.LNil {
		b.WriteString(ToString(L, msg))
		b.WriteByte('\n')
	}
	var frames []frameRef
	if th != nil {
		frames = m.stackFrames(th)
	}
	b.WriteString(m.traceback(frames, level))
	L.Push(lua.LString(b.String()))
	return 1
}

// Traceback is luaL_traceback for the running thread L from level on:
// "stack traceback:" and one line per level, as PUC Lua 5.2 writes it.
func (m *Machine) Traceback(L *lua.LState, level int) string {
	return m.traceback(m.stackFrames(L), level)
}

// PUC's LEVELS1 and LEVELS2: a long traceback shows its first and last levels.
const (
	tracebackHead = 12
	tracebackTail = 11
)

func (m *Machine) traceback(frames []frameRef, level int) string {
	var b strings.Builder
	b.WriteString("stack traceback:")
	if level < 0 {
		level = 0
	}
	n := len(frames)
	mark := 0
	if n > tracebackHead+tracebackTail {
		mark = tracebackHead
	}
	for ; level < n; level++ {
		if level+1 == mark {
			b.WriteString("\n\t...")
			level = n - tracebackTail - 1
			continue
		}
		f := frames[level]
		goName := "?"
		if fn := f.dbg.Func(); fn.IsG {
			if name := m.globalFuncName(fn); name != "" {
				goName = "function '" + name + "'"
			}
		}
		b.WriteString("\n\t")
		b.WriteString(f.dbg.Where())
		b.WriteString(" in ")
		b.WriteString(f.dbg.FuncDescription(goName))
		if f.dbg.IsTailCall() {
			b.WriteString("\n\t(...tail calls...)")
		}
	}
	return b.String()
}

// globalFuncName is pushglobalfuncname: the name a Go function has among
// the globals ("error") or the library tables ("string.rep").
func (m *Machine) globalFuncName(fn *lua.LFunction) string {
	g := m.L.G.Global
	name := ""
	g.ForEach(func(k, v lua.LValue) {
		if s, ok := k.(lua.LString); ok && v == fn && (name == "" || string(s) < name) {
			name = string(s)
		}
	})
	if name != "" {
		return name
	}
	g.ForEach(func(k, v lua.LValue) {
		lib, ok := v.(*lua.LTable)
		ks, isStr := k.(lua.LString)
		if !ok || !isStr || lib == g {
			return
		}
		lib.ForEach(func(k2, v2 lua.LValue) {
			if s, ok := k2.(lua.LString); ok && v2 == fn {
				if full := string(ks) + "." + string(s); name == "" || full < name {
					name = full
				}
			}
		})
	})
	return name
}
