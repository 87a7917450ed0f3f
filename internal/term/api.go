// Package term is CraftOS's terminal: a virtual screen (Buffer) whose
// methods are the term natives, drawn by one of two renderers: the plain
// stream for pipes and CI, or a full-screen terminal UI with keyboard and
// mouse input.
package term

import (
	"io"
	"os"
	"strings"
	"sync"

	"github.com/gdamore/tcell/v2"
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
)

// Options choose and set up the renderer.
type Options struct {
	// Full draws the screen full-screen on a terminal; otherwise text is
	// streamed to Out.
	Full bool
	// Width and Height are the screen size; zero means 51×19, or in full
	// mode the size of the real terminal (then resizing follows it).
	Width, Height int
	// Colour turns text colours into ANSI colours in plain mode (and in the
	// final screen full mode leaves behind).
	Colour bool
	// Out is where plain text goes, and where full mode prints the final
	// screen when it ends.
	Out io.Writer
	// Screen is the full-mode screen; nil opens the process's terminal.
	Screen tcell.Screen
	// Keys maps key names (as the ROM's keys API has them) to the codes
	// sent in key events; nil uses CC:Tweaked's.
	Keys map[string]int
	// Post queues an input event (key, char, paste, mouse_*, term_resize,
	// terminate).
	Post func(name string, args ...any)
	// Interrupt is called on Ctrl+C in full mode; nil queues "terminate".
	Interrupt func()
}

// Terminal is the term API over a Buffer and a renderer.
type Terminal struct {
	mu    sync.Mutex // orders stream output with the buffer
	buf   *Buffer
	plain *stream // plain mode
	full  *screen // full mode
	// screens are other screens shown with this one: monitors (monitors.go)
	screens screenSet
}

// New makes a terminal; a full-screen one takes over the terminal only at
// Start.
func New(o Options) *Terminal {
	if o.Out == nil {
		o.Out = io.Discard
	}
	w, h := o.Width, o.Height
	if w <= 0 || h <= 0 {
		w, h = DefaultWidth, DefaultHeight
	}
	t := &Terminal{buf: NewBuffer(w, h)}
	if o.Full {
		t.full = newScreen(t.buf, o)
		t.full.extra = &t.screens
	} else {
		t.plain = newStream(o.Out, o.Colour, &t.mu)
	}
	return t
}

// Buffer is the virtual screen.
func (t *Terminal) Buffer() *Buffer { return t.buf }

// Plain reports whether text is streamed (the plain renderer).
func (t *Terminal) Plain() bool { return t.plain != nil }

// Start opens the full-screen terminal; a no-op in plain mode.
func (t *Terminal) Start() error {
	if t.full != nil {
		return t.full.start()
	}
	return nil
}

// Reset clears the screen as a (re)booting computer finds it.
func (t *Terminal) Reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Reset()
	if t.plain != nil {
		t.plain.reset()
	}
}

