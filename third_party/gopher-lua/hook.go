package lua

import (
	"fmt"
	"sync/atomic"
)

// craftos: debug hooks and interrupts, as PUC Lua's luaG_traceexec and
// lua_sethook. gopher-lua had neither (only LState.SetContext, which checks a
// channel on every instruction and costs 25-50 %).
//
// The instruction loop (mainLoop) checks one process-wide counter before every
// instruction: hookActive is non-zero while some thread has a hook set or
// some embedder asked for an interrupt (RequestInterrupt). Only then does it
// take the slow path, traceExec, which calls the interrupt handler, and the
// count, call, return and line hooks of the running thread.

// HookEvent is the event a hook is called for (PUC's LUA_HOOK*).
type HookEvent int

const (
	HookCall HookEvent = iota
	HookReturn
	HookLine
	HookCount
	HookTailCall
)

// String is the event's name as debug.sethook's hooks receive it.
func (e HookEvent) String() string {
	return [...]string{"call", "return", "line", "count", "tail call"}[e]
}

// HookMask selects the events of a hook (PUC's LUA_MASK*).
type HookMask uint8

const (
	MaskCall HookMask = 1 << iota
	MaskReturn
	MaskLine
	MaskCount
)

// Hook is called on the thread running Lua, with the hooked function as the
// running frame: L.GetStack(0) from inside the hook (or level 2 of
// debug.getinfo called by a Lua hook function) is the function that caused
// the event. line is the new line for HookLine, -1 otherwise. Hooks are not
// called while a hook runs.
type Hook func(L *LState, event HookEvent, line int)

type hookState struct {
	fn     Hook
	mask   HookMask
	count  int // PUC's basehookcount
	left   int // instructions left until the next count event
	inHook bool
	// where the last traced instruction was, for line events
	lastFrame *callFrame
	lastFn    *LFunction
	lastPc    int // cf.Pc after fetching it: the next instruction's index
	lastOp    int
}

var (
	// hookActive is what mainLoop checks: threads with a hook plus pending
	// interrupts, over the whole process.
	hookActive atomic.Int32
	// interrupts is the pending interrupts alone.
	interrupts atomic.Int32
	// interruptHandler is called by traceExec while an interrupt is pending.
	interruptHandler atomic.Pointer[func(*LState)]
)

// SetInterruptHandler sets the function the VM calls before an instruction
// while RequestInterrupt's count is positive. It may raise an error on L
// (a watchdog's "Too long without yielding") or do nothing (the interrupt
// was meant for another state). One handler serves the process.
func SetInterruptHandler(h func(L *LState)) {
	interruptHandler.Store(&h)
}

// RequestInterrupt adds delta (+1 or -1) to the pending interrupts. While
// any is pending every thread of the process calls the interrupt handler
// before each instruction.
func RequestInterrupt(delta int32) {
	interrupts.Add(delta)
	hookActive.Add(delta)
}

// SetHook sets the hook of thread L (nil fn or zero mask removes it), as
// lua_sethook: count is the number of instructions between count events.
func (ls *LState) SetHook(fn Hook, mask HookMask, count int) {
	if count <= 0 {
		mask &^= MaskCount
		count = 0
	}
	if fn == nil || mask == 0 {
		if ls.hook != nil {
			ls.hook = nil
			hookActive.Add(-1)
		}
		return
	}
	if ls.hook == nil {
		hookActive.Add(1)
	}
	ls.hook = &hookState{fn: fn, mask: mask, count: count, left: count, lastOp: -1}
}

// GetHook returns the hook of thread L, as lua_gethook, lua_gethookmask and
// lua_gethookcount.
func (ls *LState) GetHook() (Hook, HookMask, int) {
	if ls.hook == nil {
		return nil, 0, 0
	}
	return ls.hook.fn, ls.hook.mask, ls.hook.count
}

