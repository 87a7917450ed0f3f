package ast

type PositionHolder interface {
	Line() int
	SetLine(int)
	LastLine() int
	SetLastLine(int)
}

type Node struct {
	line     int
	lastline int
}

func (self *Node) Line() int {
	return self.line
}

func (self *Node) SetLine(line int) {
	self.line = line
}

func (self *Node) LastLine() int {
	return self.lastline
}

func (self *Node) SetLastLine(line int) {
	self.lastline = line
}

// OpPos is where the token that a runtime error at a node points at
// stands: a call's '(' (or its string or table argument), an index's '.'
// or '[', a method's ':', an operator, a loop's 'for' or its iterator.
// craftos: the per-instruction columns of Cobalt's currentcolumn, which
// CC:Tweaked's error reports mark under the failing line.
type OpPos struct {
	opLine, opCol int32
}

// SetOpPos records the token's line and byte column (from 1).
func (p *OpPos) SetOpPos(line, col int) { p.opLine, p.opCol = int32(line), int32(col) }

// OpPosition is the recorded line and column (0, 0 when none).
func (p *OpPos) OpPosition() (line, col int) { return int(p.opLine), int(p.opCol) }
