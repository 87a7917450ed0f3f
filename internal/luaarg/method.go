package luaarg

import (
	lua "github.com/yuin/gopher-lua"
)

// gopher-lua's instruction layout (opcode.go): opcode in the top 6 bits, A
// in the next 8. TestMethodCallDetection guards it.

// writesA lists the opcodes that store into register A, the ones that
// can load the function slot of a later OP_CALL.
var writesA = func() (w [64]bool) {
	for _, op := range []int{
		lua.OP_MOVE, lua.OP_MOVEN, lua.OP_LOADK, lua.OP_LOADBOOL, lua.OP_LOADNIL,
		lua.OP_GETUPVAL, lua.OP_GETGLOBAL, lua.OP_GETTABLE, lua.OP_GETTABLEKS,
		lua.OP_NEWTABLE, lua.OP_SELF,
		lua.OP_ADD, lua.OP_SUB, lua.OP_MUL, lua.OP_DIV, lua.OP_MOD, lua.OP_POW,
		lua.OP_UNM, lua.OP_NOT, lua.OP_LEN, lua.OP_CONCAT,
		lua.OP_TESTSET, lua.OP_CALL, lua.OP_CLOSURE, lua.OP_VARARG,
	} {
		w[op] = true
	}
	return w
}()

// calledAsMethod reports whether the running Go function was called with
// ':' syntax, so argument errors can be renumbered like PUC's
// luaL_argerror. gopher-lua does not expose the caller's pc, so every
// call site of that name on the current line must agree.
func calledAsMethod(L *lua.LState, name string) bool {
	dbg, ok := L.GetStack(1)
	if !ok {
		return false
	}
	fv, err := L.GetInfo("fl", dbg, lua.LNil)
	if err != nil {
		return false
	}
	fn, ok := fv.(*lua.LFunction)
	if !ok || fn.IsG || fn.Proto == nil || dbg.CurrentLine <= 0 {
		return false
	}
	p := fn.Proto
	found := false
	for _, c := range p.DbgCalls {
		if c.Name != name || c.Pc >= len(p.Code) || c.Pc >= len(p.DbgSourcePositions) || p.DbgSourcePositions[c.Pc] != dbg.CurrentLine {
			continue
		}
		a := int(p.Code[c.Pc]>>18) & 0xff
		self := false
		for pc := c.Pc - 1; pc >= 0; pc-- {
			in := p.Code[pc]
			if writesA[in>>26] && int(in>>18)&0xff == a {
				self = int(in>>26) == lua.OP_SELF
				break
			}
		}
		if !self {
			return false
		}
		found = true
	}
	return found
}
