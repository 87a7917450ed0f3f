// Package term is CraftOS's term API. Plain is the terminal for pipes and
// CI: text is streamed as it is written, with no cursor games.
package term

import (
	"bufio"

	"io"
	"sync"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
)

// DefaultWidth and DefaultHeight are CraftOS's terminal size.
const (
	DefaultWidth  = 51
	DefaultHeight = 19
)

// Plain streams terminal text to a writer. It keeps a virtual cursor so
// programs that ask for it get sensible answers, but never pads, wraps or
// repositions: a line break is written only when the cursor moves to
// another line.
type Plain struct {
	mu      sync.Mutex // the host flushes from its own goroutine
	out     *bufio.Writer
	width   int
	height  int
	x, y    int
	blink   bool
	fg, bg  int
	palette [16]uint32
}

// NewPlain makes a plain terminal writing to w.
func NewPlain(w io.Writer, width, height int) *Plain {
	p := &Plain{out: bufio.NewWriterSize(w, 32<<10), width: width, height: height, x: 1, y: 1, fg: 1, bg: 1 << 15}
	p.palette = defaultPalette
	return p
}

// Flush writes buffered output.
func (p *Plain) Flush() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Flush()
}

// WriteRaw writes text the host wants on the terminal's stream, keeping the
// virtual cursor consistent.
func (p *Plain) WriteRaw(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.writeLocked(s)
}

func (p *Plain) writeLocked(s string) {
	p.out.WriteString(s)
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			p.x = 1
			if p.y < p.height {
				p.y++
			}
		} else {
			p.x++
		}
	}
}

// CraftOS's default palette, for getPaletteColour.
var defaultPalette = [16]uint32{
	0xF0F0F0, 0xF2B233, 0xE57FD8, 0x99B2F2, 0xDEDE6C, 0x7FCC19, 0xF2B2CC, 0x4C4C4C,
	0x999999, 0x4C99B2, 0xB266E5, 0x3366CC, 0x7F664C, 0x57A64E, 0xCC4C4C, 0x111111,
}

// IsPlain tells the bios that text may be streamed whole.
func (p *Plain) IsPlain(a vm.Args) int { return a.Return(lua.LTrue) }

func (p *Plain) Write(a vm.Args) int {
	s := textArg(a, 1)
	p.WriteRaw(s)
	return 0
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

func (p *Plain) Blit(a vm.Args) int {
	text := a.String(1)
	fg := a.String(2)
	bg := a.String(3)
	if len(fg) != len(text) || len(bg) != len(text) {
		a.Fail("Arguments must be the same length")
	}
	p.WriteRaw(text)
	return 0
}

func (p *Plain) Clear(a vm.Args) int     { return 0 }
func (p *Plain) ClearLine(a vm.Args) int { return 0 }

func (p *Plain) GetCursorPos(a vm.Args) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return a.Return(lua.LNumber(p.x), lua.LNumber(p.y))
}

// SetCursorPos moves the virtual cursor; moving to another line writes one
// line break so output stays readable as a stream.
func (p *Plain) SetCursorPos(a vm.Args) int {
	x := a.Int(1)
	y := a.Int(2)
	p.mu.Lock()
	defer p.mu.Unlock()
	if y != p.y {
		p.out.WriteByte('\n')
	}
	p.x, p.y = x, y
	return 0
}

func (p *Plain) GetCursorBlink(a vm.Args) int { return a.Return(lua.LBool(p.blink)) }
func (p *Plain) SetCursorBlink(a vm.Args) int { p.blink = a.Bool(1); return 0 }

func (p *Plain) GetSize(a vm.Args) int {
	return a.Return(lua.LNumber(p.width), lua.LNumber(p.height))
}

func (p *Plain) Scroll(a vm.Args) int {
	a.Int(1)
	return 0
}

func colourArg(a vm.Args, i int) int {
	c := a.Int(i)
	if c <= 0 || c&(c-1) != 0 || c > 1<<15 {
		a.Fail("Colour out of range")
	}
	return c
}

func (p *Plain) SetTextColour(a vm.Args) int       { p.fg = colourArg(a, 1); return 0 }
func (p *Plain) GetTextColour(a vm.Args) int       { return a.Return(lua.LNumber(p.fg)) }
func (p *Plain) SetBackgroundColour(a vm.Args) int { p.bg = colourArg(a, 1); return 0 }
func (p *Plain) GetBackgroundColour(a vm.Args) int { return a.Return(lua.LNumber(p.bg)) }
func (p *Plain) IsColour(a vm.Args) int            { return a.Return(lua.LTrue) }

func paletteIndex(a vm.Args) int {
	c := colourArg(a, 1)
	i := 0
	for c > 1 {
		c >>= 1
		i++
	}
	return i
}

func rgb(v uint32) (lua.LValue, lua.LValue, lua.LValue) {
	return lua.LNumber(float64(v>>16&0xFF) / 255), lua.LNumber(float64(v>>8&0xFF) / 255), lua.LNumber(float64(v&0xFF) / 255)
}

func (p *Plain) GetPaletteColour(a vm.Args) int {
	r, g, b := rgb(p.palette[paletteIndex(a)])
	return a.Return(r, g, b)
}

func (p *Plain) NativePaletteColour(a vm.Args) int {
	r, g, b := rgb(defaultPalette[paletteIndex(a)])
	return a.Return(r, g, b)
}

func (p *Plain) SetPaletteColour(a vm.Args) int {
	i := paletteIndex(a)
	if a.N() == 2 {
		p.palette[i] = uint32(a.Int(2)) & 0xFFFFFF
		return 0
	}
	ch := func(n int) uint32 { return uint32(a.Number(n)*255+0.5) & 0xFF }
	p.palette[i] = ch(2)<<16 | ch(3)<<8 | ch(4)
	return 0
}

// LuaAliases gives the American spellings.
func (p *Plain) LuaAliases() map[string]string {
	return map[string]string{
		"isColor":            "isColour",
		"setTextColor":       "setTextColour",
		"getTextColor":       "getTextColour",
		"setBackgroundColor": "setBackgroundColour",
		"getBackgroundColor": "getBackgroundColour",
		"getPaletteColor":    "getPaletteColour",
		"setPaletteColor":    "setPaletteColour",
		"nativePaletteColor": "nativePaletteColour",
	}
}
