package vm

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/ast"
)

// The AST of every chunk passes through rewriteChunk before gopher-lua
// compiles it, to fix two differences from CraftOS's Lua:
//
// Multiple assignment. gopher-lua's compiler gets it wrong when a target is
// also read on the right-hand side: `x, y = y, x` leaves both 2
// (yuin/gopher-lua#440, open). Lua evaluates every expression before
// assigning, so each multiple assignment becomes
//
//	do
//	  local (a1), (a2), ... = <table and key of each indexed target>, <values...>
//	  targetN = (aN) ... target1 = (a1)   -- single assignments, last first as PUC Lua
//	end
//
// which the compiler handles correctly. The temporaries' names cannot clash
// with Lua identifiers.
//
// _ENV. gopher-lua is a Lua 5.1 VM, where _ENV is an ordinary global; CC
// code (CC:Tweaked's own ROM among it) reads it as "this chunk's
// environment": `local env = _ENV`, `setmetatable(t, {__index = _ENV})`.
// Reads of _ENV become a call that returns the running function's
// environment, which is exactly what globals resolve through here. A chunk
// that declares or assigns _ENV itself is left alone.
func rewriteChunk(stmts []ast.Stmt) {
	scan := &rewriter{scan: true}
	scan.block(stmts)
	r := &rewriter{env: !scan.declaresEnv}
	r.block(stmts)
}

// envKey is where the environment getter lives: in the string library, so
// `(""):<key>` reaches it whatever the chunk's environment holds. The NUL
// keeps it out of any identifier a program could type or complete.
const envKey = "\x00env"

// envOfCaller makes the getter from gopher-lua's own getfenv, which walks
// its call frames: getfenv(1) is the environment of the function that
// called it.
func envOfCaller(getfenv lua.LGFunction) lua.LGFunction {
	return func(L *lua.LState) int {
		L.SetTop(0)
		L.Push(lua.LNumber(1))
		return getfenv(L)
	}
}

type rewriter struct {
	n   int
	env bool // rewrite reads of _ENV
	// scan only notes whether the chunk makes _ENV a local, a parameter or
	// a loop variable, or assigns it (declaresEnv), and changes nothing.
	scan        bool
	declaresEnv bool
}

func (r *rewriter) names(ns ...string) {
	for _, n := range ns {
		if n == "_ENV" {
			r.declaresEnv = true
		}
	}
}

func (r *rewriter) temp() string {
	r.n++
	return fmt.Sprintf("(assign %d)", r.n)
}

func (r *rewriter) block(stmts []ast.Stmt) {
	for i, s := range stmts {
		stmts[i] = r.stmt(s)
	}
}

func (r *rewriter) stmt(s ast.Stmt) ast.Stmt {
	switch s := s.(type) {
	case *ast.AssignStmt:
		for i, e := range s.Lhs {
			if id, ok := e.(*ast.IdentExpr); ok { // a name being assigned is not read
				r.names(id.Value)
			} else {
				s.Lhs[i] = r.expr(e)
			}
		}
		r.exprs(s.Rhs)
		if len(s.Lhs) > 1 && !r.scan {
			return r.split(s)
		}
	case *ast.LocalAssignStmt:
		r.names(s.Names...)
		r.exprs(s.Exprs)
	case *ast.FuncCallStmt:
		s.Expr = r.expr(s.Expr)
	case *ast.DoBlockStmt:
		r.block(s.Stmts)
	case *ast.WhileStmt:
		s.Condition = r.expr(s.Condition)
		r.block(s.Stmts)
	case *ast.RepeatStmt:
		r.block(s.Stmts)
		s.Condition = r.expr(s.Condition)
	case *ast.IfStmt:
		s.Condition = r.expr(s.Condition)
		r.block(s.Then)
		r.block(s.Else)
	case *ast.NumberForStmt:
		r.names(s.Name)
		s.Init = r.expr(s.Init)
		s.Limit = r.expr(s.Limit)
		s.Step = r.expr(s.Step)
		r.block(s.Stmts)
	case *ast.GenericForStmt:
		r.names(s.Names...)
		r.exprs(s.Exprs)
		r.block(s.Stmts)
	case *ast.FuncDefStmt:
		if s.Name != nil {
			if id, ok := s.Name.Func.(*ast.IdentExpr); ok {
				r.names(id.Value)
			}
			s.Name.Receiver = r.expr(s.Name.Receiver)
		}
		r.expr(s.Func)
	case *ast.ReturnStmt:
		r.exprs(s.Exprs)
	}
	return s
}

