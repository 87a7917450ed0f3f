package conformance

import (
	"math/rand"
	"strconv"
	"strings"
)

// typ is what a generated variable or expression holds. Generation is
// type-directed so that programs only raise the errors they mean to (error
// calls), not runtime type errors whose texts vary by accident.
type typ int

const (
	tNum  typ = iota
	tStr      // at most a few dozen bytes: assignments cut strings to 60
	tBool     //
	tNNum     // a number or nil (from mismatched multiple assignment)
	tTab      // a sequence of numbers, maybe with string fields
	tFn       // a function of numbers returning numbers
	nTypes
)

type variable struct {
	name string
	t    typ
	ro   bool // loop counters: never assigned, so loops end
	// functions: parameter and result counts
	params, rets int
}

// gen builds one random program; see Generate.
type gen struct {
	r     *rand.Rand
	vars  []variable
	n     int // names used
	depth int // statement nesting
	// context of the statement being generated
	inFunc   int  // inside a function body: no prints, no table appends
	inLoop   int  // inside a loop: break is valid
	loops    int  // inside a loop, even across functions: no table appends (ipairs would never end)
	vararg   bool // inside a vararg function
	noGoto   bool // inside a repeat body (a goto to its end would enter until's scope)
	budget   int  // statements left
	funcs    int  // functions defined
	maxFuncs int
}

// Generate returns the random program of seed: a tree whose Render is Lua
// source that prints what it computes, deterministically.
func Generate(seed int64) *Node {
	g := &gen{r: rand.New(rand.NewSource(seed)), budget: 40, maxFuncs: 4}
	b := newBlock()
	for range 6 + g.r.Intn(8) {
		if g.budget <= 0 {
			break
		}
		b.add(g.stmts()...)
	}
	// print every top-level variable that holds something printable
	for _, v := range g.vars {
		switch v.t {
		case tNum, tStr, tBool, tNNum:
			b.add(stmt(nil, "print(", quote(v.name+":"), ", ", v.name, ")"))
		case tTab:
			b.add(stmt(nil, "print(", quote(v.name+":"), ", #", v.name, ", table.concat(", v.name, ", \" \"))"))
		}
	}
	return b
}

func (g *gen) name(prefix string) string {
	g.n++
	return prefix + strconv.Itoa(g.n)
}

func (g *gen) pick(t typ, writable bool) (variable, bool) {
	var c []variable
	for _, v := range g.vars {
		if v.t == t && !(writable && v.ro) {
			c = append(c, v)
		}
	}
	if len(c) == 0 {
		return variable{}, false
	}
	return c[g.r.Intn(len(c))], true
}

func (g *gen) declare(v variable) { g.vars = append(g.vars, v) }

// scope runs f in a nested scope: variables it declares are dropped after.
func (g *gen) scope(f func()) {
	n := len(g.vars)
	g.depth++
	f()
	g.depth--
	g.vars = g.vars[:n]
}

func (g *gen) block(min, max int) *Node {
	b := newBlock()
	g.scope(func() {
		for range min + g.r.Intn(max-min+1) {
			if g.budget <= 0 && len(b.parts) > 0 {
				break
			}
			b.add(g.stmts()...)
		}
	})
	return b
}

func quote(s string) string { return strconv.Quote(s) }

// ---- expressions ----

var numLits = []string{"0", "1", "2", "3", "5", "7", "10", "-1", "-4", "0.5", "1.25", "-2.5", "3.75", "1e3", "0x10", "100", "2^10", "0.1"}
var strLits = []string{`""`, `"a"`, `"xy"`, `"hello"`, `"10"`, `"3.5"`, `"a b c"`, `"Lua"`, `"0x1F"`, `"-7"`, `'q"t'`, `"tab\tnl\\n"`}

func (g *gen) litOf(t typ) *Node {
	switch t {
	case tNum, tNNum:
		return lit(numLits[g.r.Intn(len(numLits))])
	case tStr:
		return lit(strLits[g.r.Intn(len(strLits))])
	case tBool:
		if g.r.Intn(2) == 0 {
			return lit("true")
		}
		return lit("false")
	case tTab:
		return lit("{1, 2, 3}")
	}
	panic("no literal")
}

