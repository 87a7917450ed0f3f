package vm

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// debugGetInfo is debug.getinfo([thread,] f|level [, what]) with PUC's
// fields (short_src, nparams, isvararg, namewhat) and with stack levels
// that run on through pcall: a Lua function under pcall runs on a thread
// of its own (see protectedCall), so a level past that thread's frames
// continues in the thread that called pcall, where level 0 is pcall itself,
// exactly where PUC Lua would find it.
func (m *Machine) debugGetInfo(L *lua.LState) int {
	th, arg := L, 1
	if h, ok := L.Get(1).(*lua.LState); ok {
		arg = 2
		th = nil
		if co := m.CoroutineOf(h); co != nil && co.w != nil && co.status == Suspended {
			th = co.w.th
		} else if h == L || (m.current != nil && h == m.current.Handle()) {
			th = L
		}
	}
	what := "Slnuf"
	if s, ok := L.Get(arg + 1).(lua.LString); ok {
		what = string(s)
	}
	var dbg *lua.Debug
	var fn lua.LValue
	switch v := L.Get(arg).(type) {
	case *lua.LFunction:
		dbg = &lua.Debug{}
		if _, err := L.GetInfo(">"+what, dbg, v); err != nil {
			argError(L, arg+1, "getinfo", "invalid option")
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
		f, err := th.GetInfo(what, dbg, lua.LNil)
		if err != nil {
			argError(L, arg+1, "getinfo", "invalid option")
		}
		fn = f
	default:
		argError(L, arg, "getinfo", "function or level expected")
	}
	L.Push(m.infoTable(L, dbg, fn, what))
	return 1
}

// stackLevel finds the frame at level of th, continuing into the threads
// that made the protected calls th runs under.
func (m *Machine) stackLevel(th *lua.LState, level int) (*lua.LState, *lua.Debug, bool) {
	for level >= 0 {
		if dbg, ok := th.GetStack(level); ok {
			return th, dbg, true
		}
		caller, ok := m.callerOf[th]
		if !ok {
			return nil, nil, false
		}
		depth := 0
		for {
			if _, ok := th.GetStack(depth); !ok {
				break
			}
			depth++
		}
		level -= depth
		th = caller
	}
	return nil, nil, false
}

func (m *Machine) infoTable(L *lua.LState, dbg *lua.Debug, fn lua.LValue, what string) *lua.LTable {
	t := L.CreateTable(0, 12)
	if strings.ContainsRune(what, 'S') {
		t.RawSetString("source", lua.LString(sourceOf(dbg.Source, dbg.What)))
		t.RawSetString("short_src", lua.LString(shortSrc(dbg.Source, dbg.What)))
		t.RawSetString("what", lua.LString(whatOf(dbg.What)))
		t.RawSetString("linedefined", lua.LNumber(dbg.LineDefined))
		t.RawSetString("lastlinedefined", lua.LNumber(dbg.LastLineDefined))
	}
	if strings.ContainsRune(what, 'l') {
		t.RawSetString("currentline", lua.LNumber(dbg.CurrentLine))
	}
	if strings.ContainsRune(what, 'u') {
		t.RawSetString("nups", lua.LNumber(dbg.NUpvalues))
		params, vararg := 0, true
		if f, ok := fn.(*lua.LFunction); ok && !f.IsG && f.Proto != nil {
			params, vararg = int(f.Proto.NumParameters), f.Proto.IsVarArg != 0
		}
		t.RawSetString("nparams", lua.LNumber(params))
		t.RawSetString("isvararg", lua.LBool(vararg))
	}
	if strings.ContainsRune(what, 'n') {
		name := dbg.Name
		// gopher-lua names an anonymous function by its position; PUC has
		// no name for it.
		if strings.HasPrefix(name, "<") || name == "?" {
			name = ""
		}
		if name != "" {
			t.RawSetString("name", lua.LString(name))
			t.RawSetString("namewhat", lua.LString("global"))
		} else {
			t.RawSetString("namewhat", lua.LString(""))
		}
	}
	if strings.ContainsRune(what, 'f') && fn != nil {
		t.RawSetString("func", fn)
	}
	return t
}

// whatOf maps gopher-lua's "G" (a Go function) to PUC's "C".
func whatOf(what string) string {
	if what == "G" {
		return "C"
	}
	return what
}

// sourceOf rebuilds PUC's source field from the name errors show: a file
// chunk's name gets back its "@".
func sourceOf(src, what string) string {
	switch {
	case what == "G":
		return "=[C]"
	case strings.HasPrefix(src, "[string "), strings.HasPrefix(src, "="):
		return src
	}
	return "@" + src
}

func shortSrc(src, what string) string {
	if what == "G" {
		return "[C]"
	}
	return src
}

// debugGetLocal is debug.getlocal(f|level, n): Lua 5.2's form with a
// function gives its parameter names; with a level, levels run on through
// pcall as in debugGetInfo.
func (m *Machine) debugGetLocal(L *lua.LState) int {
	n := int(checkNumber(L, 2, "getlocal"))
	if f, ok := L.Get(1).(*lua.LFunction); ok {
		if !f.IsG && f.Proto != nil && n >= 1 && n <= int(f.Proto.NumParameters) && n <= len(f.Proto.DbgLocals) {
			L.Push(lua.LString(f.Proto.DbgLocals[n-1].Name))
			return 1
		}
		L.Push(lua.LNil)
		return 1
	}
	th, dbg, ok := m.stackLevel(L, int(checkNumber(L, 1, "getlocal")))
	if !ok {
		argError(L, 1, "getlocal", "level out of range")
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

// debugGetRegistry is debug.getregistry: the state's registry table (CC:T's
// ROM keeps its try-barrier there).
func debugGetRegistry(L *lua.LState) int {
	L.Push(L.G.Registry)
	return 1
}
