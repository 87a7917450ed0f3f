package term

import "unicode/utf8"

// seen is what the reader of the plain stream sees of each screen row: the
// cells the stream has written for it. A stream cannot rewrite what it has
// written, so when a program (or a window through multishell, or another
// ROM's shell) draws a row again, only what the reader does not see yet is
// worth writing: a redraw of unchanged rows writes nothing, and a window
// scrolled by redrawing every row one line up is followed as a scroll.
type seen struct {
	rows [][]rune // rows[y][x]; missing cells are blank
}

func (s *seen) row(y int) []rune {
	if y < 0 || y >= len(s.rows) {
		return nil
	}
	return s.rows[y]
}

// record notes text the stream wrote at column x of row y.
func (s *seen) record(y, x int, text []rune) {
	if y < 0 || x < 0 || len(text) == 0 {
		return
	}
	for len(s.rows) <= y {
		s.rows = append(s.rows, nil)
	}
	r := s.rows[y]
	for len(r) < x+len(text) {
		r = append(r, ' ')
	}
	copy(r[x:], text)
	s.rows[y] = r
}

// clearRow forgets row y: the stream's next text for it starts a new line.
func (s *seen) clearRow(y int) {
	if y >= 0 && y < len(s.rows) {
		s.rows[y] = nil
	}
}

func (s *seen) reset() { s.rows = nil }

// move shows row from's text at row to instead: a redraw moved it there.
func (s *seen) move(from, to int) {
	if to < 0 || from < 0 || from >= len(s.rows) {
		return
	}
	for len(s.rows) <= to {
		s.rows = append(s.rows, nil)
	}
	s.rows[to], s.rows[from] = s.rows[from], nil
}

// scroll moves the rows up by n (down when n is negative), as the screen.
func (s *seen) scroll(n int) {
	switch {
	case n >= len(s.rows) || -n >= len(s.rows):
		s.rows = nil
	case n > 0:
		s.rows = append(s.rows[:0:0], s.rows[n:]...)
	case n < 0:
		s.rows = append(make([][]rune, -n), s.rows...)
	}
}

// covers reports whether text at column x of row y has nothing new for the
// reader: each of its non-blank cells is what the reader sees there. A space
// over a shown character is an erasure, which a stream cannot show (CC:
// Tweaked's read() erases its completion by redrawing the row with spaces).
func (s *seen) covers(y, x int, text []rune) bool {
	r := s.row(y)
	for i, c := range text {
		if c == ' ' {
			continue
		}
		if x+i >= len(r) || r[x+i] != c {
			return false
		}
	}
	return true
}

// changed is the span [from, to) of text, written at column x of row y,
// from its first to its last non-blank cell that the reader does not see
// there: a window re-blits its whole row for each write, and only what the
// write changed is new. ok is false when there is none.
func (s *seen) changed(y, x int, text []rune) (from, to int, ok bool) {
	r := s.row(y)
	from = -1
	for i, c := range text {
		if c == ' ' || (x+i < len(r) && r[x+i] == c) {
			continue
		}
		if from < 0 {
			from = i
		}
		to = i + 1
	}
	return from, to, from >= 0
}

// scrolledBy recognises a redraw that moves the screen up: text, a whole
// row written at row y, is what the reader sees k rows further down (up to
// row last), but for cells erased since. It returns k, or 0.
func (s *seen) scrolledBy(y, last int, text []rune) int {
	for k := 1; y+k <= last; k++ {
		if s.covers(y+k, 0, text) {
			return k
		}
	}
	return 0
}

// cellsOf is text as the cells it covers: its runes when it is UTF-8,
// else one per byte (CraftOS's own character set).
func cellsOf(text string) []rune {
	if utf8.ValidString(text) {
		return []rune(text)
	}
	cells := make([]rune, len(text))
	for i := 0; i < len(text); i++ {
		cells[i] = rune(text[i])
	}
	return cells
}

// cellOffset is the byte offset of cell i of text, as cellsOf counts.
func cellOffset(text string, i int) int {
	if !utf8.ValidString(text) {
		return i
	}
	for off := range text {
		if i == 0 {
			return off
		}
		i--
	}
	return len(text)
}
