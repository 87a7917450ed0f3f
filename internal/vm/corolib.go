package vm

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// openCoroutine installs the coroutine library on the goroutine coroutines.
func (m *Machine) openCoroutine() {
	t := m.L.NewTable()
	m.setFuncs(t, map[string]lua.LGFunction{
		"create":      m.coCreate,
		"resume":      m.coResume,
		"yield":       m.coYield,
		"status":      m.coStatus,
		"wrap":        m.coWrap,
		"running":     m.coRunning,
		"isyieldable": m.coIsYieldable,
	})
	m.L.SetGlobal("coroutine", t)
}

func (m *Machine) checkCoroutine(L *lua.LState, fname string) *Coroutine {
	if h, ok := L.Get(1).(*lua.LState); ok {
		if co := m.CoroutineOf(h); co != nil {
			return co
		}
	}
	luaarg.TypeError(L, 1, fname, "coroutine")
	return nil
}

func (m *Machine) coCreate(L *lua.LState) int {
	fn, ok := L.Get(1).(*lua.LFunction)
	if !ok {
		luaarg.TypeError(L, 1, "create", "function")
	}
	_, h := m.NewCoroutine(fn)
	L.Push(h)
	return 1
}

func args(L *lua.LState, from int) []lua.LValue {
	n := L.GetTop()
	if n < from {
		return nil
	}
	vals := make([]lua.LValue, 0, n-from+1)
	for i := from; i <= n; i++ {
		vals = append(vals, L.Get(i))
	}
	return vals
}

func (m *Machine) coResume(L *lua.LState) int {
	co := m.checkCoroutine(L, "resume")
	vals, ok := m.resumeFrom(L, co, args(L, 2))
	L.Push(lua.LBool(ok))
	for _, v := range vals {
		L.Push(v)
	}
	return len(vals) + 1
}

func (m *Machine) coYield(L *lua.LState) int {
	vals := m.Yield(L, args(L, 1))
	for _, v := range vals {
		L.Push(v)
	}
	return len(vals)
}

func (m *Machine) coStatus(L *lua.LState) int {
	co := m.checkCoroutine(L, "status")
	L.Push(lua.LString(co.status.String()))
	return 1
}

func (m *Machine) coWrap(L *lua.LState) int {
	fn, ok := L.Get(1).(*lua.LFunction)
	if !ok {
		luaarg.TypeError(L, 1, "wrap", "function")
	}
	co, h := m.NewCoroutine(fn)
	L.Push(L.NewFunction(func(L *lua.LState) int {
		_ = h // the wrapper keeps the coroutine alive
		vals, ok := m.resumeFrom(L, co, args(L, 1))
		if !ok {
			if s, isStr := vals[0].(lua.LString); isStr {
				luaarg.Raise(L, "%s", string(s))
			}
			L.Error(vals[0], 0)
		}
		for _, v := range vals {
			L.Push(v)
		}
		return len(vals)
	}))
	return 1
}

func (m *Machine) coRunning(L *lua.LState) int {
	if co := m.current; co != nil {
		L.Push(co.Handle())
		L.Push(lua.LFalse)
		return 2
	}
	L.Push(m.L) // the main thread, also from a pcall's thread
	L.Push(lua.LTrue)
	return 2
}

func (m *Machine) coIsYieldable(L *lua.LState) int {
	L.Push(lua.LBool(m.current != nil))
	return 1
}

// resumeFrom is Resume from Lua code on thread L: as lua_resume, a resume
// counts as one more nested C call, refused with "C stack overflow" at the
// limit (a coroutine resuming a new one without end is otherwise unbounded).
func (m *Machine) resumeFrom(L *lua.LState, co *Coroutine, vals []lua.LValue) ([]lua.LValue, bool) {
	n := L.CCalls() + 1
	if n >= lua.MaxCCalls {
		return []lua.LValue{lua.LString("C stack overflow")}, false
	}
	co.ccalls = n - 1 // its thread's entry into the VM adds the one
	return m.Resume(co, vals)
}
