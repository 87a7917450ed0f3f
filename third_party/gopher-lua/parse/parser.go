package parse

// craftos: the parser is a port of PUC Lua 5.2's lparser.c (recursive
// descent), replacing gopher-lua's goyacc grammar, so that syntax errors
// read exactly as PUC's ("'=' expected near 'x'", "'end' expected (to close
// 'function' at line 1) near <eof>", goto/label errors) and nesting is
// limited as PUC limits it (LUAI_MAXCCALLS: "too many C levels (limit is
// 200)"), which also bounds every recursive walk of the AST it builds. It
// builds gopher-lua's AST, with the same node lines as the old grammar.

import (
	"fmt"
	"io"

	"github.com/yuin/gopher-lua/ast"
)

const (
	maxCCalls = 200 // LUAI_MAXCCALLS
	// baseCCalls is PUC's nCcalls when a script's top level calls load().
	baseCCalls = 2
	maxVars    = 200 // MAXVARS
)

type labelDesc struct {
	name    string
	line    int
	nactvar int
}

type blockCnt struct {
	previous   *blockCnt
	firstlabel int
	firstgoto  int
	nactvar    int
	isloop     bool
}

type funcState struct {
	prev        *funcState
	linedefined int
	isVararg    bool
	bl          *blockCnt
	actvar      []string // names of active locals, then declared-but-pending ones
	nactvar     int
}

type parser struct {
	*lexer
	fs      *funcState
	nCcalls int
	gotos   []labelDesc // pending gotos (dyd->gt)
	labels  []labelDesc // active labels (dyd->label)
}

// Parse reads a whole chunk; name is the chunk name as errors show it.
func Parse(reader io.Reader, name string) ([]ast.Stmt, error) {
	src, err := io.ReadAll(reader)
	if err != nil {
		return nil, err
	}
	return ParseString(string(src), name, nil)
}

// ErrInterrupted is returned when interrupt asked the parse to stop.
var ErrInterrupted = fmt.Errorf("parse interrupted")

// ParseString parses src; interrupt, if not nil, is called every thousand
// tokens and stops the parse (ErrInterrupted) when it returns true.
func ParseString(src, name string, interrupt func() bool) (chunk []ast.Stmt, err error) {
	defer func() {
		if e := recover(); e != nil {
			switch e := e.(type) {
			case *Error:
				chunk, err = nil, e
			case errInterrupted:
				chunk, err = nil, ErrInterrupted
			default:
				panic(e)
			}
		}
	}()
	p := &parser{lexer: newLexer(src, name, interrupt), nCcalls: baseCCalls}
	chunk = p.mainfunc()
	if err := checkDepth(chunk, name); err != nil {
		return nil, err
	}
	return chunk, nil
}

func (p *parser) errorExpected(tok int) {
	p.syntaxError(token2str(tok) + " expected")
}

func (p *parser) errorLimit(limit int, what string) {
	where := "main function"
	if p.fs.linedefined != 0 {
		where = fmt.Sprintf("function at line %d", p.fs.linedefined)
	}
	p.syntaxError(fmt.Sprintf("too many %s (limit is %d) in %s", what, limit, where))
}

func (p *parser) checkLimit(v, l int, what string) {
	if v > l {
		p.errorLimit(l, what)
	}
}

// semError reports an error with no "near" part.
func (p *parser) semError(msg string) {
	panic(&Error{Source: p.source, Line: p.linenumber, Message: msg})
}

func (p *parser) testNext(c int) bool {
	if p.t.tok == c {
		p.advance()
		return true
	}
	return false
}

func (p *parser) check(c int) {
	if p.t.tok != c {
		p.errorExpected(c)
	}
}

func (p *parser) checkNext(c int) {
	p.check(c)
	p.advance()
}

func (p *parser) checkMatch(what, who, where int) {
	if !p.testNext(what) {
		if where == p.linenumber {
			p.errorExpected(what)
		}
		p.syntaxError(fmt.Sprintf("%s expected (to close %s at line %d)", token2str(what), token2str(who), where))
	}
}

func (p *parser) strCheckName() token {
	p.check(tkName)
	t := p.t
	p.advance()
	return t
}

func (p *parser) enterLevel() {
	p.nCcalls++
	p.checkLimit(p.nCcalls, maxCCalls, "C levels")
}

func (p *parser) leaveLevel() { p.nCcalls-- }

