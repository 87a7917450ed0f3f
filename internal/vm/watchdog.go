package vm

import (
	"sync"
	"sync/atomic"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// gopher-lua's only interruption mechanism, LState.SetContext, checks a
// channel on every instruction and costs 25-50 % on CPU-bound code. PUC Lua
// instead checks a hook counter at a few instructions. We do the same: the
// handlers for the instructions every loop and call must pass through (JMP,
// FORLOOP, TFORLOOP, CALL, TAILCALL) are wrapped once per process with a check
// of one atomic counter. The counter is non-zero only while some machine
// wants its running code stopped, so the normal cost is one load and one
// extra indirect call on those instructions (about 5 % on recursive fib).
// The table is reached with go:linkname; gopher-lua is pinned in go.mod, and
// TestAbortHookInstalled fails if its layout ever changes.

type instFunc func(*lua.LState, uint32, unsafe.Pointer) int

//go:linkname jumpTable github.com/yuin/gopher-lua.jumpTable
var jumpTable [lua.OP_NOP + 1]instFunc

var (
	hookOnce sync.Once
	// pendingAborts counts machines with an abort request outstanding.
	pendingAborts atomic.Int32
	// machinesByGlobal finds the machine of a running thread; all threads of
	// one machine share one *lua.Global.
	machinesByGlobal sync.Map // *lua.Global -> *Machine
)

func installAbortHook() {
	hookOnce.Do(func() {
		for _, op := range []int{lua.OP_JMP, lua.OP_FORLOOP, lua.OP_TFORLOOP, lua.OP_CALL, lua.OP_TAILCALL} {
			orig := jumpTable[op]
			jumpTable[op] = func(L *lua.LState, inst uint32, bf unsafe.Pointer) int {
				if pendingAborts.Load() != 0 {
					checkAbort(L)
				}
				return orig(L, inst, bf)
			}
		}
	})
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
				pendingAborts.Add(1)
			}
			return
		}
	}
}

func (m *Machine) clearAbort() {
	if m.abort.Swap(abortNone) != abortNone {
		pendingAborts.Add(-1)
	}
}

// raiseAbort runs on the goroutine executing Lua.
func (m *Machine) raiseAbort(L *lua.LState) {
	switch m.abort.Load() {
	case abortSoft:
		if m.abort.CompareAndSwap(abortSoft, abortNone) {
			pendingAborts.Add(-1)
		}
		L.RaiseError(ErrTooLongWithoutYielding)
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
