package term

import (
	"maps"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/gdamore/tcell/v2"
)

// NewOffscreen makes a terminal with no renderer of its own: its term
// methods only change its Buffer, as a monitor's do. The computers it is
// attached to show it (AddScreen); Start, Flush and Close do nothing.
func NewOffscreen(width, height int) *Terminal {
	return &Terminal{buf: NewBuffer(width, height)}
}

// Screen is another screen a computer's terminal shows besides its own: a
// monitor attached to it. Touch, when set, is called with the 1-based cell
// a click in full-screen mode lands on (monitor_touch).
type Screen struct {
	Name  string
	Buf   *Buffer
	Touch func(x, y int)
	// Grey draws the screen in shades of grey, as CC:Tweaked draws a
	// normal (not advanced) monitor's colours.
	Grey bool
}

// screenSet is the terminal's other screens. In full-screen mode they are
// drawn beside the computer's screen when the terminal has room, otherwise
// one at a time (Shift+Left/Right switches, as CraftOS-PC's CLI mode does).
type screenSet struct {
	mu      sync.Mutex
	list    []*Screen
	shown   int  // when switching: 0 the computer's screen, i list[i-1]
	changed bool // added or removed since the last draw
	// shots are what --screenshot writes: the last screen added under
	// each name, kept when it is removed, since a computer's devices are
	// detached when it shuts down, before the screenshot is taken.
	shots map[string]*Screen
}

// AddScreen shows s with the terminal's own screen and in its
// screenshots; remove takes it away again.
func (t *Terminal) AddScreen(s *Screen) (remove func()) {
	set := &t.screens
	set.mu.Lock()
	set.list = append(set.list, s)
	set.changed = true
	if set.shots == nil {
		set.shots = map[string]*Screen{}
	}
	set.shots[s.Name] = s
	set.mu.Unlock()
	return func() {
		set.mu.Lock()
		defer set.mu.Unlock()
		for i, o := range set.list {
			if o == s {
				set.list = append(set.list[:i:i], set.list[i+1:]...)
				if set.shown > i {
					set.shown--
				}
				set.changed = true
				return
			}
		}
	}
}

// Screens are the other screens shown, in the order they were added.
func (t *Terminal) Screens() []*Screen {
	t.screens.mu.Lock()
	defer t.screens.mu.Unlock()
	return append([]*Screen(nil), t.screens.list...)
}