// Locals, blocks, labels and gotos: tracked only to report PUC's errors
// (gopher-lua's compiler resolves gotos itself).

func (p *parser) newLocalVar(name string) {
	fs := p.fs
	p.checkLimit(len(fs.actvar)+1, maxVars, "local variables")
	fs.actvar = append(fs.actvar, name)
}

func (p *parser) adjustLocalVars(n int) { p.fs.nactvar += n }

func (p *parser) removeVars(tolevel int) {
	p.fs.nactvar = tolevel
	p.fs.actvar = p.fs.actvar[:tolevel]
}

func (p *parser) enterBlock(bl *blockCnt, isloop bool) {
	fs := p.fs
	*bl = blockCnt{previous: fs.bl, firstlabel: len(p.labels), firstgoto: len(p.gotos), nactvar: fs.nactvar, isloop: isloop}
	fs.bl = bl
}

func (p *parser) closeGoto(g int, label *labelDesc) {
	gt := p.gotos[g]
	if gt.nactvar < label.nactvar {
		p.semError(fmt.Sprintf("<goto %s> at line %d jumps into the scope of local '%s'", gt.name, gt.line, p.fs.actvar[gt.nactvar]))
	}
	p.gotos = append(p.gotos[:g], p.gotos[g+1:]...)
}

func (p *parser) findLabel(g int) bool {
	bl := p.fs.bl
	gt := &p.gotos[g]
	for i := bl.firstlabel; i < len(p.labels); i++ {
		if p.labels[i].name == gt.name {
			lb := p.labels[i]
			p.closeGoto(g, &lb)
			return true
		}
	}
	return false
}

func (p *parser) findGotos(lb *labelDesc) {
	i := p.fs.bl.firstgoto
	for i < len(p.gotos) {
		if p.gotos[i].name == lb.name {
			p.closeGoto(i, lb)
		} else {
			i++
		}
	}
}

func (p *parser) moveGotosOut(bl *blockCnt) {
	i := bl.firstgoto
	for i < len(p.gotos) {
		if p.gotos[i].nactvar > bl.nactvar {
			p.gotos[i].nactvar = bl.nactvar
		}
		if !p.findLabel(i) {
			i++
		}
	}
}

func (p *parser) leaveBlock() {
	fs := p.fs
	bl := fs.bl
	if bl.isloop { // close pending breaks
		lb := labelDesc{name: "break", nactvar: fs.nactvar}
		p.labels = append(p.labels, lb)
		p.findGotos(&lb)
	}
	fs.bl = bl.previous
	p.removeVars(bl.nactvar)
	p.labels = p.labels[:bl.firstlabel]
	if bl.previous != nil {
		p.moveGotosOut(bl)
	} else if bl.firstgoto < len(p.gotos) {
		gt := p.gotos[bl.firstgoto]
		if gt.name == "break" {
			p.semError(fmt.Sprintf("<%s> at line %d not inside a loop", gt.name, gt.line))
		}
		p.semError(fmt.Sprintf("no visible label '%s' for <goto> at line %d", gt.name, gt.line))
	}
}

func (p *parser) openFunc(fs *funcState, bl *blockCnt) {
	fs.prev = p.fs
	p.fs = fs
	p.enterBlock(bl, false)
}

func (p *parser) closeFunc() {
	p.leaveBlock()
	p.fs = p.fs.prev
}

func blockFollow(tok int, withUntil bool) bool {
	switch tok {
	case tkElse, tkElseif, tkEnd, tkEOS:
		return true
	case tkUntil:
		return withUntil
	}
	return false
}

func (p *parser) mainfunc() []ast.Stmt {
	fs := &funcState{isVararg: true}
	var bl blockCnt
	p.openFunc(fs, &bl)
	p.advance()
	stmts := p.statList()
	p.check(tkEOS)
	p.closeFunc()
	return stmts
}

// statList parses statements up to the end of a block.
func (p *parser) statList() []ast.Stmt {
	stmts := []ast.Stmt{}
	for !blockFollow(p.t.tok, true) {
		if p.t.tok == tkReturn {
			return p.statement(stmts)
		}
		stmts = p.statement(stmts)
	}
	return stmts
}

func (p *parser) block() []ast.Stmt {
	var bl blockCnt
	p.enterBlock(&bl, false)
	stmts := p.statList()
	p.leaveBlock()
	return stmts
}

