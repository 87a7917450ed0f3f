package parse

import (
	"fmt"

	"github.com/yuin/gopher-lua/ast"
)

// craftos: PUC Lua parses long chains (a.b.c..., f()()..., x + x + ...)
// in a loop and compiles them with no recursion, but gopher-lua's AST makes
// each link a level deeper and its code generator (like every AST walk)
// recurses on it: a 2 MB `return x+x+x...` overflowed the Go stack, a fatal
// error that no pcall catches. The AST's depth is therefore measured here,
// without recursion, and a tree deeper than maxDepth is a syntax error.
// 1e5 links (and the 200 nesting levels PUC allows) stay well within it.
const maxDepth = 150000

type depthItem struct {
	node  any
	depth int
}

// checkDepth reports the first node deeper than maxDepth, if any.
func checkDepth(chunk []ast.Stmt, source string) error {
	stack := make([]depthItem, 0, 64)
	for _, s := range chunk {
		stack = append(stack, depthItem{s, 1})
	}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth > maxDepth {
			line := 0
			if ph, ok := it.node.(ast.PositionHolder); ok {
				line = ph.Line()
			}
			return &Error{Source: source, Line: line, Message: fmt.Sprintf("chunk has too many syntax levels (limit is %d)", maxDepth)}
		}
		d := it.depth + 1
		push := func(n any) {
			if n != nil {
				stack = append(stack, depthItem{n, d})
			}
		}
		exprs := func(es []ast.Expr) {
			for _, e := range es {
				push(e)
			}
		}
		stmts := func(ss []ast.Stmt) {
			for _, s := range ss {
				push(s)
			}
		}
		switch n := it.node.(type) {
		case *ast.AssignStmt:
			exprs(n.Lhs)
			exprs(n.Rhs)
		case *ast.LocalAssignStmt:
			exprs(n.Exprs)
		case *ast.FuncCallStmt:
			push(n.Expr)
		case *ast.DoBlockStmt:
			stmts(n.Stmts)
		case *ast.WhileStmt:
			push(n.Condition)
			stmts(n.Stmts)
		case *ast.RepeatStmt:
			push(n.Condition)
			stmts(n.Stmts)
		case *ast.IfStmt:
			push(n.Condition)
			stmts(n.Then)
			stmts(n.Else)
		case *ast.NumberForStmt:
			push(n.Init)
			push(n.Limit)
			if n.Step != nil {
				push(n.Step)
			}
			stmts(n.Stmts)
		case *ast.GenericForStmt:
			exprs(n.Exprs)
			stmts(n.Stmts)
		case *ast.FuncDefStmt:
			if n.Name.Func != nil {
				push(n.Name.Func)
			}
			if n.Name.Receiver != nil {
				push(n.Name.Receiver)
			}
			push(n.Func)
		case *ast.ReturnStmt:
			exprs(n.Exprs)
		case *ast.AttrGetExpr:
			push(n.Object)
			push(n.Key)
		case *ast.TableExpr:
			for _, f := range n.Fields {
				if f.Key != nil {
					push(f.Key)
				}
				push(f.Value)
			}
		case *ast.FuncCallExpr:
			if n.Func != nil {
				push(n.Func)
			}
			if n.Receiver != nil {
				push(n.Receiver)
			}
			exprs(n.Args)
		case *ast.LogicalOpExpr:
			push(n.Lhs)
			push(n.Rhs)
		case *ast.RelationalOpExpr:
			push(n.Lhs)
			push(n.Rhs)
		case *ast.StringConcatOpExpr:
			push(n.Lhs)
			push(n.Rhs)
		case *ast.ArithmeticOpExpr:
			push(n.Lhs)
			push(n.Rhs)
		case *ast.UnaryMinusOpExpr:
			push(n.Expr)
		case *ast.UnaryNotOpExpr:
			push(n.Expr)
		case *ast.UnaryLenOpExpr:
			push(n.Expr)
		case *ast.FunctionExpr:
			stmts(n.Stmts)
		}
	}
	return nil
}
