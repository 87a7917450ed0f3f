package term_test

import (
	"strings"
	"testing"
)

// The full-screen renderer in a real pseudo-terminal: craftos runs in a
// tmux pane, keys are typed with send-keys, and the pane is read back.
func TestFullScreenInTmux(t *testing.T) {
	prog := `
term.setBackgroundColour(colours.blue)
term.clear()
term.setCursorPos(1, 1)
term.setTextColour(colours.yellow)
print("Full screen test")
term.setTextColour(colours.white)
term.setBackgroundColour(colours.black)
write("Name: ")
local name = read()
print("Hello, " .. name .. "!")
local _, code = os.pullEvent("key")
print("key " .. tostring(keys.getName(code)) .. " " .. code)
local _, c = os.pullEvent("char")
print("char " .. c)
print("plain " .. tostring(term.native().isPlain()))
os.pullEvent("term_resize")
local w, h = term.getSize()
print("resized " .. w .. "x" .. h)
local ok, err = pcall(os.pullEvent, "key")
print("pulled " .. tostring(err))
error(err, 0)
`
	p := startPane(t, prog, "", 60, 16)

	p.waitFor("Name:")
	coloured := p.run("capture-pane", "-p", "-e", "-t", "craftos")
	if !strings.Contains(coloured, "\x1b[") {
		t.Errorf("no colours on the screen:\n%q", coloured)
	}
	p.run("send-keys", "-t", "craftos", "-l", "Bob")
	p.waitFor("Name: Bob")
	p.run("send-keys", "-t", "craftos", "BSpace", "x", "Enter")
	p.waitFor("Hello, Box!")
	p.run("send-keys", "-t", "craftos", "Left")
	p.waitFor("key left 263")
	p.run("send-keys", "-t", "craftos", "-l", "z")
	p.waitFor("plain false")
	p.run("resize-window", "-t", "craftos", "-x", "50", "-y", "12")
	p.waitFor("resized 50x12")
	p.run("send-keys", "-t", "craftos", "C-t")
	s := p.waitFor("EXIT=")
	for _, want := range []string{"Full screen test", "Name: Box", "Hello, Box!", "char z", "resized 50x12", "pulled Terminated", "EXIT=130"} {
		if !strings.Contains(s, want) {
			t.Errorf("the final screen lacks %q:\n%s", want, s)
		}
	}
}