// statement parses one statement and appends it to out (a label brings the
// no-op statements after it, as PUC parses them within the label).
func (p *parser) statement(out []ast.Stmt) []ast.Stmt {
	line := p.linenumber
	tline := p.t.line
	p.enterLevel()
	var s ast.Stmt
	switch p.t.tok {
	case ';':
		p.advance()
	case tkIf:
		s = p.ifStat(line)
	case tkWhile:
		s = p.whileStat(line)
	case tkDo:
		p.advance()
		stmts := p.block()
		endLine := p.t.line
		p.checkMatch(tkEnd, tkDo, line)
		d := &ast.DoBlockStmt{Stmts: stmts}
		d.SetLine(tline)
		d.SetLastLine(endLine)
		s = d
	case tkFor:
		s = p.forStat(line)
	case tkRepeat:
		s = p.repeatStat(line)
	case tkFunction:
		s = p.funcStat(line)
	case tkLocal:
		p.advance()
		if p.testNext(tkFunction) {
			s = p.localFunc(tline)
		} else {
			s = p.localStat(tline)
		}
	case tkDbColon:
		p.advance()
		out = p.labelStat(out, p.strCheckName().str, line, tline)
	case tkReturn:
		p.advance()
		s = p.retStat(tline)
	case tkBreak, tkGoto:
		s = p.gotoStat()
	default:
		s = p.exprStat()
	}
	if s != nil {
		out = append(out, s)
	}
	p.leaveLevel()
	return out
}

func (p *parser) gotoStat() ast.Stmt {
	line := p.linenumber
	tline := p.t.line
	var s ast.Stmt
	var name string
	if p.testNext(tkGoto) {
		name = p.strCheckName().str
		s = &ast.GotoStmt{Label: name}
	} else {
		p.advance() // skip break
		name = "break"
		s = &ast.BreakStmt{}
	}
	s.SetLine(tline)
	p.gotos = append(p.gotos, labelDesc{name: name, line: line, nactvar: p.fs.nactvar})
	p.findLabel(len(p.gotos) - 1)
	return s
}

func (p *parser) checkRepeated(name string) {
	for i := p.fs.bl.firstlabel; i < len(p.labels); i++ {
		if p.labels[i].name == name {
			p.semError(fmt.Sprintf("label '%s' already defined on line %d", name, p.labels[i].line))
		}
	}
}

// skipNoopStat parses the ';' and labels that follow a label or a goto.
func (p *parser) skipNoopStat(out []ast.Stmt) []ast.Stmt {
	for p.t.tok == ';' || p.t.tok == tkDbColon {
		out = p.statement(out)
	}
	return out
}

func (p *parser) labelStat(out []ast.Stmt, name string, line, tline int) []ast.Stmt {
	p.checkRepeated(name)
	p.checkNext(tkDbColon)
	p.labels = append(p.labels, labelDesc{name: name, line: line, nactvar: p.fs.nactvar})
	l := len(p.labels) - 1
	label := &ast.LabelStmt{Name: name}
	label.SetLine(tline)
	out = append(out, label)
	out = p.skipNoopStat(out)
	if blockFollow(p.t.tok, false) {
		// the last no-op statement of its block: its locals are out of scope
		p.labels[l].nactvar = p.fs.bl.nactvar
	}
	lb := p.labels[l]
	p.findGotos(&lb)
	return out
}

// testThenBlock parses "[else]if cond then block" (the IF or ELSEIF is the
// current token).
func (p *parser) testThenBlock() *ast.IfStmt {
	tline := p.t.line
	p.advance()
	cond := p.expr()
	p.checkNext(tkThen)
	var bl blockCnt
	stmts := []ast.Stmt{}
	if p.t.tok == tkGoto || p.t.tok == tkBreak {
		p.enterBlock(&bl, false)
		stmts = append(stmts, p.gotoStat())
		stmts = p.skipNoopStat(stmts)
		if blockFollow(p.t.tok, false) {
			p.leaveBlock()
			s := &ast.IfStmt{Condition: cond, Then: stmts}
			s.SetLine(tline)
			return s
		}
	} else {
		p.enterBlock(&bl, false)
	}
	stmts = append(stmts, p.statList()...)
	p.leaveBlock()
	s := &ast.IfStmt{Condition: cond, Then: stmts}
	s.SetLine(tline)
	return s
}

