package monitor_test

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/peripheral/monitor"
	"github.com/craftos/craftos/internal/term"
	"github.com/craftos/craftos/internal/vm"
)

// newMonitor makes a monitor from arg, failing the test on an error.
func newMonitor(t *testing.T, arg any) *monitor.Monitor {
	t.Helper()
	d, err := monitor.New(arg)
	if err != nil {
		t.Fatalf("monitor.New(%v): %v", arg, err)
	}
	return d.(*monitor.Monitor)
}

// run runs src with the monitor's methods in the global "mon" (as
// peripheral.wrap gives them) and returns the error it raised, if any.
func run(t *testing.T, dev peripheral.Device, src string) error {
	t.Helper()
	m := vm.New(context.Background(), vm.Options{})
	t.Cleanup(m.Close)
	m.Register("mon", dev)
	fn, err := m.Load(src, "=test")
	if err != nil {
		t.Fatal(err)
	}
	co, h := m.NewCoroutine(fn)
	vals, ok := m.RunHost(co, nil)
	runtime.KeepAlive(h)
	if !ok {
		return fmt.Errorf("%s", vm.ToString(m.L, vals[0]))
	}
	return nil
}

func mustRun(t *testing.T, dev peripheral.Device, src string) {
	t.Helper()
	if err := run(t, dev, src); err != nil {
		t.Fatal(err)
	}
}

// host is a computer as the monitor sees it: it records queued events and
// has a terminal to show screens on.
type host struct {
	id     int
	term   *term.Terminal
	mu     sync.Mutex
	events []string
}

func (h *host) ID() int { return h.id }
func (h *host) Queue(name string, args ...any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	parts := []string{name}
	for _, a := range args {
		parts = append(parts, fmt.Sprint(a))
	}
	h.events = append(h.events, strings.Join(parts, " "))
}
func (h *host) Mount(string, string, bool) (string, error) { return "", nil }
func (h *host) Unmount(string)                             {}
func (h *host) Terminal() *term.Terminal                   { return h.term }

func (h *host) take() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	e := h.events
	h.events = nil
	return e
}

// Sizes per text scale for monitors of W×H blocks: CC:Tweaked's
// ServerMonitor.rebuild (the values CraftOS's wiki tabulates: a 1×1
// monitor is 7×5 at scale 1, the largest 8×6 one 164×81 at 0.5).
func TestSizeFollowsScale(t *testing.T) {
	widths := map[float64][]int{
		0.5: {15, 36, 57, 79, 100, 121, 143, 164},
		1:   {7, 18, 29, 39, 50, 61, 71, 82},
		1.5: {5, 12, 19, 26, 33, 40, 48, 55},
		2:   {4, 9, 14, 20, 25, 30, 36, 41},
		5:   {1, 4, 6, 8, 10, 12, 14, 16},
	}
	heights := map[float64][]int{
		0.5: {10, 24, 38, 52, 67, 81},
		1:   {5, 12, 19, 26, 33, 40},
		1.5: {3, 8, 13, 17, 22, 27},
		2:   {2, 6, 10, 13, 17, 20},
		5:   {1, 2, 4, 5, 7, 8},
	}
	for scale, ws := range widths {
		for bw := 1; bw <= 8; bw++ {
			bh := min(bw, 6)
			mon := newMonitor(t, fmt.Sprintf("blocks=%dx%d", bw, bh))
			mustRun(t, mon, fmt.Sprintf(`
				mon.setTextScale(%v)
				local w, h = mon.getSize()
				assert(w == %d and h == %d, ("%dx%d blocks at %v: %%dx%%d"):format(w, h))
				assert(mon.getTextScale() == %v)`,
				scale, ws[bw-1], heights[scale][bh-1], bw, bh, scale, scale))
		}
	}
}

func TestDefaultAndArguments(t *testing.T) {
	tests := []struct {
		arg    any
		w, h   int
		colour bool
	}{
		{nil, 51, 19, true}, // CraftOS-PC's monitor window
		{"", 51, 19, true},
		{"20x10", 20, 10, true},
		{"blocks=1x1", 7, 5, true},
		{"blocks=3x2,normal", 29, 12, false},
		{"normal, 5X4", 5, 4, false},
		{[]any{30.0, 7.0}, 30, 7, true}, // CraftOS-PC's width, height
	}
	for _, tc := range tests {
		mon := newMonitor(t, tc.arg)
		if w, h := mon.Buffer().Size(); w != tc.w || h != tc.h {
			t.Errorf("%v: size %dx%d, want %dx%d", tc.arg, w, h, tc.w, tc.h)
		}
		if mon.Colour() != tc.colour {
			t.Errorf("%v: colour %v", tc.arg, mon.Colour())
		}
		mustRun(t, mon, fmt.Sprintf(`assert(mon.isColour() == %v and mon.isColor() == %v)`, tc.colour, tc.colour))
	}
	for _, bad := range []any{"0x5", "blocks=9x1", "blocks=1x7", "big", "3x", 12.0, []any{1.0}, []any{0.0, 5.0}} {
		if _, err := monitor.New(bad); err == nil {
			t.Errorf("monitor.New(%v) made a monitor", bad)
		}
	}
}