// screenshotScreens writes each other screen beside the main screenshot,
// as PATH.NAME (a monitor on top: shot.txt.top): every name a screen was
// shown under, with that screen's last content.
func (t *Terminal) screenshotScreens(path string) error {
	t.screens.mu.Lock()
	names := make([]string, 0, len(t.screens.shots))
	for name := range t.screens.shots {
		names = append(names, name)
	}
	shots := maps.Clone(t.screens.shots)
	t.screens.mu.Unlock()
	slices.Sort(names)
	for _, name := range names {
		if err := os.WriteFile(path+"."+fileName(name), []byte(shots[name].Buf.Text()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// fileName keeps a peripheral's name usable as a file name suffix: a name
// from Lua may hold anything, a path separator or "..".
func fileName(name string) string {
	b := []byte(name)
	for i, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
		if !ok {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "_"
	}
	return string(b)
}

// pane is where one screen is drawn on the real terminal: its buffer's top
// left cell at (x, y), and a title line at (x, titleY) when titleY >= 0.
type pane struct {
	s      *Screen // nil for the computer's own screen
	buf    *Buffer
	x, y   int
	title  string
	titleY int
}

// layout places the screens on a sw×sh terminal: all of them when the
// others fit in a column right of the computer's screen, each under its
// title; otherwise only the one switched to.
func (sc *screen) layout(sw, sh int) []pane {
	own := pane{buf: sc.buf, titleY: -1}
	set := sc.extra
	set.mu.Lock()
	list := append([]*Screen(nil), set.list...)
	set.shown = min(set.shown, len(list))
	shown := set.shown
	set.mu.Unlock()
	if len(list) == 0 {
		return []pane{own}
	}
	w, _ := sc.buf.Size()
	panes := []pane{own}
	y := 0
	fits := true
	for _, s := range list {
		mw, mh := s.Buf.Size()
		if w+1+mw > sw || y+1+mh > sh {
			fits = false
			break
		}
		panes = append(panes, pane{s: s, buf: s.Buf, x: w + 1, y: y + 1, title: screenTitle(s, mw, ""), titleY: y})
		y += 1 + mh
	}
	if fits {
		return panes
	}
	if shown == 0 {
		return []pane{own}
	}
	s := list[shown-1]
	mw, mh := s.Buf.Size()
	p := pane{s: s, buf: s.Buf, titleY: -1}
	if mh < sh {
		p.titleY = mh
		p.title = screenTitle(s, max(mw, sw), " (Shift+Left/Right: switch)")
	}
	return []pane{p}
}

func screenTitle(s *Screen, width int, hint string) string {
	t := "[" + s.Name + "]" + hint
	if len(t) > width {
		t = t[:width]
	}
	return t + strings.Repeat(" ", max(width-len(t), 0))
}

// switchScreen shows the next (dir 1) or previous (-1) screen; false when
// there is nothing to switch to.
func (sc *screen) switchScreen(dir int) bool {
	set := sc.extra
	set.mu.Lock()
	defer set.mu.Unlock()
	n := len(set.list) + 1
	if n == 1 {
		return false
	}
	set.shown = ((set.shown+dir)%n + n) % n
	set.changed = true
	return true
}

// screensDirty reports whether another screen changed or one was added or
// removed since the last draw.
func (sc *screen) screensDirty() bool {
	set := sc.extra
	set.mu.Lock()
	dirty := set.changed
	set.changed = false
	list := append([]*Screen(nil), set.list...)
	set.mu.Unlock()
	for _, s := range list {
		if s.Buf.takeDirty() {
			dirty = true
		}
	}
	return dirty
}

// paneAt is the other screen under terminal cell (x, y), with the
// 1-based cell of that screen; nil when the click is for the computer.
func (sc *screen) paneAt(x, y int) (*Screen, int, int, bool) {
	sw, sh := sc.s.Size()
	panes := sc.layout(sw, sh)
	for _, p := range panes {
		if p.s == nil {
			continue
		}
		w, h := p.buf.Size()
		if x >= p.x && y >= p.y && x < p.x+w && y < p.y+h {
			return p.s, x - p.x + 1, y - p.y + 1, true
		}
	}
	if panes[0].s != nil {
		return nil, 0, 0, true // the computer's screen is not shown: nothing to click
	}
	return nil, 0, 0, false
}

// paint draws one pane (clipped to the sw×sh terminal) and reports whether
// it showed the cursor: only the computer's own screen has one.
func (sc *screen) paint(p pane, sw, sh int) bool {
	b := p.buf
	b.mu.Lock()
	w, h := b.w, b.h
	cells := append([]Cell(nil), b.cells...)
	cx, cy, blink, fg := b.x, b.y, b.blink, b.fg
	pal := b.palette
	b.dirty = false
	b.mu.Unlock()

	var colours [16]tcell.Color
	for i, c := range pal {
		if p.s != nil && p.s.Grey {
			m := (c[0] + c[1] + c[2]) / 3
			c = [3]float64{m, m, m}
		}
		r, g, bl := rgb8(c)
		colours[i] = tcell.NewRGBColor(int32(r), int32(g), int32(bl))
	}
	for y := 0; y < h && p.y+y < sh; y++ {
		for x := 0; x < w && p.x+x < sw; x++ {
			c := cells[y*w+x]
			st := tcell.StyleDefault.Foreground(colours[c.Fg]).Background(colours[c.Bg])
			sc.s.SetContent(p.x+x, p.y+y, Glyph(c.Ch), nil, st)
		}
	}
	if p.titleY >= 0 && p.titleY < sh {
		for i, r := range []rune(p.title) {
			if p.x+i < sw {
				sc.s.SetContent(p.x+i, p.titleY, r, nil, tcell.StyleDefault.Reverse(true))
			}
		}
	}
	if p.s != nil || !blink || cx < 0 || cy < 0 || cx >= w || cy >= h || p.x+cx >= sw || p.y+cy >= sh {
		return false
	}
	sc.s.SetCursorStyle(tcell.CursorStyleBlinkingUnderline, colours[fg])
	sc.s.ShowCursor(p.x+cx, p.y+cy)
	return true
}

// switchKey takes Shift+Left/Right to switch screens when there are other
// screens; other keys go to the computer, whichever screen is shown.
func (sc *screen) switchKey(ev *tcell.EventKey) bool {
	if ev.Modifiers()&tcell.ModShift == 0 || ev.Modifiers()&(tcell.ModCtrl|tcell.ModAlt) != 0 {
		return false
	}
	dir := 0
	switch ev.Key() {
	case tcell.KeyLeft:
		dir = -1
	case tcell.KeyRight:
		dir = 1
	default:
		return false
	}
	if !sc.switchScreen(dir) {
		return false
	}
	sc.redraw()
	return true
}

// touch handles a mouse event on another screen: a press there is a touch
// (monitor_touch); the rest of what happens on it is ignored. It reports
// whether the event was not the computer's. A drag begun on the computer's
// screen stays the computer's.
func (sc *screen) touch(ev *tcell.EventMouse) bool {
	if sc.held != 0 {
		return false
	}
	x, y := ev.Position()
	s, tx, ty, other := sc.paneAt(x, y)
	if !other {
		sc.touching = false
		return false
	}
	pressed := ev.Buttons()&(tcell.Button1|tcell.Button2|tcell.Button3) != 0
	if pressed && !sc.touching && s != nil && s.Touch != nil {
		s.Touch(tx, ty)
	}
	sc.touching = pressed
	return true
}
