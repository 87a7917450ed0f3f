package lua

// craftos: runtime errors name the variable as PUC Lua 5.2 does
// ("attempt to index local 'x' (a nil value)"): ldebug.c's varinfo,
// getobjname, kname and findsetreg, over gopher-lua's opcodes (GETGLOBAL,
// GETTABLEKS, MOVEN, CLOSURE's pseudo-instructions).

// typeError raises "attempt to <op> <kind> '<name>' (a <type> value)", with
// the name of register reg of the running Lua function (reg < 0, or a
// constant RK index: no name, as PUC for values outside the stack).
func (ls *LState) typeError(v LValue, reg int, op string) {
	ls.typeErrorInfo(v, ls.varInfo(reg), op)
}

func (ls *LState) typeErrorInfo(v LValue, info, op string) {
	if info == "" {
		ls.RaiseError("attempt to %s a %s value", op, v.Type().String())
	}
	ls.RaiseError("attempt to %s %s(a %s value)", op, info, v.Type().String())
}

// varInfo is PUC's varinfo: "local 'x' ", "global 'x' ", ... or "".
func (ls *LState) varInfo(reg int) string {
	cf := ls.currentFrame
	if reg < 0 || reg >= opBitRk || cf == nil || cf.Fn == nil || cf.Fn.IsG || cf.Pc < 1 {
		return ""
	}
	kind, name := getObjName(cf.Fn.Proto, cf.Pc-1, reg)
	if kind == "" {
		return ""
	}
	return kind + " '" + name + "' "
}

// constantInfo names a string constant operand the way PUC does after
// loading it into a register with LOADK (gopher-lua reads it in place).
func (ls *LState) constantInfo(rk int) string {
	cf := ls.currentFrame
	if rk < opBitRk || cf == nil || cf.Fn == nil || cf.Fn.IsG {
		return ""
	}
	if s, ok := cf.Fn.Proto.Constants[opIndexK(rk)].(LString); ok {
		return "constant '" + string(s) + "' "
	}
	return ""
}

// indexError raises PUC's index error for v. first tells whether v is the
// value the current instruction indexes (not one reached through __index
// or __newindex, which PUC leaves unnamed).
func (ls *LState) indexError(v LValue, first bool) {
	reg := -1
	cf := ls.currentFrame
	if first && cf != nil && cf.Fn != nil && !cf.Fn.IsG && cf.Pc >= 1 {
		inst := cf.Fn.Proto.Code[cf.Pc-1]
		switch opGetOpCode(inst) {
		case OP_GETTABLE, OP_GETTABLEKS, OP_SELF:
			reg = opGetArgB(inst)
		case OP_SETTABLE, OP_SETTABLEKS:
			reg = opGetArgA(inst)
		}
		// Only when the register really holds v (a native may index
		// from Go while a Lua frame is current).
		if reg >= 0 && ls.reg.Get(cf.LocalBase+reg) != v {
			reg = -1
		}
	}
	ls.typeError(v, reg, "index")
}

// arithError is PUC's luaG_aritherror: it blames the first operand that is
// not a number (nor a string convertible to one).
func (ls *LState) arithError(lhs, rhs LValue, b, c int) {
	if _, ok := toArithNumber(lhs); !ok {
		rhs, c = lhs, b
	}
	ls.typeError(rhs, c, "perform arithmetic on")
}

func toArithNumber(v LValue) (LNumber, bool) {
	switch x := v.(type) {
	case LNumber:
		return x, true
	case LString:
		if n, err := parseNumber(string(x)); err == nil {
			return n, true
		}
	}
	return 0, false
}

// orderError is PUC's luaG_ordererror.
func (ls *LState) orderError(lhs, rhs LValue) {
	t1, t2 := lhs.Type().String(), rhs.Type().String()
	if t1 == t2 {
		ls.RaiseError("attempt to compare two %s values", t1)
	}
	ls.RaiseError("attempt to compare %s with %s", t1, t2)
}

// localName is luaF_getlocalname: the name of register reg at pc. A
// gopher-lua local is active from StartPc to EndPc, both included.
func localName(p *FunctionProto, reg, pc int) string {
	n := reg + 1
	for _, l := range p.DbgLocals {
		if l.StartPc > pc {
			break
		}
		if pc <= l.EndPc {
			n--
			if n == 0 {
				return l.Name
			}
		}
	}
	return ""
}

