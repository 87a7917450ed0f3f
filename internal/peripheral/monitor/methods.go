package monitor

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/term"
	"github.com/craftos/craftos/internal/vm"
)

// The term methods CC:Tweaked's monitors share with term (TermMethods),
// with the term natives' argument checks and errors: the monitor's
// offscreen terminal runs them on its own screen.

func (m *Monitor) Write(a vm.Args) int          { return m.term.Write(a) }
func (m *Monitor) Blit(a vm.Args) int           { return m.term.Blit(a) }
func (m *Monitor) Clear(a vm.Args) int          { return m.term.Clear(a) }
func (m *Monitor) ClearLine(a vm.Args) int      { return m.term.ClearLine(a) }
func (m *Monitor) Scroll(a vm.Args) int         { return m.term.Scroll(a) }
func (m *Monitor) GetCursorPos(a vm.Args) int   { return m.term.GetCursorPos(a) }
func (m *Monitor) SetCursorPos(a vm.Args) int   { return m.term.SetCursorPos(a) }
func (m *Monitor) GetCursorBlink(a vm.Args) int { return m.term.GetCursorBlink(a) }
func (m *Monitor) SetCursorBlink(a vm.Args) int { return m.term.SetCursorBlink(a) }
func (m *Monitor) GetSize(a vm.Args) int        { return m.term.GetSize(a) }

func (m *Monitor) GetTextColour(a vm.Args) int       { return m.term.GetTextColour(a) }
func (m *Monitor) SetTextColour(a vm.Args) int       { return m.term.SetTextColour(a) }
func (m *Monitor) GetBackgroundColour(a vm.Args) int { return m.term.GetBackgroundColour(a) }
func (m *Monitor) SetBackgroundColour(a vm.Args) int { return m.term.SetBackgroundColour(a) }
func (m *Monitor) GetPaletteColour(a vm.Args) int    { return m.term.GetPaletteColour(a) }
func (m *Monitor) SetPaletteColour(a vm.Args) int    { return m.term.SetPaletteColour(a) }

// IsColour is true for an advanced monitor; a normal one still takes
// colours (CC:Tweaked shows them in grey).
func (m *Monitor) IsColour(a vm.Args) int { return a.Return(lua.LBool(m.colour)) }

// LuaAliases gives the American spellings, as the term API's.
func (m *Monitor) LuaAliases() map[string]string { return term.ColourAliases() }

// SetTextScale sets the scale (0.5 to 5; CC:Tweaked keeps it in halves,
// truncating, so 0.7 is 0.5) and resizes the screen to fit it.
func (m *Monitor) SetTextScale(a vm.Args) int {
	halves := a.FiniteNumber(1) * 2
	if halves < 1 || halves >= 11 {
		a.Fail("Expected number in range 0.5-5")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if s := int(halves); s != m.scale {
		m.scale = s
		m.rebuildLocked()
	}
	return 0
}

// GetTextScale is the current scale.
func (m *Monitor) GetTextScale(a vm.Args) int {
	m.mu.Lock()
	s := m.scale
	m.mu.Unlock()
	return a.Return(lua.LNumber(float64(s) / 2))
}

// SetSize (CraftOS-PC) makes the monitor w×h characters at its current
// scale.
func (m *Monitor) SetSize(a vm.Args) int {
	w, h := sizeArgs(a, maxChars, maxChars)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pw, m.ph = m.charSize(w, h)
	m.rebuildLocked()
	return 0
}

// SetBlockSize (CraftOS-PC) makes the monitor as large as one of w×h
// blocks in CC:Tweaked; the size in characters follows from the scale.
func (m *Monitor) SetBlockSize(a vm.Args) int {
	w, h := sizeArgs(a, maxBlocksW, maxBlocksH)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pw, m.ph = blockSize(w, h)
	m.rebuildLocked()
	return 0
}

// sizeArgs reads a width and a height, each from 1 to its maximum, with
// CraftOS-PC's error for a size out of range.
func sizeArgs(a vm.Args, maxW, maxH int) (int, int) {
	w, h := a.Int(1), a.Int(2)
	if w < 1 || w > maxW {
		a.Error(1, "value out of range")
	}
	if h < 1 || h > maxH {
		a.Error(2, "value out of range")
	}
	return w, h
}
