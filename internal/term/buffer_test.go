package term

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/craftos/craftos/rom"
)

// screenOf is a buffer's lines, "|"-joined, without trailing empty lines.
func screenOf(b *Buffer) string {
	lines := b.Lines()
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "|")
}

func TestBufferOperations(t *testing.T) {
	tests := []struct {
		name   string
		w, h   int
		do     func(b *Buffer)
		screen string
		x, y   int
	}{
		{"write moves the cursor", 10, 3, func(b *Buffer) { b.Write("abc") }, "abc", 4, 1},
		{"write clips at the edge", 5, 2, func(b *Buffer) { b.Write("abcdefgh") }, "abcde", 9, 1},
		{"write left of the screen", 5, 2, func(b *Buffer) { b.SetCursor(-1, 1); b.Write("abcd") }, "cd", 3, 1},
		{"write below the screen", 5, 2, func(b *Buffer) { b.SetCursor(1, 3); b.Write("ab") }, "", 3, 3},
		{"overwrite", 10, 2, func(b *Buffer) { b.Write("hello"); b.SetCursor(2, 1); b.Write("EL") }, "hELlo", 4, 1},
		{"scroll up", 5, 3, func(b *Buffer) {
			b.Write("1")
			b.SetCursor(1, 2)
			b.Write("2")
			b.SetCursor(1, 3)
			b.Write("3")
			b.Scroll(1)
		}, "2|3", 2, 3},
		{"scroll down", 5, 3, func(b *Buffer) { b.Write("1"); b.Scroll(-1) }, "|1", 2, 1},
		{"scroll past the height", 5, 2, func(b *Buffer) { b.Write("1"); b.Scroll(5) }, "", 2, 1},
		{"clear keeps the cursor", 5, 2, func(b *Buffer) { b.Write("abc"); b.Clear() }, "", 4, 1},
		{"clearLine", 5, 2, func(b *Buffer) {
			b.Write("ab")
			b.SetCursor(1, 2)
			b.Write("cd")
			b.ClearLine()
		}, "ab", 3, 2},
		{"newline scrolls at the bottom", 5, 2, func(b *Buffer) {
			b.Write("a")
			b.Newline()
			b.Write("b")
			b.Newline()
			b.Write("c")
		}, "b|c", 2, 2},
		{"stream write wraps words", 10, 4, func(b *Buffer) { b.WriteStream("hello there world\n") }, "hello|there|world", 1, 4},
		{"stream write splits long words", 4, 4, func(b *Buffer) { b.WriteStream("abcdefghij") }, "abcd|efgh|ij", 3, 3},
		{"stream write scrolls", 5, 2, func(b *Buffer) { b.WriteStream("a\nb\nc") }, "b|c", 2, 2},
		{"resize keeps content", 5, 2, func(b *Buffer) { b.Write("abcde"); b.Resize(3, 3) }, "abc", 6, 1},
		{"glyphs", 10, 1, func(b *Buffer) { b.Write("\x01\x80\x95\x9f\xe9") }, "☺ ▌\U0001FB1Dé", 6, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuffer(tt.w, tt.h)
			tt.do(b)
			if got := screenOf(b); got != tt.screen {
				t.Errorf("screen %q, want %q", got, tt.screen)
			}
			if x, y := b.Cursor(); x != tt.x || y != tt.y {
				t.Errorf("cursor %d,%d, want %d,%d", x, y, tt.x, tt.y)
			}
		})
	}
}

func TestBufferColours(t *testing.T) {
	b := NewBuffer(6, 2)
	b.SetTextColour(Red)
	b.SetBackgroundColour(11)
	b.Write("a")
	b.Blit("xyz", "0eZ", "fB1")
	want := []Cell{{'a', Red, 11}, {'x', White, Black}, {'y', Red, 11}, {'z', White, 1}}
	for i, w := range want {
		if c := b.Cell(i+1, 1); c != w {
			t.Errorf("cell %d = %+v, want %+v", i+1, c, w)
		}
	}
	b.Clear()
	if c := b.Cell(6, 2); c != (Cell{' ', Red, 11}) {
		t.Errorf("cleared cell %+v", c)
	}
	b.Reset()
	if c := b.Cell(1, 1); c != (Cell{' ', White, Black}) {
		t.Errorf("reset cell %+v", c)
	}
}

