package term_test

import (
	"strings"
	"testing"
)

// A monitor in the full-screen renderer in a real pseudo-terminal: drawn
// beside the computer's screen when the pane has room, a click on it (an
// SGR mouse report typed into the pane) is a monitor_touch, and in a small
// pane Shift+Right switches to it.
func TestFullScreenMonitorInTmux(t *testing.T) {
	prog := `
local m = peripheral.wrap("top")
m.setCursorPos(1, 2)
m.write("MONITOR")
print("computer")
local _, side, x, y = os.pullEvent("monitor_touch")
print("touch " .. side .. " " .. x .. " " .. y)
os.pullEvent("char")
m.setCursorPos(1, 1)
m.write("switched")
print("done")
os.pullEvent("char")
`
	p := startPane(t, prog, "--term-size 20x4 --peripheral top=monitor:12x3", 50, 10)

	s := p.waitFor("computer", "[top]", "MONITOR")
	lines := strings.Split(s, "\n")
	if !strings.HasPrefix(lines[0], "computer") || !strings.HasPrefix(lines[0][21:], "[top]") || !strings.HasPrefix(lines[2][21:], "MONITOR") {
		t.Fatalf("not side by side:\n%s", s)
	}
	// A left press and release at column 24, row 3 (1-based): the
	// monitor's cell 3,2.
	p.run("send-keys", "-t", "craftos", "-l", "\x1b[<0;24;3M\x1b[<0;24;3m")
	p.waitFor("touch top 3 2")

	// Too narrow for both: the computer's screen; Shift+Right shows the
	// monitor with its name under it.
	p.run("resize-window", "-t", "craftos", "-x", "25", "-y", "10")
	p.run("send-keys", "-t", "craftos", "-l", "x")
	p.waitFor("done")
	p.run("send-keys", "-t", "craftos", "S-Right")
	s = p.waitFor("switched", "[top] (Shift")
	if strings.Contains(s, "computer") {
		t.Errorf("both screens shown in a narrow pane:\n%s", s)
	}
	p.run("send-keys", "-t", "craftos", "S-Left")
	p.waitFor("computer")
}
