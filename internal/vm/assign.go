package vm

import (
	"fmt"

	"github.com/yuin/gopher-lua/ast"
)

// gopher-lua's compiler gets multiple assignment wrong when a target is
// also read on the right-hand side: `x, y = y, x` leaves both 2
// (yuin/gopher-lua#440, open). Lua says every expression is evaluated
// before any assignment, so rewriteAssignments turns each multiple
// assignment into
//
//	do
//	  local (a1), (a2), ... = <table and key of each indexed target>, <values...>
//	  targetN = (aN) ... target1 = (a1)   -- single assignments, last first as PUC Lua
//	end
//
// which the compiler handles correctly. The temporaries' names cannot clash
// with Lua identifiers.
func rewriteAssignments(stmts []ast.Stmt) {
	r := &assignRewriter{}
	r.block(stmts)
}

type assignRewriter struct{ n int }

func (r *assignRewriter) temp() string {
	r.n++
	return fmt.Sprintf("(assign %d)", r.n)
}

func (r *assignRewriter) block(stmts []ast.Stmt) {
	for i, s := range stmts {
		stmts[i] = r.stmt(s)
	}
}

func (r *assignRewriter) stmt(s ast.Stmt) ast.Stmt {
	switch s := s.(type) {
	case *ast.AssignStmt:
		r.exprs(s.Lhs)
		r.exprs(s.Rhs)
		if len(s.Lhs) > 1 {
			return r.split(s)
		}
	case *ast.LocalAssignStmt:
		r.exprs(s.Exprs)
	case *ast.FuncCallStmt:
		r.expr(s.Expr)
	case *ast.DoBlockStmt:
		r.block(s.Stmts)
	case *ast.WhileStmt:
		r.expr(s.Condition)
		r.block(s.Stmts)
	case *ast.RepeatStmt:
		r.block(s.Stmts)
		r.expr(s.Condition)
	case *ast.IfStmt:
		r.expr(s.Condition)
		r.block(s.Then)
		r.block(s.Else)
	case *ast.NumberForStmt:
		r.expr(s.Init)
		r.expr(s.Limit)
		r.expr(s.Step)
		r.block(s.Stmts)
	case *ast.GenericForStmt:
		r.exprs(s.Exprs)
		r.block(s.Stmts)
	case *ast.FuncDefStmt:
		r.expr(s.Func)
	case *ast.ReturnStmt:
		r.exprs(s.Exprs)
	}
	return s
}

func (r *assignRewriter) exprs(es []ast.Expr) {
	for _, e := range es {
		r.expr(e)
	}
}

func (r *assignRewriter) expr(e ast.Expr) {
	switch e := e.(type) {
	case *ast.AttrGetExpr:
		r.expr(e.Object)
		r.expr(e.Key)
	case *ast.TableExpr:
		for _, f := range e.Fields {
			r.expr(f.Key)
			r.expr(f.Value)
		}
	case *ast.FuncCallExpr:
		r.expr(e.Func)
		r.expr(e.Receiver)
		r.exprs(e.Args)
	case *ast.LogicalOpExpr:
		r.expr(e.Lhs)
		r.expr(e.Rhs)
	case *ast.RelationalOpExpr:
		r.expr(e.Lhs)
		r.expr(e.Rhs)
	case *ast.StringConcatOpExpr:
		r.expr(e.Lhs)
		r.expr(e.Rhs)
	case *ast.ArithmeticOpExpr:
		r.expr(e.Lhs)
		r.expr(e.Rhs)
	case *ast.UnaryMinusOpExpr:
		r.expr(e.Expr)
	case *ast.UnaryNotOpExpr:
		r.expr(e.Expr)
	case *ast.UnaryLenOpExpr:
		r.expr(e.Expr)
	case *ast.FunctionExpr:
		r.block(e.Stmts)
	}
}

func (r *assignRewriter) ident(name string, line int) *ast.IdentExpr {
	id := &ast.IdentExpr{Value: name}
	id.SetLine(line)
	id.SetLastLine(line)
	return id
}

func (r *assignRewriter) split(s *ast.AssignStmt) ast.Stmt {
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