func (g *gen) expr(t typ, d int) *Node {
	switch t {
	case tNum:
		return g.num(d)
	case tStr:
		return g.str(d)
	case tBool:
		return g.boolean(d)
	case tNNum:
		if g.r.Intn(4) == 0 {
			return lit("nil")
		}
		return g.num(d)
	case tTab:
		return g.table(d)
	}
	panic("expr")
}

func (g *gen) num(d int) *Node {
	if d <= 0 || g.r.Intn(4) == 0 {
		if v, ok := g.pick(tNum, false); ok && g.r.Intn(3) > 0 {
			return lit(v.name)
		}
		return g.litOf(tNum)
	}
	l := g.litOf(tNum)
	a := func() *Node { return g.num(d - 1) }
	switch g.r.Intn(18) {
	case 0, 1, 2:
		x, y := a(), a()
		op := []string{" + ", " - ", " * "}[g.r.Intn(3)]
		return ex([]*Node{x, y, l}, "(", x, op, y, ")")
	case 3:
		x := a()
		div := []string{"2", "3", "-4", "0.5", "7"}[g.r.Intn(5)]
		op := []string{" / ", " % "}[g.r.Intn(2)]
		return ex([]*Node{x, l}, "(", x, op, div, ")")
	case 4:
		x := a()
		return ex([]*Node{x, l}, "(", x, " ^ ", strconv.Itoa(g.r.Intn(4)), ")")
	case 5:
		x := a()
		return ex([]*Node{x, l}, "(- ", x, ")")
	case 6:
		s := g.str(d - 1)
		return ex([]*Node{l}, "#(", s, ")")
	case 7:
		if v, ok := g.pick(tTab, false); ok {
			return ex([]*Node{l}, "#", v.name)
		}
		return l
	case 8:
		x, y := a(), a()
		return ex([]*Node{x, y, l}, "select(\"#\", ", x, ", ", y, ")")
	case 9:
		if v, ok := g.pick(tFn, false); ok {
			return g.call(v, d, l)
		}
		x := a()
		return ex([]*Node{x, l}, "math.floor(", x, ")")
	case 10:
		x, y := a(), a()
		fn := []string{"math.max", "math.min"}[g.r.Intn(2)]
		return ex([]*Node{x, y, l}, fn, "(", x, ", ", y, ")")
	case 11:
		if v, ok := g.pick(tTab, false); ok {
			i := a()
			return ex([]*Node{l}, "(", v.name, "[", i, "] or 0)")
		}
		return l
	case 12:
		s := g.str(d - 1)
		return ex([]*Node{l}, "(tonumber(", s, ") or -1)")
	case 13:
		c, x, y := g.boolean(d-1), a(), a()
		return ex([]*Node{x, y, l}, "(", c, " and ", x, " or ", y, ")")
	case 14:
		x := a()
		s := []string{`"10"`, `"0x10"`, `" 2 "`, `"1e1"`}[g.r.Intn(4)]
		return ex([]*Node{x, l}, "(", s, " + ", x, ")")
	case 15:
		if v, ok := g.pick(tNNum, false); ok {
			return ex([]*Node{l}, "(", v.name, " or 0)")
		}
		return l
	case 16:
		if g.vararg {
			if g.r.Intn(2) == 0 {
				return ex([]*Node{l}, "select(\"#\", ...)")
			}
			return ex([]*Node{l}, "((...) or 0)")
		}
		x := a()
		return ex([]*Node{x, l}, "math.abs(", x, ")")
	default:
		if v, ok := g.pick(tNum, false); ok {
			return lit(v.name)
		}
		return l
	}
}

// call calls function v with the right number of numbers, one result.
func (g *gen) call(v variable, d int, l *Node) *Node {
	parts := []any{v.name, "("}
	for i := range v.params {
		if i > 0 {
			parts = append(parts, ", ")
		}
		parts = append(parts, g.num(d-1))
	}
	parts = append(parts, ")")
	if v.rets > 1 {
		parts = append([]any{"("}, append(parts, ")")...)
	}
	return ex([]*Node{l}, parts...)
}

