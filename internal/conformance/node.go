package conformance

import "strings"

// Node is one piece of a generated program: a block of statements, a
// statement, or an expression. The shrinker edits the tree (dropping
// statements, inlining bodies, replacing expressions by simpler ones) and
// renders it again.
type Node struct {
	block bool    // a block: parts are statements, one per line
	parts []any   // string or *Node, rendered in order
	alts  []*Node // expressions: simpler replacements, tried by the shrinker
	body  *Node   // statements: a block that may stand in for the statement

	// shrinker state
	dropped bool  // a statement left out
	inlined bool  // a statement replaced by its body's statements
	chosen  *Node // an expression replaced by one of alts
}

// ex builds an expression with simpler alternatives.
func ex(alts []*Node, parts ...any) *Node { return &Node{parts: parts, alts: alts} }

// lit is a leaf expression or statement text.
func lit(s string) *Node { return &Node{parts: []any{s}} }

// stmt builds a statement; body, when set, is one of parts.
func stmt(body *Node, parts ...any) *Node { return &Node{parts: parts, body: body} }

func newBlock(stmts ...*Node) *Node {
	b := &Node{block: true}
	for _, s := range stmts {
		b.parts = append(b.parts, s)
	}
	return b
}

func (n *Node) add(s ...*Node) {
	for _, x := range s {
		n.parts = append(n.parts, x)
	}
}

// Render writes the program as Lua source, two spaces per level.
func (n *Node) Render() string {
	var sb strings.Builder
	n.renderBlock(&sb, 0)
	return sb.String()
}

func (n *Node) renderBlock(sb *strings.Builder, indent int) {
	for _, p := range n.parts {
		s := p.(*Node)
		if s.dropped {
			continue
		}
		if s.inlined && s.body != nil {
			s.body.renderBlock(sb, indent)
			continue
		}
		sb.WriteString(strings.Repeat("  ", indent))
		s.render(sb, indent)
		sb.WriteByte('\n')
	}
}

func (n *Node) render(sb *strings.Builder, indent int) {
	if n.chosen != nil {
		n.chosen.render(sb, indent)
		return
	}
	for _, p := range n.parts {
		switch p := p.(type) {
		case string:
			sb.WriteString(p)
		case *Node:
			if p.block {
				sb.WriteByte('\n')
				p.renderBlock(sb, indent+1)
				sb.WriteString(strings.Repeat("  ", indent))
			} else {
				p.render(sb, indent)
			}
		}
	}
}