func (r *rewriter) exprs(es []ast.Expr) {
	for i, e := range es {
		es[i] = r.expr(e)
	}
}

// expr rewrites inside e and returns what takes its place.
func (r *rewriter) expr(e ast.Expr) ast.Expr {
	switch e := e.(type) {
	case *ast.IdentExpr:
		if r.env && !r.scan && e.Value == "_ENV" {
			return r.envRead(e)
		}
	case *ast.AttrGetExpr:
		e.Object = r.expr(e.Object)
		e.Key = r.expr(e.Key)
	case *ast.TableExpr:
		for _, f := range e.Fields {
			f.Key = r.expr(f.Key)
			f.Value = r.expr(f.Value)
		}
	case *ast.FuncCallExpr:
		e.Func = r.expr(e.Func)
		e.Receiver = r.expr(e.Receiver)
		r.exprs(e.Args)
	case *ast.LogicalOpExpr:
		e.Lhs, e.Rhs = r.expr(e.Lhs), r.expr(e.Rhs)
	case *ast.RelationalOpExpr:
		e.Lhs, e.Rhs = r.expr(e.Lhs), r.expr(e.Rhs)
	case *ast.StringConcatOpExpr:
		e.Lhs, e.Rhs = r.expr(e.Lhs), r.expr(e.Rhs)
	case *ast.ArithmeticOpExpr:
		e.Lhs, e.Rhs = r.expr(e.Lhs), r.expr(e.Rhs)
	case *ast.UnaryMinusOpExpr:
		e.Expr = r.expr(e.Expr)
	case *ast.UnaryNotOpExpr:
		e.Expr = r.expr(e.Expr)
	case *ast.UnaryLenOpExpr:
		e.Expr = r.expr(e.Expr)
	case *ast.FunctionExpr:
		if e.ParList != nil {
			r.names(e.ParList.Names...)
		}
		r.block(e.Stmts)
	}
	return e
}

// envRead is `(""):<envKey>()`'s AST: a call of the environment getter.
func (r *rewriter) envRead(at *ast.IdentExpr) ast.Expr {
	line := at.Line()
	str := func(s string) *ast.StringExpr {
		x := &ast.StringExpr{Value: s}
		x.SetLine(line)
		x.SetLastLine(line)
		return x
	}
	get := &ast.AttrGetExpr{Object: str(""), Key: str(envKey)}
	get.SetLine(line)
	get.SetLastLine(line)
	call := &ast.FuncCallExpr{Func: get}
	call.SetLine(line)
	call.SetLastLine(line)
	return call
}

func (r *rewriter) ident(name string, line int) *ast.IdentExpr {
	id := &ast.IdentExpr{Value: name}
	id.SetLine(line)
	id.SetLastLine(line)
	return id
}

func (r *rewriter) split(s *ast.AssignStmt) ast.Stmt {
	line := s.Line()
	local := &ast.LocalAssignStmt{}
	targets := make([]ast.Expr, len(s.Lhs))
	// Indexed targets: their table and key are evaluated first, left to right.
	for i, lhs := range s.Lhs {
		get, ok := lhs.(*ast.AttrGetExpr)
		if !ok {
			targets[i] = lhs
			continue
		}
		obj, key := r.temp(), r.temp()
		local.Names = append(local.Names, obj, key)
		local.Exprs = append(local.Exprs, get.Object, get.Key)
		t := &ast.AttrGetExpr{Object: r.ident(obj, line), Key: r.ident(key, line)}
		t.SetLine(get.Line())
		t.SetLastLine(get.LastLine())
		targets[i] = t
	}
	values := make([]string, len(s.Lhs))
	for i := range values {
		values[i] = r.temp()
	}
	local.Names = append(local.Names, values...)
	local.Exprs = append(local.Exprs, s.Rhs...)
	local.SetLine(line)
	local.SetLastLine(s.LastLine())

	block := &ast.DoBlockStmt{Stmts: []ast.Stmt{local}}
	for i := len(targets) - 1; i >= 0; i-- {
		a := &ast.AssignStmt{Lhs: []ast.Expr{targets[i]}, Rhs: []ast.Expr{r.ident(values[i], line)}}
		a.SetLine(line)
		a.SetLastLine(s.LastLine())
		block.Stmts = append(block.Stmts, a)
	}
	block.SetLine(line)
	block.SetLastLine(s.LastLine())
	return block
}
