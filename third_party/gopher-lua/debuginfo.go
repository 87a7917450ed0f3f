package lua

import (
	"fmt"
	"strings"
)

// craftos: stack levels, function names and tail-call marks as PUC Lua 5.2's
// lua_getstack and lua_getinfo ("n", "t") give them, for debug.getinfo and
// debug.traceback. gopher-lua's GetStack counts a tail call as a level of
// its own and names functions by their definition; PUC has no level for
// tail calls (it marks the frame instead) and names a function by the call
// instruction of its caller (getfuncname), reusing getObjName (varinfo.go).

// Frame is lua_getstack: the frame at level (0 is the running function),
// tail calls not counted.
func (ls *LState) Frame(level int) (*Debug, bool) {
	if level < 0 {
		return nil, false
	}
	frame := ls.currentFrame
	for ; level > 0 && frame != nil; level-- {
		frame = frame.Parent
	}
	if frame == nil {
		return nil, false
	}
	return &Debug{frame: frame}, true
}

// IsTailCall is lua_getinfo's istailcall: the frame's function was called by
// a tail call, so its caller is gone.
func (dbg *Debug) IsTailCall() bool {
	return dbg.frame != nil && !dbg.frame.Fn.IsG && dbg.frame.TailCall > 0
}

// Func is the frame's function.
func (dbg *Debug) Func() *LFunction {
	if dbg.frame == nil {
		return nil
	}
	return dbg.frame.Fn
}

// CallerIsGo reports whether the frame has no Lua caller on this thread.
func (dbg *Debug) CallerIsGo() bool {
	return dbg.frame == nil || dbg.frame.Parent == nil || dbg.frame.Parent.Fn.IsG
}

// FuncName is getfuncname: the name and namewhat ("global", "local",
// "method", "field", "upvalue", "for iterator", "metamethod") of the frame's
// function, from the instruction of its Lua caller that called it; "", ""
// when the caller is a Go function or gone (a tail call).
func (dbg *Debug) FuncName() (name, namewhat string) {
	if dbg.IsTailCall() || dbg.CallerIsGo() {
		return "", ""
	}
	caller := dbg.frame.Parent
	p := caller.Fn.Proto
	pc := caller.Pc - 1
	if pc < 0 || pc >= len(p.Code) {
		return "", ""
	}
	inst := p.Code[pc]
	var event string
	switch opGetOpCode(inst) {
	case OP_CALL, OP_TAILCALL:
		kind, name := getObjName(p, pc, opGetArgA(inst))
		if kind == "constant" {
			return "", ""
		}
		return name, kind
	case OP_TFORLOOP:
		return "for iterator", "for iterator"
	case OP_SELF, OP_GETTABLE, OP_GETTABLEKS, OP_GETGLOBAL:
		event = "__index"
	case OP_SETTABLE, OP_SETTABLEKS, OP_SETGLOBAL:
		event = "__newindex"
	case OP_ADD:
		event = "__add"
	case OP_SUB:
		event = "__sub"
	case OP_MUL:
		event = "__mul"
	case OP_DIV:
		event = "__div"
	case OP_MOD:
		event = "__mod"
	case OP_POW:
		event = "__pow"
	case OP_UNM:
		event = "__unm"
	case OP_LEN:
		event = "__len"
	case OP_CONCAT:
		event = "__concat"
	case OP_EQ:
		event = "__eq"
	case OP_LT:
		event = "__lt"
	case OP_LE:
		event = "__le"
	default:
		return "", ""
	}
	return event, "metamethod"
}

// Vararg is lua_getlocal's negative indices (findvararg): the n-th extra
// argument (n >= 1) of a vararg Lua function's frame.
func (ls *LState) Vararg(dbg *Debug, n int) (LValue, bool) {
	at, ok := varargIndex(dbg, n)
	if !ok {
		return LNil, false
	}
	return ls.reg.Get(at), true
}

// SetVararg is lua_setlocal's negative indices.
func (ls *LState) SetVararg(dbg *Debug, n int, v LValue) bool {
	at, ok := varargIndex(dbg, n)
	if ok {
		ls.reg.array[at] = v
	}
	return ok
}

func varargIndex(dbg *Debug, n int) (int, bool) {
	cf := dbg.frame
	if cf == nil || cf.Fn.IsG || cf.Fn.Proto.IsVarArg == 0 || n < 1 {
		return 0, false
	}
	np := int(cf.Fn.Proto.NumParameters)
	if n > cf.NArgs-np {
		return 0, false
	}
	// gopher-lua keeps the extra arguments below the frame's locals.
	return cf.Base + np + n, true
}

// Traceback is luaL_traceback's "stack traceback:" text for the frames of
// thread L from level on, in one walk of the frames. Go functions are named
// only by their call site (the embedder's debug.traceback also looks them up
// among the globals).
func (ls *LState) Traceback(level int) string {
	var frames []*callFrame
	for f := ls.currentFrame; f != nil; f = f.Parent {
		frames = append(frames, f)
	}
	if level < 0 {
		level = 0
	}
	var b strings.Builder
	b.WriteString("stack traceback:")
	const head, tail = 12, 11 // PUC's LEVELS1 and LEVELS2
	n := len(frames)
	for ; level < n; level++ {
		if n > head+tail && level == head-1 {
			b.WriteString("\n\t...")
			level = n - tail - 1
			continue
		}
		dbg := &Debug{frame: frames[level]}
		b.WriteString("\n\t")
		b.WriteString(dbg.Where())
		b.WriteString(" in ")
		b.WriteString(dbg.FuncDescription("?"))
		if dbg.IsTailCall() {
			b.WriteString("\n\t(...tail calls...)")
		}
	}
	return b.String()
}

// Where is a traceback line's position: "[C]:" for a Go function,
// "source:line:" for a Lua one.
func (dbg *Debug) Where() string {
	cf := dbg.frame
	if cf.Fn.IsG {
		return "[C]:"
	}
	p := cf.Fn.Proto
	if cf.Pc > 0 && cf.Pc <= len(p.DbgSourcePositions) {
		return fmt.Sprintf("%s:%d:", p.SourceName, p.DbgSourcePositions[cf.Pc-1])
	}
	return p.SourceName + ":"
}

// FuncDescription is pushfuncname: "function 'name'", "main chunk",
// goName for an unnamed Go function, or "function <source:line>".
func (dbg *Debug) FuncDescription(goName string) string {
	if name, namewhat := dbg.FuncName(); namewhat != "" {
		return "function '" + name + "'"
	}
	fn := dbg.frame.Fn
	switch {
	case fn.IsG:
		return goName
	case fn.Proto.LineDefined == 0:
		return "main chunk"
	}
	return fmt.Sprintf("function <%s:%d>", fn.Proto.SourceName, fn.Proto.LineDefined)
}