// Flush shows what was written: plain output is flushed, the full screen
// redrawn.
func (t *Terminal) Flush() error {
	if t.full != nil {
		t.full.draw()
		return nil
	}
	if t.plain == nil {
		return nil // offscreen
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.plain.flush()
}

// Close ends the renderer: the stream's colours are reset; the full screen
// gives the terminal back and prints the final screen to Out.
func (t *Terminal) Close() error {
	if t.full != nil {
		return t.full.close()
	}
	if t.plain == nil {
		return nil // offscreen
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	// A line the program ended (its cursor went on to another row, as the
	// bios's print leaves it when written with setCursorPos) gets its line
	// break, which the stream otherwise writes only before the next text.
	if _, y := t.buf.Cursor(); t.plain.wrote && y-1 != t.plain.row {
		t.plain.newline()
	}
	return t.plain.close()
}

// Screenshot writes the screen as text lines to path, and each other
// screen shown (a monitor) to path.NAME.
func (t *Terminal) Screenshot(path string) error {
	if err := os.WriteFile(path, []byte(t.buf.Text()), 0o644); err != nil {
		return err
	}
	return t.screenshotScreens(path)
}

// WriteText writes text as the bios's write() shows it (word wrap, "\n",
// scrolling); in plain mode the text itself is streamed unchanged.
func (t *Terminal) WriteText(text string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.plain == nil {
		t.buf.WriteStream(text)
		return
	}
	fg, bg := t.buf.Colours()
	pal := t.palette()
	t.streamLines(text, false, func(seg, shown string) {
		t.plain.text(shown, uint8(fg), uint8(bg), &pal)
		t.buf.WriteStream(seg)
	})
}

// streamLines streams text line by line: each piece goes on the stream's
// line for the cursor's row, and "\n" is a new line on both. With pad, text
// placed right of what the line holds is preceded by spaces, and only what
// lies on the screen is shown. put gets each piece and the part to stream.
func (t *Terminal) streamLines(text string, pad bool, put func(seg, shown string)) {
	for {
		seg, rest, nl := strings.Cut(text, "\n")
		if seg != "" {
			x, y := t.buf.Cursor()
			shown := seg
			if pad {
				shown = t.visible(seg, x, y)
				w, _ := t.buf.Size()
				if from, to, ok := t.plain.place(y-1, max(x, 1)-1, w, cellsOf(shown)); !ok {
					shown = ""
				} else {
					shown = shown[cellOffset(shown, from):cellOffset(shown, to)]
					x = max(x, 1) + from
				}
			}
			if shown != "" {
				t.plain.moveTo(y - 1)
				if pad {
					t.plain.padTo(max(x, 1) - 1)
				}
			}
			put(seg, shown)
			_, y = t.buf.Cursor()
			if y-1 != t.plain.row {
				t.plain.row = y - 1 // wrapped text stays on the stream's line
			}
		}
		if !nl {
			return
		}
		t.plain.newline()
		t.buf.Newline()
		_, y := t.buf.Cursor()
		t.plain.row = y - 1
		text = rest
	}
}

// WriteError shows text in red on the screen only: the host writes it to
// stderr itself.
func (t *Terminal) WriteError(text string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	fg, _ := t.buf.Colours()
	t.buf.SetTextColour(Red)
	t.buf.WriteStream(text)
	t.buf.SetTextColour(fg)
	if t.plain != nil {
		_, y := t.buf.Cursor()
		t.plain.row = y - 1
	}
}

func (t *Terminal) palette() [16][3]float64 {
	t.buf.mu.Lock()
	defer t.buf.mu.Unlock()
	return t.buf.palette
}

// The term natives. Errors and coercions follow CC:Tweaked's TermMethods.

// IsPlain tells the bios whether text may be streamed whole.
func (t *Terminal) IsPlain(a vm.Args) int { return a.Return(lua.LBool(t.plain != nil)) }

// Write writes any value (as tostring shows it) at the cursor, without
// wrapping. On the plain stream "\n" also starts a new line.
func (t *Terminal) Write(a vm.Args) int {
	text := textArg(a, 1)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.plain == nil {
		t.buf.Write(text)
		return 0
	}
	fg, bg := t.buf.Colours()
	pal := t.palette()
	t.streamLines(text, true, func(seg, shown string) {
		t.plain.text(shown, uint8(fg), uint8(bg), &pal)
		t.buf.Write(seg)
	})
	return 0
}

// visible is the part of text written at column x, row y (1-based) that
// lies on the screen. term.write and blit stream only that, as the
// full-screen renderer draws it: a cursor at x = 2^40 must not make the
// stream write a terabyte of padding.
func (t *Terminal) visible(text string, x, y int) string {
	w, h := t.buf.Size()
	if y < 1 || y > h || x > w {
		return ""
	}
	cells := cellsOf(text)
	from, to := 0, len(cells)
	if x < 1 {
		if 1-x >= len(cells) {
			return ""
		}
		from, x = 1-x, 1
	}
	if n := w - x + 1; to-from > n {
		to = from + n
	}
	return text[cellOffset(text, from):cellOffset(text, to)]
}

func textArg(a vm.Args, i int) string {
	switch v := a.Value(i).(type) {
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return vm.FormatNumber(float64(v))
	}
	return vm.ToString(a.L, a.Value(i))
}

// Blit writes text with a text and a background colour digit per byte.
func (t *Terminal) Blit(a vm.Args) int {
	text := a.String(1)
	fg := a.String(2)
	bg := a.String(3)
	if len(fg) != len(text) || len(bg) != len(text) {
		a.Fail("Arguments must be the same length")
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if x, y := t.buf.Cursor(); t.plain != nil && text != "" && t.visible(text, x, y) != "" {
		// Blit's text is bytes, one cell each: clip by bytes.
		w, _ := t.buf.Size()
		from, to := max(1-x, 0), min(len(text), w-x+1)
		text, fg, bg := text[from:to], fg[from:to], bg[from:to]
		x = max(x, 1)
		if from, to, ok := t.plain.place(y-1, x-1, w, cellsOf(text)); ok {
			from, to = cellOffset(text, from), cellOffset(text, to)
			text, fg, bg, x = text[from:to], fg[from:to], bg[from:to], x+from
			t.plain.moveTo(y - 1)
			t.plain.padTo(x - 1)
			pal := t.palette()
			start := 0
			for i := 1; i <= len(text); i++ {
				if i == len(text) || fg[i] != fg[start] || bg[i] != bg[start] {
					t.plain.text(text[start:i], blitColour(fg[start], White), blitColour(bg[start], Black), &pal)
					start = i
				}
			}
		}
	}
	t.buf.Blit(text, fg, bg)
	return 0
}

func (t *Terminal) Clear(a vm.Args) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Clear()
	if t.plain != nil {
		t.plain.cleared(-1)
	}
	return 0
}

func (t *Terminal) ClearLine(a vm.Args) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.ClearLine()
	if t.plain != nil {
		_, y := t.buf.Cursor()
		t.plain.cleared(y - 1)
	}
	return 0
}

func (t *Terminal) GetCursorPos(a vm.Args) int {
	x, y := t.buf.Cursor()
	return a.Return(lua.LNumber(x), lua.LNumber(y))
}

func (t *Terminal) SetCursorPos(a vm.Args) int {
	x := a.Int(1)
	y := a.Int(2)
	t.buf.SetCursor(x, y)
	return 0
}

func (t *Terminal) GetCursorBlink(a vm.Args) int { return a.Return(lua.LBool(t.buf.Blink())) }
func (t *Terminal) SetCursorBlink(a vm.Args) int { t.buf.SetBlink(a.Bool(1)); return 0 }

func (t *Terminal) GetSize(a vm.Args) int {
	w, h := t.buf.Size()
	return a.Return(lua.LNumber(w), lua.LNumber(h))
}

func (t *Terminal) Scroll(a vm.Args) int {
	n := a.Int(1)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Scroll(n)
	if t.plain != nil {
		t.plain.scroll(n)
	}
	return 0
}

// colourArg parses a colour as CC:Tweaked does: its highest set bit picks
// the colour, so 3 is orange; 0, negatives and 2^16 up are out of range.
func colourArg(a vm.Args, i int) int {
	c := a.Int(i)
	if c <= 0 || c >= 1<<16 {
		a.Fail("Colour out of range")
	}
	n := 0
	for c > 1 {
		c >>= 1
		n++
	}
	return n
}

func (t *Terminal) SetTextColour(a vm.Args) int { t.buf.SetTextColour(colourArg(a, 1)); return 0 }
func (t *Terminal) SetBackgroundColour(a vm.Args) int {
	t.buf.SetBackgroundColour(colourArg(a, 1))
	return 0
}

func (t *Terminal) GetTextColour(a vm.Args) int {
	fg, _ := t.buf.Colours()
	return a.Return(lua.LNumber(int(1) << fg))
}

func (t *Terminal) GetBackgroundColour(a vm.Args) int {
	_, bg := t.buf.Colours()
	return a.Return(lua.LNumber(int(1) << bg))
}

func (t *Terminal) IsColour(a vm.Args) int { return a.Return(lua.LTrue) }

func returnRGB(a vm.Args, c [3]float64) int {
	return a.Return(lua.LNumber(c[0]), lua.LNumber(c[1]), lua.LNumber(c[2]))
}

func (t *Terminal) GetPaletteColour(a vm.Args) int {
	return returnRGB(a, t.buf.Palette(colourArg(a, 1)))
}

func (t *Terminal) NativePaletteColour(a vm.Args) int {
	return returnRGB(a, nativeRGB(colourArg(a, 1)))
}

// SetPaletteColour takes a colour and either one 0xRRGGBB number or three
// channels from 0 to 1.
func (t *Terminal) SetPaletteColour(a vm.Args) int {
	i := colourArg(a, 1)
	var c [3]float64
	if a.N() == 2 {
		v := a.Int(2)
		c = [3]float64{float64(v>>16&0xFF) / 255, float64(v>>8&0xFF) / 255, float64(v&0xFF) / 255}
	} else {
		c = [3]float64{a.FiniteNumber(2), a.FiniteNumber(3), a.FiniteNumber(4)}
	}
	t.buf.SetPalette(i, c)
	return 0
}

// ColourAliases are the American spellings of the colour methods every
// terminal has (the term API and monitors), as CC:Tweaked's @LuaFunction
// names give them.
func ColourAliases() map[string]string {
	return map[string]string{
		"isColor":            "isColour",
		"setTextColor":       "setTextColour",
		"getTextColor":       "getTextColour",
		"setBackgroundColor": "setBackgroundColour",
		"getBackgroundColor": "getBackgroundColour",
		"getPaletteColor":    "getPaletteColour",
		"setPaletteColor":    "setPaletteColour",
	}
}

// LuaAliases gives the American spellings.
func (t *Terminal) LuaAliases() map[string]string {
	aliases := ColourAliases()
	aliases["nativePaletteColor"] = "nativePaletteColour"
	return aliases
}