func (g *gen) str(d int) *Node {
	if d <= 0 || g.r.Intn(4) == 0 {
		if v, ok := g.pick(tStr, false); ok && g.r.Intn(3) > 0 {
			return lit(v.name)
		}
		return g.litOf(tStr)
	}
	l := g.litOf(tStr)
	s := func() *Node { return g.str(d - 1) }
	switch g.r.Intn(12) {
	case 0, 1, 2:
		var x, y *Node
		if g.r.Intn(3) == 0 {
			x = g.num(d - 1)
		} else {
			x = s()
		}
		if g.r.Intn(3) == 0 {
			y = g.num(d - 1)
		} else {
			y = s()
		}
		return ex([]*Node{l}, x, " .. ", y)
	case 3:
		x := g.num(d - 1)
		return ex([]*Node{l}, "tostring(", x, ")")
	case 4:
		x := s()
		sep := []string{"", `, ","`, `, ""`}[g.r.Intn(3)]
		return ex([]*Node{x, l}, "string.rep(", x, ", ", strconv.Itoa(g.r.Intn(4)), sep, ")")
	case 5:
		x := s()
		i, j := g.r.Intn(7)-3, g.r.Intn(9)-3
		return ex([]*Node{x, l}, "(", x, "):sub(", strconv.Itoa(i), ", ", strconv.Itoa(j), ")")
	case 6:
		x := s()
		m := []string{"upper", "lower", "reverse"}[g.r.Intn(3)]
		return ex([]*Node{x, l}, "(", x, "):", m, "()")
	case 7:
		x, y := g.num(d-1), s()
		f := []string{`"%g|%s"`, `"%5.1f<%s>"`, `"%.3f %q"`, `"%x:%s"`}[g.r.Intn(4)]
		if f == `"%x:%s"` {
			x = ex([]*Node{l}, "math.floor(math.abs(", x, ") % 1000)")
		}
		return ex([]*Node{y, l}, "string.format(", f, ", ", x, ", ", y, ")")
	case 8:
		if v, ok := g.pick(tTab, false); ok {
			return ex([]*Node{l}, "table.concat(", v.name, ", \",\")")
		}
		return l
	case 9:
		x := s()
		pat := []string{`"%a+"`, `"[aeiou]"`, `"(%w)(%w)"`, `"%d"`, `"^."`, `"x*"`}[g.r.Intn(6)]
		rep := []string{`"<%0>"`, `"%1"`, `"-"`, `"%%"`}[g.r.Intn(4)]
		if rep == `"%1"` && pat != `"(%w)(%w)"` {
			rep = `"%0%0"`
		}
		return ex([]*Node{x, l}, "(", x, "):gsub(", pat, ", ", rep, ")")
	case 10:
		x := g.num(d - 1)
		return ex([]*Node{l}, "type(", x, ")")
	default:
		c, x, y := g.boolean(d-1), s(), s()
		return ex([]*Node{x, y, l}, "(", c, " and ", x, " or ", y, ")")
	}
}

func (g *gen) boolean(d int) *Node {
	if d <= 0 || g.r.Intn(5) == 0 {
		if v, ok := g.pick(tBool, false); ok && g.r.Intn(2) == 0 {
			return lit(v.name)
		}
		return g.litOf(tBool)
	}
	l := g.litOf(tBool)
	switch g.r.Intn(6) {
	case 0, 1:
		x, y := g.num(d-1), g.num(d-1)
		op := []string{" < ", " <= ", " == ", " ~= ", " > ", " >= "}[g.r.Intn(6)]
		return ex([]*Node{l}, "(", x, op, y, ")")
	case 2:
		x, y := g.str(d-1), g.str(d-1)
		op := []string{" < ", " == ", " ~= ", " >= "}[g.r.Intn(4)]
		return ex([]*Node{l}, "(", x, op, y, ")")
	case 3:
		x := g.boolean(d - 1)
		return ex([]*Node{x, l}, "not ", x)
	case 4:
		x, y := g.boolean(d-1), g.boolean(d-1)
		op := []string{" and ", " or "}[g.r.Intn(2)]
		return ex([]*Node{x, y, l}, "(", x, op, y, ")")
	default:
		if v, ok := g.pick(tNNum, false); ok {
			return ex([]*Node{l}, "(", v.name, " == nil)")
		}
		return l
	}
}