// getObjName is PUC's getobjname: what register reg holds at lastpc
// ("local", "global", "field", "upvalue", "constant", "method") and its name.
func getObjName(p *FunctionProto, lastpc, reg int) (string, string) {
	if name := localName(p, reg, lastpc); name != "" {
		return "local", name
	}
	pc := findSetReg(p, lastpc, reg)
	if pc < 0 {
		return "", ""
	}
	inst := p.Code[pc]
	switch opGetOpCode(inst) {
	case OP_MOVE, OP_MOVEN:
		if b := opGetArgB(inst); b < opGetArgA(inst) {
			return getObjName(p, pc, b)
		}
	case OP_GETGLOBAL:
		if s, ok := p.Constants[opGetArgBx(inst)].(LString); ok {
			return "global", string(s)
		}
	case OP_GETTABLE, OP_GETTABLEKS:
		name := kname(p, pc, opGetArgC(inst))
		if localName(p, opGetArgB(inst), pc) == "_ENV" {
			return "global", name
		}
		return "field", name
	case OP_GETUPVAL:
		if b := opGetArgB(inst); b < len(p.DbgUpvalues) {
			return "upvalue", p.DbgUpvalues[b]
		}
		return "upvalue", "?"
	case OP_LOADK:
		if s, ok := p.Constants[opGetArgBx(inst)].(LString); ok {
			return "constant", string(s)
		}
	case OP_SELF:
		return "method", kname(p, pc, opGetArgC(inst))
	}
	return "", ""
}

// kname is PUC's kname: the name of a key, if it is a string constant.
func kname(p *FunctionProto, pc, c int) string {
	if opIsK(c) {
		if s, ok := p.Constants[opIndexK(c)].(LString); ok {
			return string(s)
		}
	} else if kind, name := getObjName(p, pc, c); kind == "constant" {
		return name
	}
	return "?"
}

// findSetReg is PUC's findsetreg: the last instruction before lastpc that
// changed reg, following forward jumps that do not skip lastpc.
func findSetReg(p *FunctionProto, lastpc, reg int) int {
	setreg := -1
	jmptarget := 0 // code before it is conditional (PUC 5.2.4's findsetreg)
	set := func(pc int) {
		if pc < jmptarget {
			setreg = -1 // inside a jump: cannot know who sets the register
		} else {
			setreg = pc
		}
	}
	for pc := 0; pc < lastpc; pc++ {
		inst := p.Code[pc]
		op := opGetOpCode(inst)
		a := opGetArgA(inst)
		switch op {
		case OP_LOADNIL:
			if a <= reg && reg <= opGetArgB(inst) {
				set(pc)
			}
		case OP_TFORLOOP:
			if reg >= a+2 {
				set(pc)
			}
		case OP_CALL, OP_TAILCALL:
			if reg >= a {
				set(pc)
			}
		case OP_JMP:
			if dest := pc + 1 + opGetArgSbx(inst); pc < dest && dest <= lastpc && dest > jmptarget {
				jmptarget = dest
			}
		case OP_TEST:
			if reg == a {
				set(pc)
			}
		case OP_CLOSURE:
			if reg == a {
				set(pc)
			}
			// Skip the upvalue pseudo-instructions that follow.
			if bx := opGetArgBx(inst); bx < len(p.FunctionPrototypes) {
				pc += int(p.FunctionPrototypes[bx].NumUpvalues)
			}
		default:
			if opProps[op].SetRegA && reg == a {
				set(pc)
			}
		}
	}
	return setreg
}

// unaryArithError is luaG_aritherror for unary minus; a string constant
// operand is named as PUC names it after its LOADK.
func (ls *LState) unaryArithError(v LValue, b int) {
	if info := ls.constantInfo(b); info != "" {
		ls.typeErrorInfo(v, info, "perform arithmetic on")
	}
	ls.typeError(v, b, "perform arithmetic on")
}

// concatError is luaG_concaterror for the pair at absolute registers i and
// i+1: it blames the left operand unless that one is a string or number.
func (ls *LState) concatError(lhs, rhs LValue, i int) {
	reg := i - ls.currentFrame.LocalBase
	if LVCanConvToString(lhs) {
		lhs, reg = rhs, reg+1
	}
	ls.typeError(lhs, reg, "concatenate")
}
