package term

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/gdamore/tcell/v2"
)

// screen is the full-screen renderer: it draws the Buffer on a terminal
// with tcell and turns the keyboard, mouse and resizes into CraftOS events.
type screen struct {
	buf   *Buffer
	o     Options
	fixed bool       // the size was given; the real terminal's is not followed
	extra *screenSet // other screens shown (monitors.go)

	s      tcell.Screen
	drawMu sync.Mutex
	quit   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once

	// input state, owned by the event loop
	pasting  bool
	pasted   strings.Builder
	held     int  // mouse button down (CraftOS number), 0 for none
	touching bool // a button is down on another screen (monitors.go)
	lastX    int
	lastY    int
}

func newScreen(b *Buffer, o Options) *screen {
	if o.Post == nil {
		o.Post = func(string, ...any) {}
	}
	return &screen{buf: b, o: o, fixed: o.Width > 0 && o.Height > 0, extra: &screenSet{}, quit: make(chan struct{})}
}

func (sc *screen) start() error {
	s := sc.o.Screen
	if s == nil {
		var err error
		if s, err = tcell.NewScreen(); err != nil {
			return fmt.Errorf("full-screen terminal: %w", err)
		}
	}
	if err := s.Init(); err != nil {
		return fmt.Errorf("full-screen terminal: %w", err)
	}
	s.EnableMouse(tcell.MouseButtonEvents, tcell.MouseDragEvents)
	s.EnablePaste()
	s.Clear()
	sc.s = s
	if !sc.fixed {
		sc.buf.Resize(s.Size())
	}
	sc.wg.Add(2)
	go sc.events()
	go sc.refresh()
	sc.redraw()
	return nil
}

// refresh redraws what changed while a program runs without waiting for
// events (the computer also flushes before it goes idle).
func (sc *screen) refresh() {
	defer sc.wg.Done()
	t := time.NewTicker(40 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-sc.quit:
			return
		case <-t.C:
			sc.draw()
		}
	}
}

// draw shows the buffers if they changed.
func (sc *screen) draw() {
	if sc.s == nil {
		return
	}
	own, others := sc.buf.takeDirty(), sc.screensDirty()
	if !own && !others {
		return
	}
	sc.redraw()
}

// redraw paints every cell and the cursor, of the computer's screen and
// of the other screens shown (monitors.go).
func (sc *screen) redraw() {
	sc.drawMu.Lock()
	defer sc.drawMu.Unlock()
	select {
	case <-sc.quit:
		return
	default:
	}
	sw, sh := sc.s.Size()
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			sc.s.SetContent(x, y, ' ', nil, tcell.StyleDefault)
		}
	}
	cursor := false
	for _, p := range sc.layout(sw, sh) {
		if sc.paint(p, sw, sh) {
			cursor = true
		}
	}
	if !cursor {
		sc.s.HideCursor()
	}
	sc.s.Show()
}

// events turns terminal input into CraftOS events until the screen ends.
func (sc *screen) events() {
	defer sc.wg.Done()
	for {
		ev := sc.s.PollEvent()
		if ev == nil {
			return
		}
		sc.handle(ev)
	}
}

func (sc *screen) handle(ev tcell.Event) {
	switch ev := ev.(type) {
	case *tcell.EventResize:
		sc.drawMu.Lock() // drawing is one goroutine's at a time
		sc.s.Sync()
		sc.drawMu.Unlock()
		if !sc.fixed {
			if sc.buf.Resize(ev.Size()) {
				sc.o.Post("term_resize")
			}
		}
		sc.redraw()
	case *tcell.EventPaste:
		if ev.Start() {
			sc.pasting = true
			sc.pasted.Reset()
			return
		}
		sc.pasting = false
		if text := pasteText(sc.pasted.String()); text != "" {
			sc.o.Post("paste", text)
		}
	case *tcell.EventKey:
		if sc.pasting {
			switch {
			case ev.Key() == tcell.KeyRune:
				sc.pasted.WriteRune(ev.Rune())
			case ev.Key() == tcell.KeyEnter || ev.Key() == tcell.KeyLF:
				sc.pasted.WriteByte('\n')
			case ev.Key() == tcell.KeyTab:
				sc.pasted.WriteByte('\t')
			}
			return
		}
		sc.key(ev)
	case *tcell.EventMouse:
		sc.mouse(ev)
	}
}

// pasteText is what CraftOS pastes: the first line, as Latin-1 bytes
// (characters it cannot show are dropped).
func pasteText(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	s = strings.TrimSuffix(s, "\r")
	var b []byte
	for _, r := range s {
		if c, ok := charByte(r); ok {
			b = append(b, c)
		}
	}
	return string(b)
}

// charByte is the byte a typed character is in CraftOS's charset, if it
// has one: printable ASCII and ISO-8859-1.
func charByte(r rune) (byte, bool) {
	if (r >= 32 && r < 127) || (r >= 160 && r <= 255) {
		return byte(r), true
	}
	return 0, false
}

