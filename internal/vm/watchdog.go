package vm

import (
	"sync"

	lua "github.com/yuin/gopher-lua"
)

// gopher-lua's own interruption mechanism, LState.SetContext, checks a
// channel on every instruction and costs 25-50 % on CPU-bound code. Our fork
// (third_party/gopher-lua/hook.go) instead checks one process-wide counter
// before each instruction, as PUC Lua checks its hook mask: while some
// machine wants its running code stopped (lua.RequestInterrupt), the VM calls
// checkAbort before every instruction. TestAbortHookInstalled guards it.

var (
	hookOnce sync.Once
	// machinesByGlobal finds the machine of a running thread; all threads of
	// one machine share one *lua.Global.
	machinesByGlobal sync.Map // *lua.Global -> *Machine
)

func installAbortHook() {
	hookOnce.Do(func() { lua.SetInterruptHandler(checkAbort) })
}

// checkAbort raises the pending abort of L's machine, if any.
func checkAbort(L *lua.LState) {
	m, ok := machinesByGlobal.Load(L.G)
	if !ok {
		return
	}
	m.(*Machine).raiseAbort(L)
}

// Abort levels, in increasing severity.
const (
	abortNone int32 = iota
	// abortSoft raises "Too long without yielding" once; pcall can catch it.
	abortSoft
	// abortMemory raises "not enough memory" once; pcall can catch it (memlimit.go).
	abortMemory
	// abortKill unwinds the coroutine being reaped; pcall re-raises it.
	abortKill
	// abortHard stops the computer; pcall re-raises it.
	abortHard
)

// ErrTooLongWithoutYielding is the text CraftOS raises in runaway code.
const ErrTooLongWithoutYielding = "Too long without yielding"

func (m *Machine) setAbort(level int32) {
	for {
		old := m.abort.Load()
		if old >= level {
			return
		}
		if m.abort.CompareAndSwap(old, level) {
			if old == abortNone {
				lua.RequestInterrupt(1)
			}
			return
		}
	}
}

func (m *Machine) clearAbort() {
	if m.abort.Swap(abortNone) != abortNone {
		lua.RequestInterrupt(-1)
	}
}

// raiseAbort runs on the goroutine executing Lua.
func (m *Machine) raiseAbort(L *lua.LState) {
	switch m.abort.Load() {
	case abortSoft:
		if m.abort.CompareAndSwap(abortSoft, abortNone) {
			lua.RequestInterrupt(-1)
		}
		L.RaiseError(ErrTooLongWithoutYielding)
	case abortMemory:
		m.raiseMemory(L)
	case abortKill:
		L.Error(lua.LString("coroutine collected"), 0)
	case abortHard:
		L.Error(lua.LString(ErrTooLongWithoutYielding), 0)
	}
}

// Interrupt is called by long-running Go natives (pattern matching) every few
// thousand steps so that the watchdog reaches them too.
func (m *Machine) Interrupt(L *lua.LState) {
	if m.abort.Load() != abortNone {
		m.raiseAbort(L)
	}
}

// mustUnwind reports whether a caught error has to be re-raised, because the
// computer is being stopped or the coroutine collected.
func (m *Machine) mustUnwind() bool {
	return m.abort.Load() >= abortKill
}
