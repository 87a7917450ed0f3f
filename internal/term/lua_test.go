package term_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// runScreen runs src and returns how it ended and its final screen.
func runScreen(t *testing.T, src string, opts ...computertest.Option) (computertest.Result, []string) {
	t.Helper()
	r := computertest.Start(t, src, opts...)
	res := r.Wait(t, 30*time.Second)
	return res, r.Computer.Terminal().Buffer().Lines()
}

func size(w, h int) computertest.Option {
	return computertest.Configure(func(c *computer.Config) { c.Term.Width, c.Term.Height = w, h })
}

// The term natives, as Lua programs see them; each program raises an error
// when something is off.
func TestTermNatives(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		screen []string // leading lines of the final screen, when given
	}{
		{"size", `local w, h = term.getSize() assert(w == 51 and h == 19, w .. "x" .. h)`, nil},
		{"write coerces values", `
			term.setCursorPos(1, 1) term.write(12) term.write(1.5) term.write(true) term.write(nil)
			local x, y = term.getCursorPos() assert(x == 13 and y == 1, x .. "," .. y)`,
			[]string{"121.5truenil"}},
		{"write clips, cursor moves on", `
			term.setCursorPos(48, 2) term.write("abcdef")
			local x = term.getCursorPos() assert(x == 54, x)`,
			[]string{"", strings.Repeat(" ", 47) + "abcd"}},
		{"setCursorPos truncates and allows off screen", `
			term.setCursorPos(2.9, -3) local x, y = term.getCursorPos() assert(x == 2 and y == -3)
			term.write("gone") term.setCursorPos(1, 1) term.write("here")
			assert(not pcall(term.setCursorPos, "a", 1))
			local ok, err = pcall(term.setCursorPos, 1)
			assert(err:find("bad argument #2 %(number expected, got nil%)"), err)`,
			[]string{"here"}},
		{"blit", `
			term.setCursorPos(1, 1) term.blit("hello", "0123e", "fffff")
			local ok, err = pcall(term.blit, "ab", "0", "00")
			assert(not ok and err:find("Arguments must be the same length$"), err)
			ok, err = pcall(term.blit, 1, "0", "0")
			assert(err:find("bad argument #1 %(string expected, got number%)"), err)
			local x = term.getCursorPos() assert(x == 6)`,
			[]string{"hello"}},
		{"scroll", `
			for y = 1, 3 do term.setCursorPos(1, y) term.write("line" .. y) end
			term.scroll(1) term.scroll(0)
			local ok, err = pcall(term.scroll, "x")
			assert(err:find("number expected, got string"), err)`,
			[]string{"line2", "line3", ""}},
		{"clear and clearLine", `
			term.write("abc") term.clear() term.setCursorPos(1, 2) term.write("keep")
			term.setCursorPos(1, 3) term.write("drop") term.clearLine()
			local x, y = term.getCursorPos() assert(x == 5 and y == 3)`,
			[]string{"", "keep", ""}},
		{"cursor blink", `
			assert(term.getCursorBlink() == false) term.setCursorBlink(true)
			assert(term.getCursorBlink() == true)
			assert(not pcall(term.setCursorBlink, 1))`, nil},
		{"colours", `
			assert(term.getTextColour() == colours.white and term.getBackgroundColour() == colours.black)
			term.setTextColour(colours.red) assert(term.getTextColor() == colours.red)
			term.setBackgroundColor(3) assert(term.getBackgroundColour() == colours.orange)
			term.setTextColour(0xffff) assert(term.getTextColour() == colours.black)
			for _, bad in ipairs({ 0, -1, 0x10000 }) do
				local ok, err = pcall(term.setTextColour, bad)
				assert(not ok and err:find("Colour out of range$"), tostring(err))
			end
			local ok, err = pcall(term.setTextColour, "red")
			assert(err:find("bad argument #1 %(number expected, got string%)"), err)
			assert(term.isColour() == true and term.isColor() == true)`, nil},
		{"palette", `
			local r, g, b = term.getPaletteColour(colours.red)
			assert(r == 0xcc / 255 and g == 0x4c / 255 and b == 0x4c / 255)
			term.setPaletteColour(colours.red, 0xff8000)
			r, g, b = term.getPaletteColor(colours.red)
			assert(r == 1 and g == 0x80 / 255 and b == 0, r .. " " .. g .. " " .. b)
			term.setPaletteColor(colours.red, 0.5, 0.25, 1)
			r, g, b = term.getPaletteColour(colours.red)
			assert(r == 0.5 and g == 0.25 and b == 1)
			r = term.nativePaletteColour(colours.red) assert(r == 0xcc / 255)
			assert(not pcall(term.setPaletteColour, colours.red, 1, 2))
			assert(not pcall(term.getPaletteColour, 0))`, nil},
		{"redirect and current", `
			local native = term.native()
			assert(term.current() == native)
			local calls = {}
			local fake = { write = function(s) calls[#calls + 1] = s end }
			local old = term.redirect(fake)
			assert(old == native and term.current() == fake)
			term.write("x")
			assert(calls[1] == "x")
			local ok, err = pcall(term.getSize)
			assert(err:find("Redirect object is missing method getSize."), err)
			assert(term.nativePaletteColour(colours.white) == 0xf0 / 255)
			term.redirect(old)
			assert(not pcall(term.redirect, term))`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, screen := runScreen(t, tt.src)
			if res.Status != 0 {
				t.Fatalf("status %d: %s", res.Status, res.Stderr)
			}
			for i, want := range tt.screen {
				if screen[i] != want {
					t.Errorf("line %d = %q, want %q", i+1, screen[i], want)
				}
			}
		})
	}
}