// table is a constructor: numbers, maybe a trailing multi-value call or
// vararg, string-keyed fields, and [k] = v for k within the positional part
// (which the positional item overrides, as PUC stores positional items last).
func (g *gen) table(d int) *Node {
	parts := []any{"{"}
	n := g.r.Intn(5)
	var items []any
	for range n {
		items = append(items, g.num(d-1))
	}
	if g.r.Intn(3) == 0 {
		items = append(items, lit(`name = `+strLits[g.r.Intn(len(strLits))]))
	}
	if n > 0 && g.r.Intn(3) == 0 {
		k := 1 + g.r.Intn(n)
		items = append(items, ex(nil, "[", strconv.Itoa(k), "] = ", g.num(d-1)))
	}
	g.r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	// a trailing multi-value expression expands in place
	switch g.r.Intn(4) {
	case 0:
		if v, ok := g.pick(tFn, false); ok && v.params == 0 {
			items = append(items, lit(v.name+"()"))
		}
	case 1:
		if g.vararg {
			items = append(items, lit("..."))
		}
	case 2:
		if v, ok := g.pick(tTab, false); ok {
			items = append(items, lit("table.unpack("+v.name+")"))
		}
	}
	for i, it := range items {
		if i > 0 {
			parts = append(parts, []string{", ", "; "}[g.r.Intn(2)])
		}
		parts = append(parts, it)
	}
	if len(items) > 0 && g.r.Intn(4) == 0 {
		parts = append(parts, ",")
	}
	parts = append(parts, "}")
	return ex([]*Node{lit("{}")}, parts...)
}

// ---- statements ----

// stmts returns one statement, or a few that belong together.
func (g *gen) stmts() []*Node {
	g.budget--
	canNest := g.depth < 3
	for {
		switch k := g.r.Intn(22); {
		case k < 3:
			return []*Node{g.local()}
		case k < 5:
			if s := g.assign(); s != nil {
				return []*Node{s}
			}
		case k < 7:
			if g.inFunc == 0 {
				return []*Node{g.print()}
			}
		case k == 7:
			if canNest {
				return []*Node{g.ifStmt()}
			}
		case k == 8:
			if canNest {
				return []*Node{g.numFor()}
			}
		case k == 9:
			if canNest {
				return g.genericFor()
			}
		case k == 10:
			if canNest {
				return []*Node{g.while()}
			}
		case k == 11:
			if canNest {
				return []*Node{g.repeat()}
			}
		case k == 12:
			if canNest && g.inFunc == 0 {
				return g.closuresInLoop()
			}
		case k == 13:
			if canNest && g.funcs < g.maxFuncs {
				return g.function()
			}
		case k == 14:
			if canNest && g.funcs < g.maxFuncs && g.inFunc == 0 {
				return g.varargFunc()
			}
		case k == 15:
			if canNest && g.inFunc == 0 {
				return g.protected()
			}
		case k == 16:
			if v, ok := g.pick(tStr, true); ok {
				return []*Node{stmt(nil, v.name, " = (", v.name, " .. ", g.expr(typ(g.r.Intn(2)), 2), "):sub(1, 60)")}
			}
		case k == 17:
			if g.inFunc == 0 && g.loops == 0 {
				if v, ok := g.pick(tTab, false); ok {
					return []*Node{stmt(nil, v.name, "[#", v.name, " + 1] = ", g.num(2))}
				}
			}
		case k == 18:
			if canNest && g.inFunc == 0 {
				return g.methods()
			}
		case k == 19:
			if canNest && g.inFunc == 0 {
				return g.coroutine()
			}
		case k == 20:
			if g.inLoop > 0 && g.r.Intn(3) == 0 {
				return []*Node{stmt(nil, "if ", g.boolean(1), " then break end")}
			}
		default:
			if v, ok := g.pick(tNum, true); ok {
				return []*Node{stmt(nil, v.name, " = ", g.num(3))}
			}
		}
	}
}