func TestStreamOutput(t *testing.T) {
	tests := []struct {
		name   string
		colour bool
		do     func(term *Terminal)
		want   string
	}{
		{"text streams as written", false, func(t *Terminal) {
			t.WriteText("hello world\n")
			t.WriteText("more ")
			t.WriteText("text\n")
		}, "hello world\nmore text\n"},
		{"no wrapping or padding", false, func(t *Terminal) {
			t.WriteText(strings.Repeat("x", 80) + "\n")
		}, strings.Repeat("x", 80) + "\n"},
		{"a line break when text goes to another line", false, func(t *Terminal) {
			t.WriteText("a")
			t.buf.SetCursor(1, 5)
			t.WriteText("b")
		}, "a\nb"},
		{"no blank line when moving from an empty line", false, func(t *Terminal) {
			t.WriteText("a\n")
			t.buf.SetCursor(1, 1)
			t.WriteText("b\n")
		}, "a\nb\n"},
		{"scrolling keeps lines apart", false, func(t *Terminal) {
			t.WriteText("a")
			t.buf.SetCursor(1, 1)
			t.Scroll1()
			t.WriteText("b")
		}, "a\nb"},
		{"colours", true, func(t *Terminal) {
			t.WriteText("plain ")
			t.buf.SetTextColour(Red)
			t.WriteText("red\nred2 ")
			t.buf.SetTextColour(White)
			t.buf.SetBackgroundColour(11)
			t.WriteText("on blue")
		}, "plain \x1b[0;38;2;204;76;76mred\x1b[0m\n\x1b[0;38;2;204;76;76mred2 \x1b[0;48;2;51;102;204mon blue\x1b[0m"},
		{"colours off", false, func(t *Terminal) {
			t.buf.SetTextColour(Red)
			t.WriteText("red")
		}, "red"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			term := New(Options{Out: &out, Colour: tt.colour})
			tt.do(term)
			term.Close()
			if out.String() != tt.want {
				t.Errorf("got %q\nwant %q", out.String(), tt.want)
			}
		})
	}
}

// Scroll1 is term.scroll(1) without a Lua state.
func (t *Terminal) Scroll1() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Scroll(1)
	t.plain.row--
}

func TestKeyPresses(t *testing.T) {
	tests := []struct {
		ev   *tcell.EventKey
		want keyPress
	}{
		{tcell.NewEventKey(tcell.KeyRune, 'a', 0), keyPress{Name: "a", Char: "a"}},
		{tcell.NewEventKey(tcell.KeyRune, 'Q', 0), keyPress{Name: "q", Char: "Q"}},
		{tcell.NewEventKey(tcell.KeyRune, '7', 0), keyPress{Name: "seven", Char: "7"}},
		{tcell.NewEventKey(tcell.KeyRune, ' ', 0), keyPress{Name: "space", Char: " "}},
		{tcell.NewEventKey(tcell.KeyRune, '?', 0), keyPress{Name: "slash", Char: "?"}},
		{tcell.NewEventKey(tcell.KeyRune, 'é', 0), keyPress{Char: "\xe9"}},
		{tcell.NewEventKey(tcell.KeyRune, '€', 0), keyPress{}},
		{tcell.NewEventKey(tcell.KeyEnter, 0, 0), keyPress{Name: "enter"}},
		{tcell.NewEventKey(tcell.KeyBackspace2, 0, 0), keyPress{Name: "backspace"}},
		{tcell.NewEventKey(tcell.KeyTab, 0, 0), keyPress{Name: "tab"}},
		{tcell.NewEventKey(tcell.KeyLeft, 0, 0), keyPress{Name: "left"}},
		{tcell.NewEventKey(tcell.KeyPgDn, 0, 0), keyPress{Name: "pageDown"}},
		{tcell.NewEventKey(tcell.KeyF12, 0, 0), keyPress{Name: "f12"}},
		{tcell.NewEventKey(tcell.KeyCtrlS, 0, tcell.ModCtrl), keyPress{Name: "s", Ctrl: true}},
		{tcell.NewEventKey(tcell.KeyRune, 'x', tcell.ModAlt), keyPress{Name: "x", Alt: true}},
	}
	for _, tt := range tests {
		if got := pressOf(tt.ev); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.ev.Name(), got, tt.want)
		}
	}
}

