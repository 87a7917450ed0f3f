package term

import (
	"strings"
	"sync"
)

// DefaultWidth and DefaultHeight are CraftOS's terminal size.
const (
	DefaultWidth  = 51
	DefaultHeight = 19
)

// Colour indices are blit digits: 0 is white, 15 (f) is black.
const (
	White = 0
	Red   = 14
	Black = 15
)

// Cell is one character cell: a byte of CraftOS's charset and its colours
// as blit indices.
type Cell struct {
	Ch     byte
	Fg, Bg uint8
}

// Buffer is the virtual terminal: width×height cells, the cursor, the
// current colours and the palette. Its methods follow CC:Tweaked's
// Terminal: the cursor may be anywhere, even off screen, and text outside
// the screen is dropped. It is safe for concurrent use: the computer writes
// while a renderer reads.
type Buffer struct {
	mu      sync.Mutex
	w, h    int
	cells   []Cell
	x, y    int // cursor, 0-based
	blink   bool
	fg, bg  uint8
	palette [16][3]float64
	dirty   bool
}

// NewBuffer makes a cleared buffer of the given size (at least 1×1).
func NewBuffer(width, height int) *Buffer {
	b := &Buffer{}
	b.w, b.h = max(width, 1), max(height, 1)
	b.cells = make([]Cell, b.w*b.h)
	b.resetLocked()
	return b
}

// Reset puts the terminal back as a computer boots it: cleared, cursor at
// the top left, white on black, the default palette.
func (b *Buffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.resetLocked()
}

func (b *Buffer) resetLocked() {
	b.x, b.y, b.blink, b.fg, b.bg = 0, 0, false, White, Black
	for i := range b.palette {
		b.palette[i] = nativeRGB(i)
	}
	b.clearLocked()
}

func nativeRGB(i int) [3]float64 {
	v := defaultPalette[i]
	return [3]float64{float64(v>>16&0xFF) / 255, float64(v>>8&0xFF) / 255, float64(v&0xFF) / 255}
}

// CraftOS's default palette, by blit index.
var defaultPalette = [16]uint32{
	0xF0F0F0, 0xF2B233, 0xE57FD8, 0x99B2F2, 0xDEDE6C, 0x7FCC19, 0xF2B2CC, 0x4C4C4C,
	0x999999, 0x4C99B2, 0xB266E5, 0x3366CC, 0x7F664C, 0x57A64E, 0xCC4C4C, 0x111111,
}

// Size is the terminal's width and height.
func (b *Buffer) Size() (int, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w, b.h
}

// Resize changes the size, keeping what fits; new cells take the current
// colours. It reports whether the size changed.
func (b *Buffer) Resize(width, height int) bool {
	width, height = max(width, 1), max(height, 1)
	b.mu.Lock()
	defer b.mu.Unlock()
	if width == b.w && height == b.h {
		return false
	}
	cells := make([]Cell, width*height)
	blank := Cell{' ', b.fg, b.bg}
	for y := 0; y < height; y++ {
		for x := 0; x < width; x++ {
			c := blank
			if x < b.w && y < b.h {
				c = b.cells[y*b.w+x]
			}
			cells[y*width+x] = c
		}
	}
	b.w, b.h, b.cells = width, height, cells
	b.dirty = true
	return true
}

// Cursor is the cursor position, 1-based as Lua sees it.
func (b *Buffer) Cursor() (int, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.x + 1, b.y + 1
}

// SetCursor moves the cursor (1-based, any value).
func (b *Buffer) SetCursor(x, y int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.x != x-1 || b.y != y-1 {
		b.x, b.y = x-1, y-1
		b.dirty = true
	}
}

// Blink is whether the cursor is shown.
func (b *Buffer) Blink() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.blink
}

// SetBlink shows or hides the cursor.
func (b *Buffer) SetBlink(on bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.blink != on {
		b.blink = on
		b.dirty = true
	}
}

// Colours are the current text and background colours (blit indices).
func (b *Buffer) Colours() (fg, bg int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return int(b.fg), int(b.bg)
}

// SetTextColour sets the colour of new text (a blit index).
func (b *Buffer) SetTextColour(i int) {
	b.mu.Lock()
	b.fg = uint8(i & 15)
	b.dirty = true // the cursor is drawn in the text colour
	b.mu.Unlock()
}

// SetBackgroundColour sets the background of new text (a blit index).
func (b *Buffer) SetBackgroundColour(i int) {
	b.mu.Lock()
	b.bg = uint8(i & 15)
	b.mu.Unlock()
}

// Palette returns colour i's red, green and blue, each 0..1.
func (b *Buffer) Palette(i int) [3]float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.palette[i&15]
}

// SetPalette changes how colour i is shown.
func (b *Buffer) SetPalette(i int, rgb [3]float64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.palette[i&15] = rgb
	b.dirty = true
}

// Write puts text at the cursor in the current colours and moves the
// cursor past it; nothing wraps.
func (b *Buffer) Write(text string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.writeLocked(text, nil, nil)
}