// The argument checks of CC:Tweaked's MonitorPeripheral and TermMethods.
func TestErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{`mon.setTextScale(0.4)`, "Expected number in range 0.5-5"},
		{`mon.setTextScale(5.5)`, "Expected number in range 0.5-5"},
		{`mon.setTextScale(-1)`, "Expected number in range 0.5-5"},
		{`mon.setTextScale(1e300)`, "Expected number in range 0.5-5"},
		{`mon.setTextScale(0/0)`, "bad argument #1 (number expected, got nan)"},
		{`mon.setTextScale(1/0)`, "bad argument #1 (number expected, got inf)"},
		{`mon.setTextScale("1")`, "bad argument #1 (number expected, got string)"},
		{`mon.setTextScale()`, "bad argument #1 (number expected, got nil)"},
		{`mon.blit("ab", "0", "00")`, "Arguments must be the same length"},
		{`mon.setTextColour(0)`, "Colour out of range"},
		{`mon.setBackgroundColor(2^16)`, "Colour out of range"},
		{`mon.setCursorPos(1)`, "bad argument #2 (number expected, got nil)"},
		{`mon.setCursorBlink(1)`, "bad argument #1 (boolean expected, got number)"},
		{`mon.getPaletteColour(0)`, "Colour out of range"},
		{`mon.setSize(0, 5)`, "bad argument #1 (value out of range)"},
		{`mon.setBlockSize(1, 7)`, "bad argument #2 (value out of range)"},
	}
	for _, tc := range tests {
		err := run(t, newMonitor(t, nil), tc.src)
		if err == nil || !strings.HasSuffix(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.src, err, tc.want)
		}
	}
}

// The scale truncates to halves as CC:Tweaked's (int) (scale * 2) does.
func TestScaleTruncates(t *testing.T) {
	mustRun(t, newMonitor(t, nil), `
		mon.setTextScale(0.7) assert(mon.getTextScale() == 0.5)
		mon.setTextScale(4.99) assert(mon.getTextScale() == 4.5)
		mon.setTextScale(5) assert(mon.getTextScale() == 5)`)
}

func TestTermMethods(t *testing.T) {
	mon := newMonitor(t, "10x4")
	mustRun(t, mon, `
		assert(mon.getTextScale() == 1)
		mon.setCursorPos(2, 1) mon.write("hi") mon.write(12)
		local x, y = mon.getCursorPos() assert(x == 6 and y == 1, x)
		mon.setCursorPos(9, 2) mon.write("abcdef") -- clipped at the edge
		mon.setCursorPos(1, 3) mon.setTextColour(colors and colors.red or 16384)
		mon.blit("rgb", "e5b", "fff")
		mon.setCursorPos(1, 4) mon.write("a\nb") -- no line breaks on a monitor
		assert(mon.getTextColour() == 16384 and mon.getTextColor() == 16384)
		mon.setBackgroundColour(2048) assert(mon.getBackgroundColor() == 2048)
		mon.setCursorBlink(true) assert(mon.getCursorBlink() == true)
		mon.setPaletteColour(1, 0xFF0000)
		local r, g, b = mon.getPaletteColor(1) assert(r == 1 and g == 0 and b == 0)
		mon.setPaletteColor(2, 0.5, 0.25, 1)
		r, g, b = mon.getPaletteColour(2) assert(r == 0.5 and g == 0.25 and b == 1)`)
	lines := mon.Buffer().Lines()
	want := []string{" hi12", "        ab", "rgb", "a\nb"}
	for i, w := range want {
		if i == 3 {
			w = "a" + string(term.Glyph('\n')) + "b"
		}
		if lines[i] != w {
			t.Errorf("line %d = %q, want %q", i+1, lines[i], w)
		}
	}
	if c := mon.Buffer().Cell(2, 3); c.Fg != 5 || c.Bg != 15 {
		t.Errorf("blit colours: %+v", c)
	}
	mustRun(t, mon, `mon.scroll(1) mon.setCursorPos(1, 1) mon.clearLine()`)
	if l := mon.Buffer().Lines(); l[0] != "" || l[1] != "rgb" {
		t.Errorf("after scroll and clearLine: %q", l)
	}
	mustRun(t, mon, `mon.clear()`)
	if got := mon.Buffer().Text(); strings.TrimSpace(got) != "" {
		t.Errorf("after clear: %q", got)
	}
}