func (p *parser) ifStat(line int) ast.Stmt {
	first := p.testThenBlock()
	cur := first
	for p.t.tok == tkElseif {
		next := p.testThenBlock()
		cur.Else = []ast.Stmt{next}
		cur = next
	}
	if p.testNext(tkElse) {
		cur.Else = p.block()
	}
	endLine := p.t.line
	p.checkMatch(tkEnd, tkIf, line)
	first.SetLastLine(endLine)
	return first
}

func (p *parser) whileStat(line int) ast.Stmt {
	tline := p.t.line
	p.advance()
	cond := p.expr()
	var bl blockCnt
	p.enterBlock(&bl, true)
	p.checkNext(tkDo)
	stmts := p.block()
	endLine := p.t.line
	p.checkMatch(tkEnd, tkWhile, line)
	p.leaveBlock()
	s := &ast.WhileStmt{Condition: cond, Stmts: stmts}
	s.SetLine(tline)
	s.SetLastLine(endLine)
	return s
}

func (p *parser) repeatStat(line int) ast.Stmt {
	tline := p.t.line
	var bl1, bl2 blockCnt
	p.enterBlock(&bl1, true)
	p.enterBlock(&bl2, false)
	p.advance()
	stmts := p.statList()
	p.checkMatch(tkUntil, tkRepeat, line)
	cond := p.expr()
	p.leaveBlock()
	p.leaveBlock()
	s := &ast.RepeatStmt{Condition: cond, Stmts: stmts}
	s.SetLine(tline)
	s.SetLastLine(cond.Line())
	return s
}

func (p *parser) forStat(line int) ast.Stmt {
	tline := p.t.line
	forTok := p.t
	var bl blockCnt
	p.enterBlock(&bl, true)
	p.advance()
	name := p.strCheckName().str
	var s ast.Stmt
	switch p.t.tok {
	case '=':
		n := p.forNum(name)
		n.SetOpPos(forTok.line, forTok.col) // craftos: Cobalt marks a numeric for's 'for'
		s = n
	case ',', tkIn:
		s = p.forList(name)
	default:
		p.syntaxError("'=' or 'in' expected")
	}
	endLine := p.t.line
	p.checkMatch(tkEnd, tkFor, line)
	p.leaveBlock()
	s.SetLine(tline)
	s.SetLastLine(endLine)
	return s
}

func (p *parser) forNum(name string) *ast.NumberForStmt {
	p.newLocalVar("(for index)")
	p.newLocalVar("(for limit)")
	p.newLocalVar("(for step)")
	p.newLocalVar(name)
	p.checkNext('=')
	s := &ast.NumberForStmt{Name: name}
	s.Init = p.expr()
	p.checkNext(',')
	s.Limit = p.expr()
	if p.testNext(',') {
		s.Step = p.expr()
	}
	s.Stmts = p.forBody(1)
	return s
}

func (p *parser) forList(name string) ast.Stmt {
	p.newLocalVar("(for generator)")
	p.newLocalVar("(for state)")
	p.newLocalVar("(for control)")
	p.newLocalVar(name)
	names := []string{name}
	for p.testNext(',') {
		n := p.strCheckName().str
		p.newLocalVar(n)
		names = append(names, n)
	}
	p.checkNext(tkIn)
	it := p.t // craftos: Cobalt marks a generic for's first iterator token
	exprs := p.exprList()
	s := &ast.GenericForStmt{Names: names, Exprs: exprs}
	s.SetOpPos(it.line, it.col)
	s.Stmts = p.forBody(len(names))
	return s
}

func (p *parser) forBody(nvars int) []ast.Stmt {
	p.adjustLocalVars(3)
	p.checkNext(tkDo)
	var bl blockCnt
	p.enterBlock(&bl, false)
	p.adjustLocalVars(nvars)
	stmts := p.block()
	p.leaveBlock()
	return stmts
}

func (p *parser) funcStat(line int) ast.Stmt {
	tline := p.t.line
	p.advance()
	// funcname: NAME {'.' NAME} [':' NAME]
	nt := p.strCheckName()
	id := &ast.IdentExpr{Value: nt.str}
	id.SetLine(nt.line)
	name := &ast.FuncName{Func: id}
	for p.t.tok == '.' {
		p.advance()
		kt := p.strCheckName()
		key := &ast.StringExpr{Value: kt.str}
		key.SetLine(kt.line)
		fn := &ast.AttrGetExpr{Object: name.Func, Key: key}
		fn.SetLine(kt.line)
		name = &ast.FuncName{Func: fn}
	}
	method := false
	if p.t.tok == ':' {
		p.advance()
		mt := p.strCheckName()
		name = &ast.FuncName{Receiver: name.Func, Method: mt.str}
		method = true
	}
	fn := p.body(method, line)
	s := &ast.FuncDefStmt{Name: name, Func: fn}
	s.SetLine(tline)
	s.SetLastLine(fn.LastLine())
	return s
}

