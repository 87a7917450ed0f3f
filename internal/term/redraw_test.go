package term_test

import (
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/term"
)

// On the plain stream a redraw shows nothing new: a window over the whole
// screen (multishell, CC:Tweaked's shell) re-blits every row when it
// scrolls or is redrawn, and the reader still gets each line once.
func TestPlainRedrawsShowOnlyNewText(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"window scrolling", `
			local w, h = term.getSize()
			local win = window.create(term.current(), 1, 1, w, h)
			term.redirect(win)
			for i = 1, h + 5 do print("line " .. i) end
			win.redraw()
			term.redirect(term.native())`,
			lines("line ", 24)},
		// A chat screen: a title row, a history window that scrolls, a
		// prompt row. Only the history's rows move when it scrolls.
		{"a window scrolling between other windows", `
			local w, h = term.getSize()
			local title = window.create(term.current(), 1, 1, w, 1)
			local history = window.create(term.current(), 1, 2, w, h - 2)
			local prompt = window.create(term.current(), 1, h, w, 1)
			title.write("ada on lobby")
			prompt.write(": ")
			history.setCursorPos(1, h - 2)
			for i = 1, h + 3 do
				term.redirect(history)
				print()
				write("<ada>")
				write(" message " .. i)
				term.redirect(prompt)
				prompt.write("")
			end
			term.redirect(term.native())`,
			"ada on lobby\n:\n" + lines("<ada> message ", 22)},
		{"redraw of unchanged rows", `
			local win = window.create(term.current(), 1, 1, 20, 5)
			win.write("hello") win.setCursorPos(1, 2) win.write("world")
			win.redraw() win.redraw() win.setVisible(false) win.setVisible(true)`,
			"hello\nworld"},
		{"rewriting a row's start adds only the rest", `
			term.write("> ") term.setCursorPos(1, 1) term.write("> ls")
			term.setCursorPos(1, 1) term.write("> ls" .. string.rep(" ", 20))`,
			"> ls"},
		// CC:Tweaked's read() in a window erases its completion by
		// re-blitting the row with spaces over the typed text: an erasure
		// cannot be streamed, and the row's text is already shown.
		{"erasing a row shows nothing", `
			local win = window.create(term.current(), 1, 1, 20, 3)
			win.write("> ls rom") win.setBackgroundColor(colors.gray) win.write("/")
			win.setBackgroundColor(colors.black)
			win.setCursorPos(3, 1) win.write("      ") win.write(" ")
			win.setCursorPos(3, 1) win.write("ls rom")
			win.setCursorPos(1, 2) win.write("next")`,
			"> ls rom/\nnext"},
		{"a window scrolling over an erased completion", `
			local w, h = term.getSize()
			local win = window.create(term.current(), 1, 1, w, h)
			term.redirect(win)
			write("> ls rom") term.setBackgroundColor(colors.gray) write("/")
			term.setBackgroundColor(colors.black)
			term.setCursorPos(3, 1) write("      ") write(" ") term.setCursorPos(3, 1) write("ls rom")
			print()
			for i = 1, h + 2 do print("line " .. i) end
			term.redirect(term.native())`,
			"> ls rom/\n" + lines("line ", 21)},
		// A window re-blits its row for each write: only what the write
		// changed is new, also over text left on the screen.
		{"a window writing over old text", `
			local w, h = term.getSize()
			local win = window.create(term.current(), 1, 1, w, h)
			term.redirect(win)
			print("Use the 'ls' program") print("> t2")
			win.setCursorPos(1, 1) win.write("pu") win.write(" | true")
			term.redirect(term.native())`,
			"Use the 'ls' program\n> t2\npu | true"},
		{"erasing cells of an earlier row shows nothing", `
			term.write("abcd") term.setCursorPos(1, 2) term.write("next")
			term.setCursorPos(1, 1) term.write("a  d")`,
			"abcd\nnext"},
		{"spaces alone are padding", `
			term.write("a") term.write("   ") term.write("b")
			term.setCursorPos(1, 2) term.write("     ")`,
			"a   b"},
		// CC:Tweaked's bios prints with setCursorPos and term.write: a
		// last line still gets its line break.
		{"a line ended by moving the cursor", `
			term.write("Goodbye") term.setCursorPos(1, 2)`,
			"Goodbye\n"},
		{"text the cursor stays after", `term.write("x")`, "x"},
		{"changed rows still show", `
			term.setCursorPos(1, 1) term.write("one")
			term.setCursorPos(1, 2) term.write("two")
			term.setCursorPos(1, 1) term.write("ONE")`,
			"one\ntwo\nONE"},
		{"clear starts a new line", `
			term.write("a") term.clear() term.setCursorPos(1, 1) term.write("a")`,
			"a\na"},
		// Only the drawing characters: Latin-1 bytes pass as they are.
		{"CraftOS glyphs as Unicode", `term.blit("\149x\131", "000", "fff") term.write(" \140\200 é")`,
			"▌x\U0001FB02 " + string(term.Glyph(140)) + "\xc8 é"},
		{"UTF-8 text as it is", `term.write("héllo")`, "héllo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := computertest.Run(t, tc.src)
			if r.Stdout != tc.want || r.Err != nil {
				t.Fatalf("stdout %q, want %q (stderr %q, err %v)", r.Stdout, tc.want, r.Stderr, r.Err)
			}
		})
	}
}

func lines(prefix string, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(prefix)
		b.WriteString(itoa(i))
		b.WriteByte('\n')
	}
	return b.String()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// After a read() that is not echoed, the next text starts a new line, so
// columns laid out with setCursorPos stay apart.
func TestPlainReadEndsTheLine(t *testing.T) {
	r := computertest.Run(t, `write("> ") read() textutils.tabulate({"alias", "cd", "clear", "copy"}) local l = read() print(l)`,
		computertest.Stdin(strings.NewReader("x\nsecond\n")))
	want := "> \nalias cd    clear  copy\nsecond\n"
	if r.Stdout != want {
		t.Fatalf("stdout %q, want %q", r.Stdout, want)
	}
}

// read() in a window on the plain terminal takes a line of standard input
// too (it waited for keys that never came), shown in the window as typed.
func TestPlainReadInAWindow(t *testing.T) {
	r := computertest.Run(t, `
		local w = window.create(term.current(), 1, 1, 20, 5)
		term.redirect(w)
		write("name? ")
		local n = read()
		term.redirect(term.native())
		print("hello " .. tostring(n))`,
		computertest.Stdin(strings.NewReader("Ada\n")))
	if want := "name? Ada\nhello Ada\n"; r.Stdout != want || r.Err != nil {
		t.Fatalf("stdout %q, want %q (err %v)", r.Stdout, want, r.Err)
	}
}
