package term

import (
	"bufio"
	"fmt"
	"io"
	"sync"
	"time"
	"unicode/utf8"
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
}

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
		s.col = 0
	}
	s.row = y
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

// text writes runs of text in the given colours and palette.
func (s *stream) text(t string, fg, bg uint8, pal *[16][3]float64) {
	if t == "" {
		return
	}
	if s.colour {
		s.setSGR(sgrFor(fg, bg, pal))
	}
	s.out.WriteString(t)
	s.wrote = true
	s.col += utf8.RuneCountInString(t)
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
