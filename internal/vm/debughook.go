package vm

import (
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// debug.sethook and debug.gethook, as Lua 5.2's ldblib.c. A Lua thread here
// is the main thread or a coroutine, while the VM runs one on several
// gopher-lua threads: the coroutine's worker thread, and one more for each
// pcall it is inside (see protectedCall). A hook is therefore kept with the
// Lua thread and set on every gopher-lua thread running it: those it runs on
// now, and the ones pcall takes later (protectedCall copies it).

// luaHook is what debug.sethook set for one Lua thread.
type luaHook struct {
	fn    lua.LValue // kept even with an empty mask, as gethook shows it
	mask  lua.HookMask
	count int
	hook  lua.Hook
}

// hookThread resolves debug.sethook's and gethook's optional thread
// argument: the coroutine (nil for the main thread) and the index of the
// first argument after it.
func (m *Machine) hookThread(L *lua.LState) (co *Coroutine, arg int) {
	h, ok := L.Get(1).(*lua.LState)
	if !ok {
		return m.current, 1
	}
	if h == m.L {
		return nil, 2
	}
	if co := m.CoroutineOf(h); co != nil {
		return co, 2
	}
	return m.current, 2 // a pcall thread: the running Lua thread
}

func (m *Machine) debugSetHook(L *lua.LState) int {
	co, arg := m.hookThread(L)
	var spec *luaHook
	if L.Get(arg) != lua.LNil {
		smask := luaarg.CheckString(L, arg+1, "sethook")
		fn, ok := L.Get(arg).(*lua.LFunction)
		if !ok {
			luaarg.TypeError(L, arg, "sethook", "function")
		}
		count := int(luaarg.OptNumber(L, arg+2, "sethook", 0))
		spec = &luaHook{fn: fn, count: count, mask: parseHookMask(smask, count), hook: m.luaHookFunc(fn)}
	}
	m.setThreadHook(co, spec)
	return 0
}

func parseHookMask(s string, count int) lua.HookMask {
	var mask lua.HookMask
	if strings.ContainsRune(s, 'c') {
		mask |= lua.MaskCall
	}
	if strings.ContainsRune(s, 'r') {
		mask |= lua.MaskReturn
	}
	if strings.ContainsRune(s, 'l') {
		mask |= lua.MaskLine
	}
	if count > 0 {
		mask |= lua.MaskCount
	}
	return mask
}

// luaHookFunc calls a Lua hook function as ldblib.c's hookf: with the
// event's name and the new line (nil for other events).
func (m *Machine) luaHookFunc(fn *lua.LFunction) lua.Hook {
	return func(L *lua.LState, ev lua.HookEvent, line int) {
		L.Push(fn)
		L.Push(lua.LString(ev.String()))
		if line >= 0 {
			L.Push(lua.LNumber(line))
		} else {
			L.Push(lua.LNil)
		}
		L.Call(2, 0)
	}
}

func (m *Machine) debugGetHook(L *lua.LState) int {
	co, _ := m.hookThread(L)
	spec := m.mainHook
	if co != nil {
		spec = co.hook
	}
	if spec == nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(""))
		L.Push(lua.LNumber(0))
		return 3
	}
	var b strings.Builder
	if spec.mask&lua.MaskCall != 0 {
		b.WriteByte('c')
	}
	if spec.mask&lua.MaskReturn != 0 {
		b.WriteByte('r')
	}
	if spec.mask&lua.MaskLine != 0 {
		b.WriteByte('l')
	}
	L.Push(spec.fn)
	L.Push(lua.LString(b.String()))
	L.Push(lua.LNumber(spec.count))
	return 3
}

// setThreadHook records the hook of a Lua thread (co nil: the main thread)
// and sets it on the gopher-lua threads running it.
func (m *Machine) setThreadHook(co *Coroutine, spec *luaHook) {
	var base *lua.LState
	if co == nil {
		m.mainHook = spec
		base = m.L
	} else {
		co.hook = spec
		if co.w != nil {
			base = co.w.th
		}
	}
	if base == nil {
		return // not started: Resume sets it on its worker
	}
	applyHook(base, spec)
	for th := range m.callerOf {
		for c := m.callerOf[th]; c != nil; c = m.callerOf[c] {
			if c == base {
				applyHook(th, spec)
				break
			}
		}
	}
}

func applyHook(th *lua.LState, spec *luaHook) {
	if spec == nil {
		th.SetHook(nil, 0, 0)
		return
	}
	th.SetHook(spec.hook, spec.mask, spec.count)
}
