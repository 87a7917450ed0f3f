package term

import (
	"bufio"
	"fmt"
	"io"
	"sync"
	"time"
)

// stream is the plain renderer, for pipes and CI: text is written out as it
// is put on the screen, with no cursor games. Nothing is wrapped or padded;
// a line break is written only when text goes on another line than the
// stream's current one. With colour on, text colours become ANSI SGR
// colours (24-bit, from the palette; white text and a black background are
// the terminal's defaults).
type stream struct {
	// lock is the terminal's: every caller of the methods below holds it;
	// the flush timer takes it.
	lock sync.Locker
	out  *bufio.Writer
	// flushed is when the buffer was last written out; timer, when set,
	// writes out the lines finished since.
	flushed time.Time
	timer   *time.Timer
	closed  bool
	colour  bool
	// row is the screen line (0-based) the stream's current line shows;
	// scrolling moves it up with the screen.
	row int
	// wrote is whether the current line has any text on it.
	wrote bool
	// col is how many cells of the current line the stream has written.
	col int
	// sgr is the colour escape in force ("" for the defaults).
	sgr string
	// seen is what the reader sees of each screen row.
	seen seen
}

// noRow is the stream's row after the screen is cleared: no screen row
// shows its current line any more, so the next text starts a new line.
const noRow = -1 << 30

func newStream(w io.Writer, colour bool, lock sync.Locker) *stream {
	return &stream{out: bufio.NewWriterSize(w, 32<<10), colour: colour, lock: lock}
}

// moveTo starts a new line when text goes on screen line y and the stream
// has text on another.
func (s *stream) moveTo(y int) {
	if y != s.row {
		if s.wrote {
			s.newline()
		}
		// The row's earlier text stays in seen: the reader still has it
		// (on an earlier line), so a write over it shows only its change.
		s.col = 0
	}
	s.row = y
}

// place decides what of text, written at column x of screen row y (0-based)
// of a screen w cells wide, is new to the reader: it returns the cells
// [from, to) to stream, with ok false when there is nothing to show. Text
// the reader already sees there (a redraw) is not shown again, nor are
// spaces over shown text (an erasure, which a stream cannot show); a redraw
// that scrolls the screen is followed as a scroll; spaces show only as
// padding before later text, so a row drawn whole shows without its blank
// tail.
func (s *stream) place(y, x, w int, text []rune) (from, to int, ok bool) {
	to = len(text)
	for to > 0 && text[to-1] == ' ' {
		to--
	}
	if to == 0 {
		return 0, 0, false
	}
	from, to, ok = s.seen.changed(y, x, text[:to])
	if !ok {
		return 0, 0, false
	}
	if y != s.row && x == 0 && len(text) >= w {
		// A window redrawn after scrolling moves each of its rows up, one
		// at a time: the row's text is already out, k rows lower. Only the
		// window's rows move (a title or prompt row beside it stays).
		if k := s.seen.scrolledBy(y, s.row, text); k > 0 {
			s.seen.move(y+k, y)
			if s.row == y+k {
				s.row = y
			}
			return 0, 0, false
		}
	}
	// On the stream's line the change goes after the line's text: a stream
	// cannot go back.
	return from, to, true
}

// scroll follows the screen scrolling up by n lines.
func (s *stream) scroll(n int) {
	s.row -= n
	s.seen.scroll(n)
}

// cleared follows the screen (or row y of it, when y >= 0) being cleared:
// what the reader sees stays, but no longer stands for the screen.
func (s *stream) cleared(y int) {
	if y < 0 {
		s.seen.reset()
	} else {
		s.seen.clearRow(y)
	}
	if s.wrote && (y < 0 || y == s.row) {
		s.row = noRow
	}
}

// flushAfter bounds how long a finished line waits in the buffer: output is
// (nearly) line-buffered, so what a busy program printed is out even if it
// is killed before it next waits, while a program printing thousands of
// lines a second still writes them in large blocks (a write per line costs
// about 2 us on a pipe, doubling the time of a print loop).
const flushAfter = 5 * time.Millisecond

func (s *stream) newline() {
	s.setSGR("")
	s.out.WriteByte('\n')
	s.wrote = false
	s.col = 0
	if time.Since(s.flushed) >= flushAfter {
		s.flush()
	} else if s.timer == nil {
		s.timer = time.AfterFunc(flushAfter, func() {
			s.lock.Lock()
			defer s.lock.Unlock()
			s.timer = nil
			if !s.closed {
				s.flush()
			}
		})
	}
}

// padTo writes spaces up to column x (0-based) when the cursor was moved
// right of what the line holds, so columns laid out with setCursorPos
// (textutils.tabulate, ls) stay apart. Moving left cannot be streamed and
// is ignored.
func (s *stream) padTo(x int) {
	if x <= s.col {
		return
	}
	s.setSGR("")
	for ; s.col < x; s.col++ {
		s.out.WriteByte(' ')
	}
	s.wrote = true
}

// reset forgets the screen, as a (re)booting computer finds it.
func (s *stream) reset() {
	s.row = 0
	s.seen.reset()
}

// text writes runs of text in the given colours and palette.
func (s *stream) text(t string, fg, bg uint8, pal *[16][3]float64) {
	if t == "" {
		return
	}
	if s.colour {
		s.setSGR(sgrFor(fg, bg, pal))
	}
	s.out.WriteString(Printable(t))
	s.wrote = true
	runes := cellsOf(t)
	s.seen.record(s.row, s.col, runes)
	s.col += len(runes)
}

func (s *stream) setSGR(code string) {
	if !s.colour || code == s.sgr {
		return
	}
	if code == "" {
		s.out.WriteString("\x1b[0m")
	} else {
		s.out.WriteString(code)
	}
	s.sgr = code
}

// sgrFor is the escape for text colour fg on background bg; "" when both
// are the defaults.
func sgrFor(fg, bg uint8, pal *[16][3]float64) string {
	if fg == White && bg == Black {
		return ""
	}
	code := "\x1b[0"
	if fg != White {
		r, g, b := rgb8(pal[fg])
		code += fmt.Sprintf(";38;2;%d;%d;%d", r, g, b)
	}
	if bg != Black {
		r, g, b := rgb8(pal[bg])
		code += fmt.Sprintf(";48;2;%d;%d;%d", r, g, b)
	}
	return code + "m"
}

func rgb8(c [3]float64) (int, int, int) {
	ch := func(v float64) int { return min(max(int(v*255+0.5), 0), 255) }
	return ch(c[0]), ch(c[1]), ch(c[2])
}

func (s *stream) flush() error {
	s.flushed = time.Now()
	return s.out.Flush()
}

// close resets the colours and flushes.
func (s *stream) close() error {
	s.setSGR("")
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
	}
	return s.out.Flush()
}