// key sends key, char and key_up for one key press; terminals report no
// releases, so key_up follows at once. Ctrl+T is CraftOS's terminate, Ctrl+C
// interrupts as it does in plain mode.
func (sc *screen) key(ev *tcell.EventKey) {
	if sc.switchKey(ev) {
		return
	}
	switch ev.Key() {
	case tcell.KeyCtrlC:
		if sc.o.Interrupt != nil {
			go sc.o.Interrupt() // it may close the screen, which waits for this loop
		} else {
			sc.o.Post("terminate")
		}
		return
	case tcell.KeyCtrlT:
		sc.o.Post("terminate")
		return
	}
	press := pressOf(ev)
	var held []int
	if press.Ctrl {
		held = append(held, sc.code("leftCtrl"))
	}
	if press.Alt {
		held = append(held, sc.code("leftAlt"))
	}
	for _, c := range held {
		if c >= 0 {
			sc.o.Post("key", c, false)
		}
	}
	code := -1
	if press.Name != "" {
		code = sc.code(press.Name)
	}
	if code >= 0 {
		sc.o.Post("key", code, false)
	}
	if press.Char != "" {
		sc.o.Post("char", press.Char)
	}
	if code >= 0 {
		sc.o.Post("key_up", code)
	}
	for i := len(held) - 1; i >= 0; i-- {
		if held[i] >= 0 {
			sc.o.Post("key_up", held[i])
		}
	}
}

// code is the key code for a keys API name, from the ROM when it has it.
func (sc *screen) code(name string) int {
	if c, ok := sc.o.Keys[name]; ok {
		return c
	}
	if c, ok := DefaultKeys[name]; ok {
		return c
	}
	return -1
}

// mouse sends mouse_click, mouse_drag, mouse_up and mouse_scroll with
// CraftOS's button numbers (1 left, 2 right, 3 middle) and 1-based cells.
func (sc *screen) mouse(ev *tcell.EventMouse) {
	if sc.touch(ev) {
		return
	}
	x, y := ev.Position()
	w, h := sc.buf.Size()
	x, y = min(max(x, 0), w-1)+1, min(max(y, 0), h-1)+1
	btn := ev.Buttons()
	switch {
	case btn&tcell.WheelUp != 0:
		sc.o.Post("mouse_scroll", -1, x, y)
		return
	case btn&tcell.WheelDown != 0:
		sc.o.Post("mouse_scroll", 1, x, y)
		return
	}
	pressed := 0
	switch {
	case btn&tcell.Button1 != 0:
		pressed = 1
	case btn&tcell.Button2 != 0:
		pressed = 2
	case btn&tcell.Button3 != 0:
		pressed = 3
	}
	switch {
	case sc.held == 0 && pressed != 0:
		sc.held = pressed
		sc.o.Post("mouse_click", pressed, x, y)
	case sc.held != 0 && pressed == 0:
		sc.o.Post("mouse_up", sc.held, x, y)
		sc.held = 0
	case sc.held != 0 && (x != sc.lastX || y != sc.lastY):
		sc.o.Post("mouse_drag", sc.held, x, y)
	}
	sc.lastX, sc.lastY = x, y
}

// close gives the terminal back and prints the final screen to Out, so what
// the program showed stays in the terminal's scrollback.
func (sc *screen) close() error {
	var err error
	sc.once.Do(func() {
		if sc.s == nil {
			return
		}
		sc.drawMu.Lock()
		close(sc.quit)
		sc.drawMu.Unlock()
		sc.s.Fini()
		sc.wg.Wait()
		_, err = io.WriteString(sc.o.Out, finalScreen(sc.buf, sc.o.Colour))
	})
	return err
}

// finalScreen is the screen's text without the blank lines at its bottom,
// in ANSI colours when asked.
func finalScreen(b *Buffer, colour bool) string {
	lines := b.Lines()
	n := len(lines)
	for n > 0 && lines[n-1] == "" {
		n--
	}
	if !colour {
		var sb strings.Builder
		for _, l := range lines[:n] {
			sb.WriteString(l)
			sb.WriteByte('\n')
		}
		return sb.String()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var sb strings.Builder
	for y := 0; y < n; y++ {
		row := b.cells[y*b.w : (y+1)*b.w]
		end := len(row)
		for end > 0 && row[end-1].Ch == ' ' && row[end-1].Bg == Black {
			end--
		}
		cur := ""
		for _, c := range row[:end] {
			if code := sgrFor(c.Fg, c.Bg, &b.palette); code != cur {
				if code == "" {
					code = "\x1b[0m"
				}
				sb.WriteString(code)
				cur = code
				if cur == "\x1b[0m" {
					cur = ""
				}
			}
			sb.WriteRune(Glyph(c.Ch))
		}
		if cur != "" {
			sb.WriteString("\x1b[0m")
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