func (p *parser) localFunc(tline int) ast.Stmt {
	name := p.strCheckName().str
	p.newLocalVar(name)
	p.adjustLocalVars(1)
	fn := p.body(false, p.linenumber)
	s := &ast.LocalAssignStmt{Names: []string{name}, Exprs: []ast.Expr{fn}}
	s.SetLine(tline)
	s.SetLastLine(fn.LastLine())
	return s
}

func (p *parser) localStat(tline int) ast.Stmt {
	var names []string
	for {
		n := p.strCheckName().str
		p.newLocalVar(n)
		names = append(names, n)
		if !p.testNext(',') {
			break
		}
	}
	exprs := []ast.Expr{}
	if p.testNext('=') {
		exprs = p.exprList()
	}
	p.adjustLocalVars(len(names))
	s := &ast.LocalAssignStmt{Names: names, Exprs: exprs}
	s.SetLine(tline)
	return s
}

func (p *parser) retStat(tline int) ast.Stmt {
	s := &ast.ReturnStmt{}
	s.SetLine(tline)
	if !blockFollow(p.t.tok, true) && p.t.tok != ';' {
		s.Exprs = p.exprList()
	}
	p.testNext(';')
	return s
}

func (p *parser) exprStat() ast.Stmt {
	v := p.suffixedExp()
	if p.t.tok == '=' || p.t.tok == ',' {
		lhs := []ast.Expr{v.e}
		rhs := p.assignment(&lhs, v, 1)
		s := &ast.AssignStmt{Lhs: lhs, Rhs: rhs}
		s.SetLine(lhs[0].Line())
		return s
	}
	if v.kind != kCall {
		p.syntaxError("syntax error")
	}
	s := &ast.FuncCallStmt{Expr: v.e}
	s.SetLine(v.e.Line())
	return s
}

// assignment parses the rest of a multiple assignment, as PUC's recursive
// assignment() does (its depth counts toward the C levels).
func (p *parser) assignment(lhs *[]ast.Expr, v expDesc, nvars int) []ast.Expr {
	for {
		if v.kind != kVar {
			p.syntaxError("syntax error")
		}
		if !p.testNext(',') {
			break
		}
		v = p.suffixedExp()
		*lhs = append(*lhs, v.e)
		nvars++
		p.checkLimit(nvars-1+p.nCcalls, maxCCalls, "C levels")
	}
	p.checkNext('=')
	return p.exprList()
}

// Expressions.

type expKind int

const (
	kOther expKind = iota
	kVar           // a name or an indexed value: assignable
	kCall          // a function call (not in parentheses)
)

type expDesc struct {
	e    ast.Expr
	kind expKind
}

func (p *parser) exprList() []ast.Expr {
	list := []ast.Expr{p.expr()}
	for p.testNext(',') {
		list = append(list, p.expr())
	}
	return list
}

func (p *parser) expr() ast.Expr {
	e, _ := p.subexpr(0)
	return e.e
}

func (p *parser) primaryExp() expDesc {
	switch p.t.tok {
	case '(':
		line := p.linenumber
		tline := p.t.line
		p.advance()
		e := p.expr()
		p.checkMatch(')', '(', line)
		switch x := e.(type) {
		case *ast.FuncCallExpr:
			x.AdjustRet = true
		case *ast.Comma3Expr:
			x.AdjustRet = true
		}
		e.SetLine(tline)
		return expDesc{e: e}
	case tkName:
		id := &ast.IdentExpr{Value: p.t.str}
		id.SetLine(p.t.line)
		p.advance()
		return expDesc{e: id, kind: kVar}
	}
	p.syntaxError("unexpected symbol")
	return expDesc{}
}