// local declares one to three variables, sometimes with fewer or more values
// than names (the missing ones are nil: tNNum).
func (g *gen) local() *Node {
	if v, ok := g.pick(tFn, false); ok && v.rets > 1 && g.r.Intn(3) == 0 {
		// local a, b, c = f(...): names past the results are nil
		n := 1 + g.r.Intn(3)
		parts := []any{"local "}
		var decl []variable
		for i := range n {
			t := tNum
			if i >= v.rets {
				t = tNNum
			}
			decl = append(decl, variable{name: g.name("m"), t: t})
			if i > 0 {
				parts = append(parts, ", ")
			}
			parts = append(parts, decl[i].name)
		}
		// the call without its one-value parentheses
		c := g.call(v, 2, lit("0"))
		if v.rets > 1 {
			c = ex(nil, c.parts[1:len(c.parts)-1]...)
		}
		parts = append(parts, " = ", c)
		for _, d := range decl {
			g.declare(d)
		}
		return stmt(nil, parts...)
	}
	n := 1 + g.r.Intn(3)
	m := n
	if g.r.Intn(3) == 0 {
		m = g.r.Intn(4) // values given: fewer or more than names
	}
	t := []typ{tNum, tNum, tStr, tStr, tBool, tTab}[g.r.Intn(6)]
	parts := []any{"local "}
	var decl []variable
	for i := range n {
		vt := t
		if i >= m {
			vt = tNNum
			if t != tNum {
				vt = -1 // nil of another type: not used again
			}
		}
		decl = append(decl, variable{name: g.name(map[typ]string{tNum: "n", tStr: "s", tBool: "b", tTab: "t"}[t]), t: vt})
		if i > 0 {
			parts = append(parts, ", ")
		}
		parts = append(parts, decl[i].name)
	}
	if m > 0 {
		parts = append(parts, " = ")
		for i := range m {
			if i > 0 {
				parts = append(parts, ", ")
			}
			parts = append(parts, g.expr(t, 3))
		}
	}
	for _, d := range decl {
		if d.t >= 0 {
			g.declare(d)
		}
	}
	return stmt(nil, parts...)
}

// assign is a multiple assignment to existing variables; the values are
// shuffled through a swap or come from a multi-value call.
func (g *gen) assign() *Node {
	var targets []variable
	for range 1 + g.r.Intn(3) {
		t := []typ{tNum, tNum, tStr, tBool, tNNum}[g.r.Intn(5)]
		if v, ok := g.pick(t, true); ok {
			targets = append(targets, v)
		}
	}
	if len(targets) == 0 {
		return nil
	}
	parts := []any{}
	for i, v := range targets {
		if i > 0 {
			parts = append(parts, ", ")
		}
		parts = append(parts, v.name)
	}
	parts = append(parts, " = ")
	for i, v := range targets {
		if i > 0 {
			parts = append(parts, ", ")
		}
		var e *Node
		if v.t == tStr {
			e = ex(nil, "(", g.str(2), "):sub(1, 60)")
		} else {
			e = g.expr(v.t, 2)
		}
		parts = append(parts, e)
	}
	if g.r.Intn(3) == 0 {
		parts = append(parts, ", ", g.num(1)) // an extra value, dropped
	}
	return stmt(nil, parts...)
}

func (g *gen) print() *Node {
	parts := []any{"print("}
	for i := range 1 + g.r.Intn(4) {
		if i > 0 {
			parts = append(parts, ", ")
		}
		parts = append(parts, g.expr([]typ{tNum, tNum, tStr, tStr, tBool, tNNum}[g.r.Intn(6)], 3))
	}
	parts = append(parts, ")")
	return stmt(nil, parts...)
}

func (g *gen) ifStmt() *Node {
	b := g.block(1, 3)
	parts := []any{"if ", g.boolean(2), " then", b}
	for g.r.Intn(3) == 0 {
		parts = append(parts, "elseif ", g.boolean(2), " then", g.block(1, 2))
	}
	if g.r.Intn(2) == 0 {
		parts = append(parts, "else", g.block(1, 2))
	}
	parts = append(parts, "end")
	return stmt(b, parts...)
}

// loopBody is a loop's block with v (the counter) in scope, read-only.
func (g *gen) loopBody(vs ...variable) *Node {
	var b *Node
	g.scope(func() {
		for _, v := range vs {
			g.declare(v)
		}
		g.inLoop++
		g.loops++
		b = g.block(1, 3)
		g.loops--
		g.inLoop--
	})
	if !g.noGoto && g.r.Intn(5) == 0 {
		// continue: jump to a label that ends the body
		l := g.name("continue")
		b.parts = append([]any{stmt(nil, "if ", g.boolean(1), " then goto ", l, " end")}, b.parts...)
		b.add(lit("::" + l + "::"))
	}
	return b
}