// writeLocked writes text at the cursor; fg and bg, when given, are blit
// colour digits for each byte.
func (b *Buffer) writeLocked(text string, fg, bg []byte) {
	if b.y >= 0 && b.y < b.h {
		row := b.cells[b.y*b.w : (b.y+1)*b.w]
		for i := 0; i < len(text); i++ {
			x := b.x + i
			if x < 0 {
				continue
			}
			if x >= b.w {
				break
			}
			c := Cell{text[i], b.fg, b.bg}
			if fg != nil {
				c.Fg, c.Bg = blitColour(fg[i], White), blitColour(bg[i], Black)
			}
			row[x] = c
		}
		b.dirty = true
	}
	b.x += len(text)
}

// Blit writes text with a blit colour digit per byte for the text and the
// background; the three must have the same length.
func (b *Buffer) Blit(text, fg, bg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.writeLocked(text, []byte(fg), []byte(bg))
}

// blitColour parses a hex digit; anything else is def, as CC:Tweaked
// draws it.
func blitColour(c byte, def uint8) uint8 {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return def
}

// Scroll moves every line up by n (down when n is negative); lines that
// come in are blank in the current colours.
func (b *Buffer) Scroll(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.scrollLocked(n)
}

func (b *Buffer) scrollLocked(n int) {
	if n == 0 {
		return
	}
	blank := Cell{' ', b.fg, b.bg}
	old := make([]Cell, len(b.cells))
	copy(old, b.cells)
	for y := 0; y < b.h; y++ {
		from := y + n
		row := b.cells[y*b.w : (y+1)*b.w]
		if from >= 0 && from < b.h {
			copy(row, old[from*b.w:(from+1)*b.w])
		} else {
			for x := range row {
				row[x] = blank
			}
		}
	}
	b.dirty = true
}

// Clear blanks the screen in the current colours; the cursor stays.
func (b *Buffer) Clear() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clearLocked()
}

func (b *Buffer) clearLocked() {
	blank := Cell{' ', b.fg, b.bg}
	for i := range b.cells {
		b.cells[i] = blank
	}
	b.dirty = true
}

// ClearLine blanks the cursor's line in the current colours.
func (b *Buffer) ClearLine() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.y < 0 || b.y >= b.h {
		return
	}
	blank := Cell{' ', b.fg, b.bg}
	row := b.cells[b.y*b.w : (b.y+1)*b.w]
	for x := range row {
		row[x] = blank
	}
	b.dirty = true
}

// Newline moves the cursor to the start of the next line, scrolling when
// it is on the last one, as print does.
func (b *Buffer) Newline() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.newlineLocked()
}

func (b *Buffer) newlineLocked() {
	b.x = 0
	if b.y+1 < b.h {
		b.y++
	} else {
		b.y = b.h - 1
		b.scrollLocked(1)
	}
	b.dirty = true
}

// WriteStream writes text as CraftOS's write() shows it: "\n" starts a new
// line, words wrap at the right edge (longer ones are split), and the
// screen scrolls at the bottom. It returns the number of line breaks.
func (b *Buffer) WriteStream(text string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	lines := 0
	newline := func() { b.newlineLocked(); lines++ }
	for len(text) > 0 {
		switch c := text[0]; {
		case c == '\n':
			newline()
			text = text[1:]
		case c == ' ' || c == '\t':
			n := 1
			for n < len(text) && (text[n] == ' ' || text[n] == '\t') {
				n++
			}
			b.writeLocked(text[:n], nil, nil)
			text = text[n:]
		default:
			n := 1
			for n < len(text) && text[n] != ' ' && text[n] != '\t' && text[n] != '\n' {
				n++
			}
			word := text[:n]
			text = text[n:]
			if n > b.w {
				for len(word) > 0 {
					if b.x >= b.w {
						newline()
					}
					room := max(b.w-b.x, 1)
					part := word[:min(room, len(word))]
					b.writeLocked(part, nil, nil)
					word = word[len(part):]
				}
			} else {
				if b.x+n > b.w {
					newline()
				}
				b.writeLocked(word, nil, nil)
			}
		}
	}
	return lines
}

// Cell returns the cell at 1-based (x, y); off screen is a blank.
func (b *Buffer) Cell(x, y int) Cell {
	b.mu.Lock()
	defer b.mu.Unlock()
	if x < 1 || y < 1 || x > b.w || y > b.h {
		return Cell{' ', White, Black}
	}
	return b.cells[(y-1)*b.w+x-1]
}

// Lines is the screen as text, one string per line with trailing spaces
// trimmed; characters are shown as Unicode (see Glyph).
func (b *Buffer) Lines() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	lines := make([]string, b.h)
	var sb strings.Builder
	for y := 0; y < b.h; y++ {
		sb.Reset()
		for _, c := range b.cells[y*b.w : (y+1)*b.w] {
			sb.WriteRune(Glyph(c.Ch))
		}
		lines[y] = strings.TrimRight(sb.String(), " ")
	}
	return lines
}

// Text is Lines joined, each line ending in "\n".
func (b *Buffer) Text() string {
	return strings.Join(b.Lines(), "\n") + "\n"
}

// takeDirty reports whether anything changed since the last call.
func (b *Buffer) takeDirty() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	d := b.dirty
	b.dirty = false
	return d
}