func TestTermSize(t *testing.T) {
	res, screen := runScreen(t, `local w, h = term.getSize() print(w, h)`, size(20, 4))
	if res.Stdout != "20\t4\n" || len(screen) != 4 {
		t.Fatalf("stdout %q, %d lines", res.Stdout, len(screen))
	}
}

func TestPlainOutput(t *testing.T) {
	prog := `
		print("hello")
		write("no ") write("wrap: " .. ("x"):rep(60) .. "\n")
		term.setTextColour(colours.red) print("red") term.setTextColour(colours.white)
		term.setCursorPos(1, 1) term.write("moved")
		print()
		term.blit("ab", "e0", "ff")
		print()`
	res := computertest.Run(t, prog)
	// print() ends the line "moved" is on; the blit goes on the next.
	want := "hello\nno wrap: " + strings.Repeat("x", 60) + "\nred\nmoved\nab\n"
	if res.Stdout != want {
		t.Errorf("plain:\n%q\nwant\n%q", res.Stdout, want)
	}
	res = computertest.Run(t, prog, computertest.Configure(func(c *computer.Config) { c.Term.Colour = true }))
	red := "\x1b[0;38;2;204;76;76m"
	want = "hello\nno wrap: " + strings.Repeat("x", 60) + "\n" + red + "red\x1b[0m\nmoved\n" + red + "a\x1b[0mb\n"
	if res.Stdout != want {
		t.Errorf("colour:\n%q\nwant\n%q", res.Stdout, want)
	}
}

func TestPlainIsPlain(t *testing.T) {
	res := computertest.Run(t, `print(term.native().isPlain())`)
	if res.Stdout != "true\n" {
		t.Fatalf("got %q", res.Stdout)
	}
}

func TestScreenshot(t *testing.T) {
	shot := filepath.Join(t.TempDir(), "screen.txt")
	res := computertest.Run(t, `
		print("first line")
		print(("word "):rep(12))
		printError("oops")
		term.setCursorPos(10, 8) term.write("there   ")`,
		size(20, 8),
		computertest.Configure(func(c *computer.Config) { c.Screenshot = shot }))
	if res.Status != 0 {
		t.Fatalf("status %d: %s", res.Status, res.Stderr)
	}
	got, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	want := "first line\nword word word word\nword word word word\nword word word word\noops\n\n\n         there\n"
	if string(got) != want {
		t.Errorf("screenshot:\n%s\nwant:\n%s", got, want)
	}
}

func TestPlainPadsColumnsLaidOutWithSetCursorPos(t *testing.T) {
	r := computertest.Run(t, `
		term.setCursorPos(1, 1) term.write("ab")
		term.setCursorPos(6, 1) term.write("cd")
		term.setCursorPos(3, 2) term.write("x")
		print()
		textutils.tabulate({"one", "two", "three"})
	`)
	want := "ab   cd\n  x\none   two   three\n"
	if r.Stdout != want {
		t.Fatalf("stdout %q, want %q", r.Stdout, want)
	}
}

// The plain stream shows only what lies on the screen: a far-off cursor
// writes nothing (it once wrote spaces without end), and text running off
// either edge is cut there.
func TestPlainStreamsOnlyTheScreen(t *testing.T) {
	r := computertest.Run(t, `
		term.setCursorPos(2^40, 1) term.write("x")
		term.setCursorPos(-2, 2) term.write("abcdef")
		term.setCursorPos(49, 3) term.write("abcdef")
		term.setCursorPos(1, 1e9) term.write("zzz")
		term.setCursorPos(3, 4) term.blit("hello", "00000", "fffff")
		term.setCursorPos(50, 5) term.blit("hello", "00000", "fffff")
		paintutils.drawPixel(1e9, 1, 1)
		print() print("end")
	`)
	want := "def\n" + strings.Repeat(" ", 48) + "abc\n  hello\n" + strings.Repeat(" ", 49) + "he\nend\n"
	if r.Stdout != want {
		t.Fatalf("stdout %q, want %q (stderr %q)", r.Stdout, want, r.Stderr)
	}
}

// A busy program's printed lines reach the output while it runs, not when it
// next waits: a run killed mid-loop has printed what it printed.
func TestPlainLinesGoOutWhileBusy(t *testing.T) {
	root := t.TempDir()
	// The program stays busy (never waits) until the test creates "stop".
	r := computertest.Start(t, `print("first line") while not fs.exists("stop") do end print("done")`, computertest.Root(root))
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(r.Stdout(), "first line\n") {
		if time.Now().After(deadline) {
			t.Fatalf("the line never went out while the program ran; stdout %q", r.Stdout())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := os.WriteFile(filepath.Join(root, "stop"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if res := r.Wait(t, 30*time.Second); res.Stdout != "first line\ndone\n" {
		t.Fatalf("stdout %q", res.Stdout)
	}
}