var steps = []struct{ from, to, step string }{
	{"1", "5", ""}, {"5", "1", "-1"}, {"1", "3", "0.5"}, {"0", "1", "0.25"},
	{"0", "0.3", "0.1"}, {"1", "0", "-0.3"}, {"-3", "3", "2"}, {"10", "1", "-3"},
	{"1", "1", ""}, {"2", "1", ""}, {"0.5", "3", ""}, {"1", "2.5", ""}, {"3", "1", "-0.5"},
	{"2^53 - 3", "2^53 - 1", ""}, {"-1", "-3", "-1"}, {"1", "#%s", ""},
}

func (g *gen) numFor() *Node {
	st := steps[g.r.Intn(len(steps))]
	to := st.to
	if to == "#%s" {
		to = "3"
		if v, ok := g.pick(tTab, false); ok {
			to = "#" + v.name
		}
	}
	i := g.name("i")
	b := g.loopBody(variable{name: i, t: tNum})
	parts := []any{"for ", i, " = ", st.from, ", ", to}
	if st.step != "" {
		parts = append(parts, ", ", st.step)
	}
	parts = append(parts, " do", b, "end")
	return stmt(b, parts...)
}

// genericFor uses every kind of explist: ipairs, pairs/next over a sequence
// (bodies only accumulate, so traversal order cannot show), a stateless
// iterator with extra expressions, a closure iterator, gmatch, and a vararg
// explist.
func (g *gen) genericFor() []*Node {
	k, v := g.name("k"), g.name("v")
	tabExpr := func() *Node {
		if t, ok := g.pick(tTab, false); ok && g.r.Intn(2) == 0 {
			return lit(t.name)
		}
		return g.table(2)
	}
	switch g.r.Intn(6) {
	case 0:
		b := g.loopBody(variable{name: k, t: tNum, ro: true}, variable{name: v, t: tNum, ro: true})
		return []*Node{stmt(b, "for ", k, ", ", v, " in ipairs(", tabExpr(), ") do", b, "end")}
	case 1:
		acc := g.name("acc")
		it := []string{"pairs(%s)", "next, %s", "next, %s, nil"}[g.r.Intn(3)]
		idx := strings.Index(it, "%s")
		pre, post := it[:idx], it[idx+2:]
		return []*Node{
			lit("local " + acc + " = 0"),
			stmt(nil, "for ", k, ", ", v, " in ", pre, tabExpr(), post, " do if type(", k, ") == \"number\" then ", acc, " = ", acc, " + ", k, " * 1000 + ", v, " else ", acc, " = ", acc, " + 1 end end"),
			lit("print(\"" + acc + "\", " + acc + ")"),
		}
	case 2:
		iter := g.name("iter")
		// No extra explist values (for k, v in f, s, c, extra): PUC Lua
		// 5.2.4 itself compiles them wrongly when the body has locals
		// (the body's first local is overwritten), so lua5.2 is no
		// reference there. The corpus's generic_for.lua keeps a safe case.
		extra := ""
		b := g.loopBody(variable{name: k, t: tNum, ro: true}, variable{name: v, t: tNum, ro: true})
		return []*Node{
			lit("local function " + iter + "(s, c) c = c + 1 if c <= s then return c, c * c end end"),
			stmt(b, "for ", k, ", ", v, " in ", iter, ", ", strconv.Itoa(g.r.Intn(5)), ", ", strconv.Itoa(g.r.Intn(2)), extra, " do", b, "end"),
		}
	case 3:
		rng := g.name("range")
		b := g.loopBody(variable{name: k, t: tNum, ro: true})
		return []*Node{
			lit("local function " + rng + "(n) local c = 0 return function() c = c + 1 if c <= n then return c end end end"),
			stmt(b, "for ", k, " in ", rng, "(", strconv.Itoa(g.r.Intn(5)), ") do", b, "end"),
		}
	case 4:
		b := g.loopBody(variable{name: k, t: tStr, ro: true})
		pat := []string{`"%a+"`, `"%w"`, `"[^ ]+"`, `"()"`}[g.r.Intn(4)]
		if pat == `"()"` {
			b = g.loopBody(variable{name: k, t: tNum, ro: true})
		}
		return []*Node{stmt(b, "for ", k, " in (", g.str(2), "):gmatch(", pat, ") do", b, "end")}
	default:
		// the explist is ... : the iterator triple passed to a vararg function
		f := g.name("each")
		var b *Node
		old := g.inFunc
		g.inFunc = 0 // called once, at this level: printing is fine
		b = g.loopBody(variable{name: k, t: tNum, ro: true}, variable{name: v, t: tNum, ro: true})
		g.inFunc = old
		return []*Node{
			stmt(b, "local function ", f, "(...) for ", k, ", ", v, " in ... do", b, "end end"),
			stmt(nil, f, "(ipairs(", tabExpr(), "))"),
		}
	}
}

