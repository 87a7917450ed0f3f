package vm

import (
	lua "github.com/yuin/gopher-lua"
)

// A coroutine that dies by an error keeps its stack in PUC Lua (and
// Cobalt): debug.getinfo(co, level) still reads the frames where the error
// was raised. CC:Tweaked's shell relies on it to show the failing line of a
// program (cc.internal.exception.report finds the frame at the error's
// file:line and reads its currentcolumn). A coroutine here runs on a
// pooled worker thread that is unwound and reused, so the frames are copied
// when the error is raised, by the error handler its PCall runs under.

// maxDeadFrames bounds the copy: enough for any report (CC:Tweaked scans 16).
const maxDeadFrames = 32

// deadFrame is what debug.getinfo reports of one level of a dead coroutine.
type deadFrame struct {
	fn             *lua.LFunction
	line, col      int
	name, namewhat string
	tail           bool
}

// coroutineErrorHandler returns the handler a coroutine's body runs under:
// it records the coroutine's frames and passes the error on unchanged.
func (m *Machine) coroutineErrorHandler() *lua.LFunction {
	if m.coErrHandler == nil {
		m.coErrHandler = m.L.NewFunction(func(L *lua.LState) int {
			if co := m.current; co != nil && !m.mustUnwind() {
				co.dead = snapshotFrames(L)
			}
			return 1 // the error value, as it came
		})
	}
	return m.coErrHandler
}

// snapshotFrames copies the levels of L below the handler's own (level 0).
func snapshotFrames(L *lua.LState) []deadFrame {
	var frames []deadFrame
	for level := 1; len(frames) < maxDeadFrames; level++ {
		dbg, ok := L.Frame(level)
		if !ok {
			break
		}
		f := deadFrame{fn: dbg.Func(), line: -1, tail: dbg.IsTailCall()}
		f.name, f.namewhat = dbg.FuncName()
		if !f.fn.IsG {
			if _, err := L.GetInfo("l", dbg, lua.LNil); err == nil {
				f.line, f.col = dbg.CurrentLine, dbg.CurrentColumn
			}
		}
		frames = append(frames, f)
	}
	return frames
}

// deadInfo is debug.getinfo(co, level, what) of a coroutine that died by
// an error: nil when the level is past its recorded frames.
func (m *Machine) deadInfo(L *lua.LState, co *Coroutine, level int, what string) lua.LValue {
	if level < 0 || level >= len(co.dead) {
		return lua.LNil
	}
	f := co.dead[level]
	t := m.infoTable(L, nil, nil, f.fn, what)
	for _, c := range what {
		switch c {
		case 'l':
			t.RawSetString("currentline", lua.LNumber(f.line))
			if f.col > 0 {
				t.RawSetString("currentcolumn", lua.LNumber(f.col))
			}
		case 'n':
			if f.namewhat != "" {
				t.RawSetString("name", lua.LString(f.name))
			}
			t.RawSetString("namewhat", lua.LString(f.namewhat))
		case 't':
			t.RawSetString("istailcall", lua.LBool(f.tail))
		}
	}
	return t
}