func (p *parser) suffixedExp() expDesc {
	line := p.linenumber
	v := p.primaryExp()
	for {
		switch p.t.tok {
		case '.':
			dot := p.t
			p.advance()
			kt := p.strCheckName()
			key := &ast.StringExpr{Value: kt.str}
			key.SetLine(kt.line)
			g := &ast.AttrGetExpr{Object: v.e, Key: key}
			g.SetOpPos(dot.line, dot.col) // craftos: currentcolumn at the '.'
			g.SetLine(v.e.Line())
			v = expDesc{e: g, kind: kVar}
		case '[':
			bracket := p.t
			p.advance()
			k := p.expr()
			p.checkNext(']')
			g := &ast.AttrGetExpr{Object: v.e, Key: k}
			g.SetOpPos(bracket.line, bracket.col) // craftos: currentcolumn at the '['
			g.SetLine(v.e.Line())
			v = expDesc{e: g, kind: kVar}
		case ':':
			colon := p.t
			p.advance()
			name := p.strCheckName().str
			open := p.t
			args := p.funcArgs(line)
			c := &ast.FuncCallExpr{Method: name, Receiver: v.e, Args: args}
			c.SelfPos.SetOpPos(colon.line, colon.col) // craftos: currentcolumn
			c.SetOpPos(open.line, open.col)
			c.SetLine(v.e.Line())
			v = expDesc{e: c, kind: kCall}
		case '(', tkString, '{':
			open := p.t
			args := p.funcArgs(line)
			c := &ast.FuncCallExpr{Func: v.e, Args: args}
			c.SetOpPos(open.line, open.col) // craftos: currentcolumn at the '('
			c.SetLine(v.e.Line())
			v = expDesc{e: c, kind: kCall}
		default:
			return v
		}
	}
}

func (p *parser) funcArgs(line int) []ast.Expr {
	switch p.t.tok {
	case '(':
		p.advance()
		args := []ast.Expr{}
		if p.t.tok != ')' {
			args = p.exprList()
		}
		p.checkMatch(')', '(', line)
		return args
	case '{':
		return []ast.Expr{p.constructor()}
	case tkString:
		s := &ast.StringExpr{Value: p.t.str}
		s.SetLine(p.t.line)
		p.advance()
		return []ast.Expr{s}
	}
	p.syntaxError("function arguments expected")
	return nil
}

func (p *parser) constructor() ast.Expr {
	line := p.linenumber
	t := &ast.TableExpr{Fields: []*ast.Field{}}
	t.SetLine(p.t.line)
	p.checkNext('{')
	for p.t.tok != '}' {
		t.Fields = append(t.Fields, p.field())
		if !p.testNext(',') && !p.testNext(';') {
			break
		}
	}
	p.checkMatch('}', '{', line)
	return t
}

func (p *parser) field() *ast.Field {
	switch p.t.tok {
	case tkName:
		if p.peek() != '=' {
			return &ast.Field{Value: p.expr()}
		}
		key := &ast.StringExpr{Value: p.t.str}
		key.SetLine(p.t.line)
		p.advance()
		p.checkNext('=')
		return &ast.Field{Key: key, Value: p.expr()}
	case '[':
		p.advance()
		k := p.expr()
		p.checkNext(']')
		p.checkNext('=')
		return &ast.Field{Key: k, Value: p.expr()}
	}
	return &ast.Field{Value: p.expr()}
}

// body parses a function's parameters and block; line is where it starts.
func (p *parser) body(method bool, line int) *ast.FunctionExpr {
	fs := &funcState{linedefined: line}
	var bl blockCnt
	p.openFunc(fs, &bl)
	tline := p.t.line
	p.checkNext('(')
	if method {
		p.newLocalVar("self")
		p.adjustLocalVars(1)
	}
	par := &ast.ParList{Names: []string{}}
	if p.t.tok != ')' {
		for {
			switch p.t.tok {
			case tkName:
				n := p.strCheckName().str
				p.newLocalVar(n)
				par.Names = append(par.Names, n)
			case tkDots:
				p.advance()
				par.HasVargs = true
			default:
				p.syntaxError("<name> or '...' expected")
			}
			if par.HasVargs || !p.testNext(',') {
				break
			}
		}
	}
	fs.isVararg = par.HasVargs
	p.adjustLocalVars(len(par.Names))
	p.checkNext(')')
	stmts := p.statList()
	endLine := p.t.line
	p.checkMatch(tkEnd, tkFunction, line)
	p.closeFunc()
	fn := &ast.FunctionExpr{ParList: par, Stmts: stmts}
	fn.SetLine(tline)
	fn.SetLastLine(endLine)
	return fn
}