func TestKeyCodesFromROM(t *testing.T) {
	romFS, _, err := rom.Load("")
	if err != nil {
		t.Fatal(err)
	}
	codes := LoadKeyCodes(romFS)
	if codes == nil {
		t.Fatal("no key codes from the embedded keys.lua")
	}
	for name, code := range DefaultKeys {
		if codes[name] != code {
			t.Errorf("keys.%s = %d in keys.lua, %d in DefaultKeys", name, codes[name], code)
		}
	}
	if codes["enter"] != 257 {
		t.Errorf("keys.enter = %d", codes["enter"])
	}

	// Another ROM's codes are used: the classic ones here.
	classic := fstest.MapFS{"apis/keys.lua": {Data: []byte(`
local expect = dofile("rom/modules/main/cc/expect.lua").expect
local tKeys = { nil, "one", "two" }
tKeys[28] = "enter"
tKeys[30] = "a"
for nKey, sKey in pairs(tKeys) do _ENV[sKey] = nKey end
function getName(n) expect(1, n, "number") return tKeys[n] end
`)}}
	codes = LoadKeyCodes(classic)
	if codes["enter"] != 28 || codes["a"] != 30 || codes["one"] != 2 {
		t.Errorf("classic codes: %v", codes)
	}
	if LoadKeyCodes(fstest.MapFS{}) != nil {
		t.Error("codes from a ROM without keys.lua")
	}
}

func TestPasteText(t *testing.T) {
	if got := pasteText("héllo€\nsecond"); got != "h\xe9llo" {
		t.Errorf("got %q", got)
	}
}

func TestFullScreenSimulated(t *testing.T) {
	sim := tcell.NewSimulationScreen("UTF-8")
	var posted []string
	var out bytes.Buffer
	term := New(Options{Full: true, Width: 12, Height: 3, Screen: sim, Out: &out, Post: func(name string, args ...any) {
		posted = append(posted, name)
	}})
	if err := term.Start(); err != nil {
		t.Fatal(err)
	}
	term.buf.SetTextColour(Red)
	term.buf.Write("hi there")
	term.buf.SetBlink(true)
	term.Flush()
	cells, w, _ := sim.GetContents()
	var row strings.Builder
	for x := 0; x < 12; x++ {
		row.WriteString(string(cells[x].Runes))
	}
	if row.String() != "hi there    " {
		t.Errorf("screen row %q", row.String())
	}
	if fg, _, _ := cells[0].Style.Decompose(); fg != tcell.NewRGBColor(204, 76, 76) {
		t.Errorf("text colour %v", fg)
	}
	if x, y, vis := sim.GetCursor(); !vis || x != 8 || y != 0 {
		t.Errorf("cursor %d,%d %v (width %d)", x, y, vis, w)
	}
	term.Close()
	if out.String() != "hi there\n" {
		t.Errorf("final screen %q", out.String())
	}
	_ = posted
}