// traceExec runs before the instruction inst of frame cf (cf.Pc already
// points past it) while hookActive is non-zero.
func traceExec(L *LState, cf *callFrame, inst uint32) {
	if interrupts.Load() != 0 {
		if h := interruptHandler.Load(); h != nil {
			(*h)(L)
		}
	}
	hs := L.hook
	if hs == nil || hs.inHook {
		return
	}
	op := int(inst >> 26)
	npc := cf.Pc - 1
	newFrame := cf != hs.lastFrame || cf.Fn != hs.lastFn
	entered := npc == 0 && (newFrame || hs.lastOp == OP_CALL || hs.lastOp == OP_TAILCALL || hs.lastOp == -1)
	if newFrame && !entered {
		// back in a caller after a return: PUC's luaD_poscall sets oldpc
		// to the caller's call instruction, so its line does not fire again.
		hs.lastPc = cf.Pc - 1
	}
	oldPc := hs.lastPc
	prevOp := hs.lastOp
	hs.lastFrame, hs.lastFn, hs.lastPc, hs.lastOp = cf, cf.Fn, cf.Pc, op

	if entered && hs.mask&MaskCall != 0 {
		ev := HookCall
		if prevOp == OP_TAILCALL || cf.TailCall > 0 {
			ev = HookTailCall
		}
		callHook(L, cf, hs, ev, -1)
	}
	if hs.mask&MaskCount != 0 {
		hs.left--
		if hs.left <= 0 {
			hs.left = hs.count
			callHook(L, cf, hs, HookCount, -1)
		}
	}
	if hs.mask&MaskLine != 0 {
		p := cf.Fn.Proto
		newline := p.DbgSourcePositions[npc]
		if npc == 0 || cf.Pc <= oldPc || oldPc < 1 || oldPc > len(p.Code) || newline != p.DbgSourcePositions[oldPc-1] {
			callHook(L, cf, hs, HookLine, newline)
		}
	}
	if op == OP_RETURN && hs.mask&MaskReturn != 0 {
		callHook(L, cf, hs, HookReturn, -1)
	}
}

// callHook calls the hook above the running frame's live registers (every
// register write raises the top past it) and restores the top after, which an
// instruction after a multiple-results call still needs, as luaD_hook.
func callHook(L *LState, cf *callFrame, hs *hookState, ev HookEvent, line int) {
	top := L.reg.Top()
	hs.inHook = true
	returned := false
	defer func() {
		hs.inHook = false
		// craftos: an error leaving the hook keeps the top where it was
		// raised, as the frames above are not unwound yet: an error
		// handler called there (xpcall, a coroutine's) gets its value.
		if returned {
			L.reg.SetTop(top)
		}
	}()
	hs.fn(L, ev, line)
	returned = true
}

// MaxCCalls is PUC's LUAI_MAXCCALLS: how deep Go code (metamethods, pcall,
// library callbacks, resumes) may nest calls into the VM. Each level costs
// Go stack, so this bounds the Go recursion Lua can cause.
const MaxCCalls = 200

// CCalls is the number of nested entries into the VM of thread L.
func (ls *LState) CCalls() int { return ls.nCcalls }

// SetCCalls carries the count to a thread that goes on with another's
// work (a protected call's or a coroutine's thread), as lua_resume does.
func (ls *LState) SetCCalls(n int) { ls.nCcalls = n }

// enterCCall is luaD_call's check: "C stack overflow" at the limit, then,
// for code that goes on recursing while handling that error, "error in
// error handling" an eighth further.
func enterCCall(L *LState) {
	L.nCcalls++
	if L.nCcalls < MaxCCalls {
		return
	}
	var msg string
	switch {
	case L.nCcalls == MaxCCalls:
		msg = callerWhere(L) + "C stack overflow"
	case L.nCcalls >= MaxCCalls+MaxCCalls>>3:
		msg = "error in error handling"
	default:
		return
	}
	// The error belongs to the caller: the new frame has run nothing yet
	// (and has no current line for tracebacks).
	L.stack.Pop()
	L.currentFrame = L.stack.Last()
	L.Error(LString(msg), 0)
}

// callerWhere is luaG_runerror's position for an error raised on entry to
// a frame: its caller's, when that is a Lua function.
func callerWhere(L *LState) string {
	cf := L.currentFrame
	if cf == nil || cf.Parent == nil || cf.Parent.Fn.IsG || cf.Parent.Pc < 1 {
		return ""
	}
	p := cf.Parent.Fn.Proto
	return fmt.Sprintf("%s:%d: ", p.SourceName, p.DbgSourcePositions[cf.Parent.Pc-1])
}