func (g *gen) while() *Node {
	w := g.name("w")
	b := g.loopBody(variable{name: w, t: tNum, ro: true})
	cond := []any{w, " < ", strconv.Itoa(g.r.Intn(5))}
	if g.r.Intn(2) == 0 {
		cond = append(cond, " and ", g.boolean(1))
	}
	inc := lit(w + " = " + w + " + 1")
	b.parts = append([]any{inc}, b.parts...)
	parts := []any{"local ", w, " = 0 while "}
	parts = append(parts, cond...)
	parts = append(parts, " do", b, "end")
	return stmt(nil, parts...)
}

// repeat's until sees a local of the body.
func (g *gen) repeat() *Node {
	r, done := g.name("r"), g.name("done")
	old := g.noGoto
	g.noGoto = true
	b := g.loopBody(variable{name: r, t: tNum, ro: true})
	g.noGoto = old
	b.parts = append([]any{lit("local " + done + " = " + r + " >= " + strconv.Itoa(g.r.Intn(4))), lit(r + " = " + r + " + 1")}, b.parts...)
	until := []any{done}
	if g.r.Intn(2) == 0 {
		until = append(until, " or ", g.boolean(1))
	}
	parts := []any{"local ", r, " = 0 repeat", b, "until "}
	parts = append(parts, until...)
	return stmt(nil, parts...)
}

// closuresInLoop creates closures in a loop, each capturing that iteration's
// locals, and calls them all after the loop.
func (g *gen) closuresInLoop() []*Node {
	cl, x := g.name("cl"), g.name("x")
	var loop *Node
	var body *Node
	i := g.name("i")
	g.scope(func() {
		g.declare(variable{name: i, t: tNum, ro: true})
		g.inLoop++
		body = newBlock()
		body.add(stmt(nil, "local ", x, " = ", g.num(2)))
		g.declare(variable{name: x, t: tNum})
		body.parts = append(body.parts, g.block(0, 2).parts...)
		g.inFunc++
		ret := g.num(3)
		g.inFunc--
		body.add(stmt(nil, cl, "[#", cl, " + 1] = function() ", x, " = ", x, " + 1 return ", ret, " end"))
		g.inLoop--
	})
	st := steps[g.r.Intn(len(steps)-1)]
	parts := []any{"for ", i, " = ", st.from, ", ", st.to}
	if st.step != "" {
		parts = append(parts, ", ", st.step)
	}
	parts = append(parts, " do", body, "end")
	loop = stmt(nil, parts...)
	return []*Node{
		lit("local " + cl + " = {}"),
		loop,
		lit("for _, c in ipairs(" + cl + ") do print(\"" + cl + "\", c(), c()) end"),
	}
}

// function defines a local function of numbers that uses upvalues and
// returns one to three values.
func (g *gen) function() []*Node {
	g.funcs++
	f := g.name("f")
	np, nr := g.r.Intn(3), 1+g.r.Intn(3)
	var params []any
	var pvars []variable
	for i := range np {
		p := g.name("p")
		if i > 0 {
			params = append(params, ", ")
		}
		params = append(params, p)
		pvars = append(pvars, variable{name: p, t: tNum})
	}
	var body *Node
	g.scope(func() {
		for _, p := range pvars {
			g.declare(p)
		}
		g.inFunc++
		oldLoop, oldVa := g.inLoop, g.vararg
		g.inLoop, g.vararg = 0, false
		body = g.block(0, 3)
		ret := []any{"return "}
		for i := range nr {
			if i > 0 {
				ret = append(ret, ", ")
			}
			ret = append(ret, g.num(2))
		}
		body.add(stmt(nil, ret...))
		g.inLoop, g.vararg = oldLoop, oldVa
		g.inFunc--
	})
	parts := append([]any{"local function ", f, "("}, params...)
	parts = append(parts, ")", body, "end")
	g.declare(variable{name: f, t: tFn, params: np, rets: nr})
	return []*Node{stmt(nil, parts...)}
}

