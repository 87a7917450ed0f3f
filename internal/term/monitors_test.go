package term

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
)

// simRow is row y of a simulated screen, from column x, n cells, read
// while nothing draws (the simulation hands out its own cells).
func simRow(term *Terminal, sim tcell.SimulationScreen, x, y, n int) string {
	term.full.drawMu.Lock()
	defer term.full.drawMu.Unlock()
	cells, w, _ := sim.GetContents()
	var sb strings.Builder
	for i := x; i < x+n && i < w; i++ {
		sb.WriteString(string(cells[y*w+i].Runes))
	}
	return sb.String()
}

// waitRow polls until row y from column x reads want.
func waitRow(t *testing.T, term *Terminal, sim tcell.SimulationScreen, x, y int, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := simRow(term, sim, x, y, len([]rune(want)))
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("row %d from %d: %q, want %q", y, x, got, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A monitor beside the computer's screen when the terminal has room, else
// switched to with Shift+Left/Right; a click on it is a touch, not a
// mouse_click.
func TestFullScreenWithMonitor(t *testing.T) {
	sim := tcell.NewSimulationScreen("UTF-8")
	events := make(chan string, 64)
	post := func(name string, args ...any) {
		s := name
		for _, a := range args {
			s += " " + fmt.Sprint(a)
		}
		events <- s
	}
	term := New(Options{Full: true, Width: 12, Height: 3, Screen: sim, Post: post})
	if err := term.Start(); err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	sim.SetSize(30, 6)
	next := func(what, want string) {
		t.Helper()
		select {
		case got := <-events:
			if got != want {
				t.Fatalf("%s: got %q, want %q", what, got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: no event", what)
		}
	}

	mon := NewOffscreen(8, 2)
	mon.Buffer().Write("monitor")
	remove := term.AddScreen(&Screen{Name: "top", Buf: mon.Buffer(), Touch: func(x, y int) { post("touch", x, y) }})
	term.buf.Write("computer")
	term.Flush()
	waitRow(t, term, sim, 0, 0, "computer    ")
	waitRow(t, term, sim, 13, 0, "[top]   ")
	waitRow(t, term, sim, 13, 1, "monitor ")

	sim.InjectMouse(14, 2, tcell.Button1, tcell.ModNone)
	sim.InjectMouse(15, 2, tcell.Button1, tcell.ModNone) // a drag on the monitor: nothing
	sim.InjectMouse(15, 2, tcell.ButtonNone, tcell.ModNone)
	sim.InjectMouse(1, 0, tcell.Button1, tcell.ModNone)
	sim.InjectMouse(1, 0, tcell.ButtonNone, tcell.ModNone)
	next("touch beside", "touch 2 2")
	next("click on the computer", "mouse_click 1 2 1")
	next("release on the computer", "mouse_up 1 2 1")

	// Too small for both: the computer's screen, and Shift+Right shows the
	// monitor with its name below it.
	sim.SetSize(12, 3)
	sim.PostEventWait(tcell.NewEventResize(12, 3))
	waitRow(t, term, sim, 0, 0, "computer    ")
	sim.InjectKey(tcell.KeyRight, 0, tcell.ModShift)
	waitRow(t, term, sim, 0, 0, "monitor     ")
	waitRow(t, term, sim, 0, 2, "[top] (Shif")
	sim.InjectMouse(0, 0, tcell.Button1, tcell.ModNone)
	sim.InjectMouse(0, 0, tcell.ButtonNone, tcell.ModNone)
	sim.InjectMouse(10, 0, tcell.Button1, tcell.ModNone) // off the monitor: nobody's
	sim.InjectMouse(10, 0, tcell.ButtonNone, tcell.ModNone)
	next("touch switched", "touch 1 1")
	sim.InjectKey(tcell.KeyLeft, 0, tcell.ModShift)
	waitRow(t, term, sim, 0, 0, "computer    ")
	sim.InjectKey(tcell.KeyLeft, 0, tcell.ModShift)
	waitRow(t, term, sim, 0, 0, "monitor     ")

	// Removed: the computer's screen again, and Shift+Right is a key.
	remove()
	term.Flush()
	waitRow(t, term, sim, 0, 0, "computer    ")
	sim.InjectKey(tcell.KeyRight, 0, tcell.ModShift)
	next("shift+right with no monitor", "key 262 false")
	next("shift+right with no monitor", "key_up 262")
}

// --screenshot FILE writes FILE.NAME for each other screen, its name made
// safe for a file name.
func TestScreenshotWritesScreens(t *testing.T) {
	term := New(Options{Width: 5, Height: 1})
	a, b := NewOffscreen(4, 2), NewOffscreen(3, 1)
	a.Buffer().Write("top!")
	b.Buffer().Write("net")
	term.AddScreen(&Screen{Name: "top", Buf: a.Buffer()})
	term.AddScreen(&Screen{Name: "../x", Buf: b.Buffer()})()
	dir := t.TempDir()
	path := filepath.Join(dir, "shot")
	if err := term.Screenshot(path); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"shot": "\n", "shot.top": "top!\n\n", "shot.___x": "net\n"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
}

// A normal monitor's colours are drawn grey, each the mean of its red,
// green and blue (CC:Tweaked's Palette for a terminal without colour).
func TestGreyScreen(t *testing.T) {
	sim := tcell.NewSimulationScreen("UTF-8")
	term := New(Options{Full: true, Width: 4, Height: 1, Screen: sim})
	if err := term.Start(); err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	sim.SetSize(20, 5)
	mon := NewOffscreen(4, 1)
	mon.Buffer().SetTextColour(Red) // 0xCC4C4C
	mon.Buffer().Write("grey")
	term.AddScreen(&Screen{Name: "m", Buf: mon.Buffer(), Grey: true})
	term.Flush()
	waitRow(t, term, sim, 5, 1, "grey")
	term.full.drawMu.Lock()
	cells, w, _ := sim.GetContents()
	fg, _, _ := cells[1*w+5].Style.Decompose()
	term.full.drawMu.Unlock()
	if r, g, b := fg.RGB(); r != g || g != b || r < 118 || r > 119 { // 118.67
		t.Errorf("colour %d,%d,%d", r, g, b)
	}
}