// The method names peripheral.getMethods lists: CC:Tweaked's monitor
// methods, both spellings, and CraftOS-PC's setSize and setBlockSize; no
// term-only natives (nativePaletteColour, isPlain).
func TestMethodNames(t *testing.T) {
	var names []string
	for n := range vm.Functions(newMonitor(t, nil)) {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{"blit", "clear", "clearLine", "getBackgroundColor", "getBackgroundColour",
		"getCursorBlink", "getCursorPos", "getPaletteColor", "getPaletteColour", "getSize",
		"getTextColor", "getTextColour", "getTextScale", "isColor", "isColour", "scroll",
		"setBackgroundColor", "setBackgroundColour", "setBlockSize", "setCursorBlink",
		"setCursorPos", "setPaletteColor", "setPaletteColour", "setSize", "setTextColor",
		"setTextColour", "setTextScale", "write"}
	if !slices.Equal(names, want) {
		t.Errorf("methods:\n%v\nwant:\n%v", names, want)
	}
}

// monitor_resize reaches every computer the monitor is attached to, with
// its name there, when the size changes (and the screen is cleared, as
// CC:Tweaked's rebuild does); a scale that keeps the size sends nothing.
func TestResizeEvents(t *testing.T) {
	mon := newMonitor(t, "blocks=1x1")
	a, b := &host{id: 1}, &host{id: 2}
	mon.Attach(a, "top")
	mon.Attach(b, "monitor_0")
	mustRun(t, mon, `mon.write("x") mon.setTextScale(0.5)`)
	if got := a.take(); !slices.Equal(got, []string{"monitor_resize top"}) {
		t.Errorf("computer 1 got %q", got)
	}
	if got := b.take(); !slices.Equal(got, []string{"monitor_resize monitor_0"}) {
		t.Errorf("computer 2 got %q", got)
	}
	if w, h := mon.Buffer().Size(); w != 15 || h != 10 {
		t.Errorf("size %dx%d", w, h)
	}
	if strings.TrimSpace(mon.Buffer().Text()) != "" {
		t.Errorf("not cleared: %q", mon.Buffer().Text())
	}
	// On one block 5 is 1×1, 4 and 4.5 both 2×1: the last sends nothing.
	mustRun(t, mon, `mon.setTextScale(5) mon.setTextScale(4) mon.setTextScale(4.5) mon.setTextScale(4.5)`)
	if got := a.take(); !slices.Equal(got, []string{"monitor_resize top", "monitor_resize top"}) {
		t.Errorf("computer 1 got %q", got)
	}
	b.take()
	mon.Detach(b, "monitor_0")
	mustRun(t, mon, `mon.setBlockSize(2, 2) local w, h = mon.getSize() assert(w == 4 and h == 3, w .. "x" .. h)`)
	mustRun(t, mon, `mon.setSize(30, 7) local w, h = mon.getSize() assert(w == 30 and h == 7)`)
	if got := a.take(); len(got) != 2 {
		t.Errorf("computer 1 got %q", got)
	}
	if got := b.take(); len(got) != 0 {
		t.Errorf("a detached computer got %q", got)
	}
}

// A touch queues monitor_touch(name, x, y) on each computer; normal
// monitors cannot be touched.
func TestTouch(t *testing.T) {
	mon := newMonitor(t, nil)
	a := &host{id: 1}
	mon.Attach(a, "left")
	mon.Touch(3, 4)
	if got := a.take(); !slices.Equal(got, []string{"monitor_touch left 3 4"}) {
		t.Errorf("got %q", got)
	}
	plain := newMonitor(t, "normal")
	plain.Attach(a, "right")
	plain.Touch(1, 1)
	if got := a.take(); len(got) != 0 {
		t.Errorf("a normal monitor was touched: %q", got)
	}
}

// Attached to a computer with a terminal, the monitor is one of its
// screens (shown in full-screen mode, written by --screenshot as
// FILE.NAME); detached, it is not shown, but the screenshot keeps it.
func TestScreens(t *testing.T) {
	mon := newMonitor(t, "8x2")
	h := &host{id: 0, term: term.New(term.Options{})}
	mon.Attach(h, "top")
	screens := h.term.Screens()
	if len(screens) != 1 || screens[0].Name != "top" || screens[0].Buf != mon.Buffer() {
		t.Fatalf("screens: %+v", screens)
	}
	mustRun(t, mon, `mon.write("shown")`)
	screens[0].Touch(2, 1)
	if got := h.take(); !slices.Equal(got, []string{"monitor_touch top 2 1"}) {
		t.Errorf("touch through the screen: %q", got)
	}
	dir := t.TempDir()
	path := dir + "/shot.txt"
	mon.Detach(h, "top")
	if n := len(h.term.Screens()); n != 0 {
		t.Errorf("%d screens after detach", n)
	}
	if err := h.term.Screenshot(path); err != nil {
		t.Fatal(err)
	}
	got, err := readFile(path + ".top")
	if err != nil || got != "shown\n\n" {
		t.Errorf("screenshot of the monitor: %q, %v", got, err)
	}
}