func (p *parser) simpleExp() expDesc {
	t := p.t
	var e ast.Expr
	switch t.tok {
	case tkNumber:
		e = &ast.NumberExpr{Value: t.raw, Number: t.num}
	case tkString:
		e = &ast.StringExpr{Value: t.str}
	case tkNil:
		e = &ast.NilExpr{}
	case tkTrue:
		e = &ast.TrueExpr{}
	case tkFalse:
		e = &ast.FalseExpr{}
	case tkDots:
		if !p.fs.isVararg {
			p.syntaxError("cannot use '...' outside a vararg function")
		}
		e = &ast.Comma3Expr{}
	case '{':
		return expDesc{e: p.constructor()}
	case tkFunction:
		p.advance()
		fn := p.body(false, p.linenumber)
		f := &ast.FunctionExpr{ParList: fn.ParList, Stmts: fn.Stmts}
		f.SetLine(t.line)
		f.SetLastLine(fn.LastLine())
		return expDesc{e: f}
	default:
		return p.suffixedExp()
	}
	e.SetLine(t.line)
	p.advance()
	return expDesc{e: e}
}

// Operator priorities, as lparser.c's priority table.
type binOp struct {
	left, right int
}

var binPriority = map[int]binOp{
	'+': {6, 6}, '-': {6, 6},
	'*': {7, 7}, '/': {7, 7}, '%': {7, 7},
	'^':      {10, 9}, // right associative
	tkConcat: {5, 4},  // right associative
	tkEq:     {3, 3}, '<': {3, 3}, tkLe: {3, 3},
	tkNe: {3, 3}, '>': {3, 3}, tkGe: {3, 3},
	tkAnd: {2, 2}, tkOr: {1, 1},
}

const unaryPriority = 8

func binOpPriority(tok int) (binOp, bool) {
	switch tok {
	case '+', '-', '*', '/', '%', '^', tkConcat, tkEq, '<', tkLe, tkNe, '>', tkGe, tkAnd, tkOr:
		return binPriority[tok], true
	}
	return binOp{}, false
}

func makeBinary(op int, l, r ast.Expr) ast.Expr {
	var e ast.Expr
	switch op {
	case tkAnd:
		e = &ast.LogicalOpExpr{Lhs: l, Operator: "and", Rhs: r}
	case tkOr:
		e = &ast.LogicalOpExpr{Lhs: l, Operator: "or", Rhs: r}
	case tkConcat:
		e = &ast.StringConcatOpExpr{Lhs: l, Rhs: r}
	case tkEq, '<', tkLe, tkNe, '>', tkGe:
		e = &ast.RelationalOpExpr{Lhs: l, Operator: token2op(op), Rhs: r}
	default:
		e = &ast.ArithmeticOpExpr{Lhs: l, Operator: token2op(op), Rhs: r}
	}
	e.SetLine(l.Line())
	return e
}

func token2op(op int) string {
	if op < 257 {
		return string(rune(op))
	}
	return tokenNames[op-tkAnd]
}

// subexpr is lparser.c's subexpr: binary operators bind while their left
// priority is above limit; it returns the first operator it left.
func (p *parser) subexpr(limit int) (expDesc, int) {
	p.enterLevel()
	var v expDesc
	switch p.t.tok {
	case tkNot, '-', '#':
		opTok := p.t
		op := opTok.tok
		p.advance()
		operand, _ := p.subexpr(unaryPriority)
		var e ast.Expr
		switch op {
		case tkNot:
			e = &ast.UnaryNotOpExpr{Expr: operand.e}
		case '-':
			e = &ast.UnaryMinusOpExpr{Expr: operand.e}
		default:
			e = &ast.UnaryLenOpExpr{Expr: operand.e}
		}
		e.SetLine(operand.e.Line())
		if h, ok := e.(interface{ SetOpPos(int, int) }); ok {
			h.SetOpPos(opTok.line, opTok.col) // craftos: currentcolumn at the operator
		}
		v = expDesc{e: e}
	default:
		v = p.simpleExp()
	}
	op := p.t.tok
	pri, ok := binOpPriority(op)
	for ok && pri.left > limit {
		opTok := p.t
		p.advance()
		v2, next := p.subexpr(pri.right)
		b := makeBinary(op, v.e, v2.e)
		if h, ok := b.(interface{ SetOpPos(int, int) }); ok {
			h.SetOpPos(opTok.line, opTok.col) // craftos: currentcolumn at the operator
		}
		v = expDesc{e: b}
		op = next
		pri, ok = binOpPriority(op)
	}
	p.leaveLevel()
	return v, op
}
