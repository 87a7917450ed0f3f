package luaarg

import (
	lua "github.com/yuin/gopher-lua"
)

// gopher-lua v1.1.2 instruction layout (opcode.go): opcode in the top 6
// bits, A in the next 8. TestMethodCallDetection guards these numbers.
const (
	opSelf = 14
)

// writesA lists the opcodes that store into register A, the ones that
// can load the function slot of a later OP_CALL.
var writesA = [64]bool{
	0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 8: true, // MOVE..GETTABLEKS
	13: true, 14: true, // NEWTABLE, SELF
	15: true, 16: true, 17: true, 18: true, 19: true, 20: true, 21: true, 22: true, 23: true, 24: true, // ADD..CONCAT
	30: true, 31: true, 39: true, 40: true, // TESTSET, CALL, CLOSURE, VARARG
}

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
				self = in>>26 == opSelf
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
