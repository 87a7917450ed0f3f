package ast

type Expr interface {
	PositionHolder
	exprMarker()
}

type ExprBase struct {
	Node
}

func (expr *ExprBase) exprMarker() {}

/* ConstExprs {{{ */

type ConstExpr interface {
	Expr
	constExprMarker()
}

type ConstExprBase struct {
	ExprBase
}

func (expr *ConstExprBase) constExprMarker() {}

type TrueExpr struct {
	ConstExprBase
}

type FalseExpr struct {
	ConstExprBase
}

type NilExpr struct {
	ConstExprBase
}

type NumberExpr struct {
	ConstExprBase

	Value string
	// craftos: the numeral's value, read by the lexer as PUC Lua 5.2's
	// luaO_str2d (Value keeps its text).
	Number float64
}

type StringExpr struct {
	ConstExprBase

	Value string
}

/* ConstExprs }}} */

type Comma3Expr struct {
	ExprBase
	AdjustRet bool
}

type IdentExpr struct {
	ExprBase

	Value string
}

type AttrGetExpr struct {
	ExprBase
	OpPos // craftos: the '.', '[' or operator, for currentcolumn

	Object Expr
	Key    Expr
}

type TableExpr struct {
	ExprBase

	Fields []*Field
}

type FuncCallExpr struct {
	ExprBase
	OpPos // craftos: the arguments' first token, for currentcolumn
	// craftos: a method call's ':', where its SELF's index error points
	SelfPos OpPos

	Func      Expr
	Receiver  Expr
	Method    string
	Args      []Expr
	AdjustRet bool
}

type LogicalOpExpr struct {
	ExprBase

	Operator string
	Lhs      Expr
	Rhs      Expr
}

type RelationalOpExpr struct {
	ExprBase
	OpPos // craftos: the '.', '[' or operator, for currentcolumn

	Operator string
	Lhs      Expr
	Rhs      Expr
}

type StringConcatOpExpr struct {
	ExprBase
	OpPos // craftos: the '.', '[' or operator, for currentcolumn

	Lhs Expr
	Rhs Expr
}

type ArithmeticOpExpr struct {
	ExprBase
	OpPos // craftos: the '.', '[' or operator, for currentcolumn

	Operator string
	Lhs      Expr
	Rhs      Expr
}

type UnaryMinusOpExpr struct {
	ExprBase
	OpPos // craftos: the '.', '[' or operator, for currentcolumn
	Expr  Expr
}

type UnaryNotOpExpr struct {
	ExprBase
	OpPos // craftos: the '.', '[' or operator, for currentcolumn
	Expr  Expr
}

type UnaryLenOpExpr struct {
	ExprBase
	OpPos // craftos: the '.', '[' or operator, for currentcolumn
	Expr  Expr
}

type FunctionExpr struct {
	ExprBase

	ParList *ParList
	Stmts   []Stmt
}
