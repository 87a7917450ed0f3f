// Package monitor is the "monitor" peripheral: a screen of its own with
// CC:Tweaked's monitor API (every term method, setTextScale/getTextScale
// with the size following the scale), the monitor_resize and
// monitor_touch events, and CraftOS-PC's setSize/setBlockSize. The
// computers it is attached to show it (full-screen mode) and write it
// with --screenshot.
package monitor

import (
	"math"
	"sync"

	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/term"
)

// Sizes are kept in CC:Tweaked's units: a block is 64 pixels, of which
// 2×(2+0.5)/16 of a block is border and margin (MonitorBlockEntity's
// RENDER_BORDER and RENDER_MARGIN), and a character is 6×9 pixels at text
// scale 1 (ServerMonitor.rebuild).
const (
	blockPixels = 64
	edgePixels  = 20 // 2 × (2 + 0.5) / 16 × 64
	charW       = 6
	charH       = 9
	// CC:Tweaked's largest monitor (its monitorWidth/monitorHeight config).
	maxBlocksW = 8
	maxBlocksH = 6
	// maxChars bounds a side set in characters (CraftOS-PC's setSize).
	maxChars = 1000
)

// Monitor is one monitor: its screen (an offscreen terminal), its text
// scale and size, and the computers it is attached to.
type Monitor struct {
	term   *term.Terminal
	colour bool

	mu    sync.Mutex
	scale int     // in halves: 1 (0.5) to 10 (5), as CC:Tweaked keeps it
	pw    float64 // the drawable width and height, in pixels
	ph    float64
	on    []attachment
}

// attachment is a computer the monitor is attached to, under a name.
type attachment struct {
	host   peripheral.Host
	name   string
	remove func() // takes the screen off the computer's terminal
}

// screenHost is a Host that shows screens: a computer with a terminal.
type screenHost interface {
	Terminal() *term.Terminal
}

// New makes a monitor from periphemu.create's or --peripheral's argument
// (see parseArg).
func New(arg any) (peripheral.Device, error) {
	o, err := parseArg(arg)
	if err != nil {
		return nil, err
	}
	m := &Monitor{colour: !o.normal, scale: 2}
	if o.blocks {
		m.pw, m.ph = blockSize(o.w, o.h)
	} else {
		m.pw, m.ph = m.charSize(o.w, o.h)
	}
	w, h := m.sizeLocked()
	m.term = term.NewOffscreen(w, h)
	return m, nil
}

// Types is the peripheral type: CC:Tweaked's monitors are all "monitor".
func (m *Monitor) Types() []string { return []string{"monitor"} }

// Buffer is the monitor's screen.
func (m *Monitor) Buffer() *term.Buffer { return m.term.Buffer() }

// Colour reports whether this is an advanced monitor.
func (m *Monitor) Colour() bool { return m.colour }

func blockSize(w, h int) (float64, float64) {
	return float64(w*blockPixels - edgePixels), float64(h*blockPixels - edgePixels)
}

// charSize is the drawable size that holds w×h characters at the current
// scale.
func (m *Monitor) charSize(w, h int) (float64, float64) {
	s := float64(m.scale) / 2
	return float64(w) * charW * s, float64(h) * charH * s
}

// sizeLocked is the size in characters for the drawable size and scale,
// as ServerMonitor.rebuild works it out: rounded (half up, as Java's
// Math.round), at least 1.
func (m *Monitor) sizeLocked() (int, int) {
	s := float64(m.scale) / 2
	w := math.Floor(m.pw/(s*charW) + 0.5)
	h := math.Floor(m.ph/(s*charH) + 0.5)
	return int(max(w, 1)), int(max(h, 1))
}

// rebuildLocked resizes the screen after the scale or the drawable size
// changed; a screen whose size changes is cleared and each computer gets
// monitor_resize, as CC:Tweaked does.
func (m *Monitor) rebuildLocked() {
	w, h := m.sizeLocked()
	if !m.term.Buffer().Resize(w, h) {
		return
	}
	m.term.Buffer().Clear()
	for _, a := range m.on {
		a.host.Queue("monitor_resize", a.name)
	}
}

// Attach shows the monitor on the computer's terminal.
func (m *Monitor) Attach(h peripheral.Host, name string) {
	a := attachment{host: h, name: name, remove: func() {}}
	if sh, ok := h.(screenHost); ok && sh.Terminal() != nil {
		a.remove = sh.Terminal().AddScreen(&term.Screen{Name: name, Buf: m.term.Buffer(), Touch: m.Touch, Grey: !m.colour})
	}
	m.mu.Lock()
	m.on = append(m.on, a)
	m.mu.Unlock()
}

// Detach takes the monitor off that computer.
func (m *Monitor) Detach(h peripheral.Host, name string) {
	m.mu.Lock()
	var gone []attachment
	kept := m.on[:0]
	for _, a := range m.on {
		if a.host == h && a.name == name {
			gone = append(gone, a)
		} else {
			kept = append(kept, a)
		}
	}
	m.on = kept
	m.mu.Unlock()
	for _, a := range gone {
		a.remove()
	}
}

// Touch is a click on the monitor at 1-based (x, y): an advanced monitor
// queues monitor_touch on every computer it is attached to, each with its
// own name for it; a normal one cannot be touched.
func (m *Monitor) Touch(x, y int) {
	if !m.colour {
		return
	}
	m.mu.Lock()
	on := append([]attachment(nil), m.on...)
	m.mu.Unlock()
	for _, a := range on {
		a.host.Queue("monitor_touch", a.name, x, y)
	}
}