// Input on a simulated screen becomes CraftOS events, with the ROM's codes.
func TestFullScreenInput(t *testing.T) {
	sim := tcell.NewSimulationScreen("UTF-8")
	events := make(chan string, 64)
	term := New(Options{Full: true, Width: 10, Height: 4, Screen: sim,
		Keys: map[string]int{"a": 30, "enter": 28}, // classic codes, as another ROM has them
		Post: func(name string, args ...any) {
			s := name
			for _, a := range args {
				s += " " + fmt.Sprint(a)
			}
			events <- s
		}})
	if err := term.Start(); err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	next := func(what string) string {
		select {
		case e := <-events:
			return e
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: no event", what)
			return ""
		}
	}
	expectEvents := func(what string, want ...string) {
		t.Helper()
		for _, w := range want {
			if got := next(what); got != w {
				t.Fatalf("%s: got event %q, want %q", what, got, w)
			}
		}
	}
	sim.InjectKey(tcell.KeyRune, 'a', tcell.ModNone)
	expectEvents("a", "key 30 false", "char a", "key_up 30")
	sim.InjectKey(tcell.KeyRune, 'B', tcell.ModNone)
	expectEvents("B (GLFW code for a name the ROM lacks)", "key 66 false", "char B", "key_up 66")
	sim.InjectKey(tcell.KeyEnter, 0, tcell.ModNone)
	expectEvents("enter", "key 28 false", "key_up 28")
	sim.InjectKey(tcell.KeyCtrlS, 0, tcell.ModCtrl)
	expectEvents("ctrl+s", "key 341 false", "key 83 false", "key_up 83", "key_up 341")
	sim.InjectKey(tcell.KeyCtrlT, 0, tcell.ModCtrl)
	expectEvents("ctrl+t", "terminate")
	sim.InjectKey(tcell.KeyCtrlC, 0, tcell.ModCtrl)
	expectEvents("ctrl+c", "terminate")
	sim.InjectMouse(2, 1, tcell.Button1, tcell.ModNone)
	sim.InjectMouse(4, 1, tcell.Button1, tcell.ModNone)
	sim.InjectMouse(4, 2, tcell.ButtonNone, tcell.ModNone)
	sim.InjectMouse(0, 0, tcell.WheelDown, tcell.ModNone)
	sim.InjectMouse(30, 30, tcell.Button2, tcell.ModNone)
	expectEvents("mouse", "mouse_click 1 3 2", "mouse_drag 1 5 2", "mouse_up 1 5 3", "mouse_scroll 1 1 1", "mouse_click 2 10 4")
	sim.PostEventWait(tcell.NewEventPaste(true))
	for _, r := range "pasted\nmore" {
		if r == '\n' {
			sim.InjectKey(tcell.KeyEnter, 0, tcell.ModNone)
		} else {
			sim.InjectKey(tcell.KeyRune, r, tcell.ModNone)
		}
	}
	sim.PostEventWait(tcell.NewEventPaste(false))
	expectEvents("paste", "paste pasted")
}

// A full screen with no size given follows the terminal, and a resize
// queues term_resize.
func TestFullScreenResize(t *testing.T) {
	sim := tcell.NewSimulationScreen("UTF-8")
	events := make(chan string, 8)
	term := New(Options{Full: true, Screen: sim, Post: func(name string, args ...any) { events <- name }})
	if err := term.Start(); err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	if w, h := term.Buffer().Size(); w != 80 || h != 25 {
		t.Fatalf("size %dx%d, want the simulated screen's 80x25", w, h)
	}
	sim.SetSize(40, 10)
	sim.PostEventWait(tcell.NewEventResize(40, 10))
	select {
	case e := <-events:
		if e != "term_resize" {
			t.Fatalf("event %q", e)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no term_resize")
	}
	if w, h := term.Buffer().Size(); w != 40 || h != 10 {
		t.Fatalf("size %dx%d after the resize", w, h)
	}
}

// A --rom folder is a user's: its keys.lua must not reach the host.
func TestKeyCodesROMHasNoHostPowers(t *testing.T) {
	target := filepath.Join(t.TempDir(), "escaped")
	attacks := map[string]string{
		"io":       `local f = io.open(%q, "w") f:write("x") f:close()`,
		"os":       `os.execute("touch " .. %q)`,
		"loadfile": `loadfile(%q)`,
		"load":     `load("io.open(" .. string.format("%%q", %q) .. ", 'w')")()`,
		"require":  `require("io").open(%q, "w")`,
		"debug":    `debug.getregistry(%q)`,
	}
	for name, attack := range attacks {
		src := fmt.Sprintf(attack, target) + "\nenter = 257\n"
		codes := LoadKeyCodes(fstest.MapFS{"apis/keys.lua": {Data: []byte(src)}})
		if codes != nil {
			t.Errorf("%s: keys.lua ran to its end with host powers: %v", name, codes)
		}
		if _, err := os.Stat(target); err == nil {
			t.Fatalf("%s: keys.lua wrote %s on the host", name, target)
		}
	}
	// Pure code still works.
	codes := LoadKeyCodes(fstest.MapFS{"apis/keys.lua": {Data: []byte(
		`for i = 1, 3 do _ENV[string.rep("f", i)] = math.floor(i * 10.5) end enter = 257`)}})
	if codes["enter"] != 257 || codes["fff"] != 31 {
		t.Errorf("pure keys.lua: %v", codes)
	}
}