// varargFunc defines a vararg function that inspects ... and returns it,
// and calls it with a trailing multi-value call.
func (g *gen) varargFunc() []*Node {
	g.funcs++
	f := g.name("va")
	a, b := g.name("a"), g.name("b")
	var body *Node
	g.scope(func() {
		g.inFunc++
		oldVa, oldLoop := g.vararg, g.inLoop
		g.vararg, g.inLoop = true, 0
		body = newBlock(lit("local " + a + ", " + b + " = ..."))
		g.declare(variable{name: a, t: tNNum})
		g.declare(variable{name: b, t: tNNum})
		body.parts = append(body.parts, g.block(0, 2).parts...)
		body.add(stmt(nil, "return select(\"#\", ...), ..."))
		g.vararg, g.inLoop = oldVa, oldLoop
		g.inFunc--
	})
	args := []any{}
	for i := range g.r.Intn(4) {
		if i > 0 {
			args = append(args, ", ")
		}
		args = append(args, g.expr(tNNum, 1))
	}
	if v, ok := g.pick(tFn, false); ok && v.params == 0 && g.r.Intn(2) == 0 {
		if len(args) > 0 {
			args = append(args, ", ")
		}
		args = append(args, v.name+"()")
	}
	call := append([]any{"print(\"" + f + "\", " + f + "("}, args...)
	call = append(call, "))")
	return []*Node{stmt(nil, "local function ", f, "(...)", body, "end"), stmt(nil, call...)}
}

// protected runs a block in pcall that may raise a string, a table or a
// number, at level 0 or 1, and prints what came out.
func (g *gen) protected() []*Node {
	ok, e := g.name("ok"), g.name("e")
	var body *Node
	g.scope(func() {
		oldLoop := g.inLoop
		g.inLoop = 0
		body = g.block(0, 2)
		g.inLoop = oldLoop
	})
	var val string
	switch g.r.Intn(5) {
	case 0:
		val = `"boom"`
	case 1:
		val = `"boom", 0`
	case 2:
		val = `{code = ` + strconv.Itoa(g.r.Intn(100)) + `}`
	case 3:
		val = strconv.Itoa(g.r.Intn(100)) + ", 0"
	default:
		val = `"lvl1", 1`
	}
	raise := stmt(nil, "if ", g.boolean(2), " then error(", val, ") end")
	body.add(raise)
	body.add(stmt(nil, "return ", g.num(2)))
	return []*Node{
		stmt(body, "local ", ok, ", ", e, " = pcall(function()", body, "end)"),
		stmt(nil, "print(", ok, ", type(", e, ") == \"table\" and ", e, ".code or ", e, ")"),
	}
}

// methods builds an object with methods called with : and chained.
func (g *gen) methods() []*Node {
	o := g.name("obj")
	calls := []any{o}
	for range 1 + g.r.Intn(3) {
		m := []string{":add(", ":mul(", ":add("}[g.r.Intn(3)]
		calls = append(calls, m, g.num(1), ")")
	}
	return []*Node{
		stmt(nil, "local ", o, " = {v = ", g.num(1), "}"),
		lit("function " + o + ":add(n) self.v = self.v + n return self end"),
		lit("function " + o + ".mul(self, n) self.v = self.v * n return self end"),
		stmt(nil, calls...),
		lit("print(\"" + o + "\", " + o + ".v, " + o + ":add(1).v)"),
	}
}

// coroutine wraps a loop that yields, with a yield inside a pcall'd function.
func (g *gen) coroutine() []*Node {
	co := g.name("co")
	n := 1 + g.r.Intn(3)
	// n yields in the loop, one in the pcall, then the return: n+2 calls
	calls := []any{"print(\"" + co + "\", ", co, "(", g.num(1), ")"}
	for i := range n + 1 {
		calls = append(calls, ", ", co, "(", strconv.Itoa(i+2), ")")
	}
	calls = append(calls, ")")
	return []*Node{
		stmt(nil, "local ", co, " = coroutine.wrap(function(a) for i = 1, ", strconv.Itoa(n),
			" do a = coroutine.yield(i * (a or 1)) end local ok, v = pcall(function() return coroutine.yield(\"in pcall\") end) return \"end\", ok, v end)"),
		stmt(nil, calls...),
	}
}
