package vm

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// What the event trace (--trace-events) reads of coroutines.

// Func is the function a coroutine was created from.
func (co *Coroutine) Func() *lua.LFunction { return co.fn }

// HostCoroutine is the coroutine the host resumes with events (the bios),
// nil before ServeInPlace.
func (m *Machine) HostCoroutine() *Coroutine { return m.hostTop }

// WaitingAt is where a waiting coroutine (suspended, or the host coroutine
// while its yield is answered) stands, as source:line: its innermost Lua
// frame whose chunk name is not one of skip's (the ROM's). It is "" when
// there is none (a ROM manager waiting for its coroutines) or the
// coroutine is not waiting. Only the goroutine running Lua may call it.
func (m *Machine) WaitingAt(co *Coroutine, skip func(source string) bool) string {
	if co == nil || co.w == nil || co.status == Dead {
		return ""
	}
	for _, f := range m.stackFrames(m.innermost(co.w.th)) {
		dbg := f.dbg
		if _, err := f.th.GetInfo("Sl", dbg, nil); err != nil || dbg.What == "C" || dbg.CurrentLine <= 0 {
			continue
		}
		if !skip(dbg.Source) {
			return fmt.Sprintf("%s:%d", strings.TrimPrefix(dbg.Source, "@"), dbg.CurrentLine)
		}
	}
	return ""
}
