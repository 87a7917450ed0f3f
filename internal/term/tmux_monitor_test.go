package term_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A monitor in the full-screen renderer in a real pseudo-terminal: drawn
// beside the computer's screen when the pane has room, a click on it (an
// SGR mouse report typed into the pane) is a monitor_touch, and in a small
// pane Shift+Right switches to it.
func TestFullScreenMonitorInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds craftos and drives tmux")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "craftos")
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	build := exec.Command(gobin, "build", "-o", bin, "../../cmd/craftos")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build craftos: %v\n%s", err, out)
	}
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
	if err := os.WriteFile(filepath.Join(dir, "prog.lua"), []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	socket := fmt.Sprintf("craftos-mon-test-%d", os.Getpid())
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(tmux, append([]string{"-L", socket, "-f", "/dev/null"}, args...)...)
		cmd.Env = append(os.Environ(), "TERM=xterm-256color")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	shell := fmt.Sprintf("cd %s && %s run --root . --term-size 20x4 --peripheral top=monitor:12x3 prog.lua; echo EXIT=$?; sleep 30", dir, bin)
	run("new-session", "-d", "-s", "craftos", "-x", "50", "-y", "10", shell)
	t.Cleanup(func() { exec.Command(tmux, "-L", socket, "kill-server").Run() })

	screen := func() string { return run("capture-pane", "-p", "-t", "craftos") }
	waitFor := func(want ...string) string {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			s := screen()
			all := true
			for _, w := range want {
				all = all && strings.Contains(s, w)
			}
			if all {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %q; the screen is:\n%s", want, s)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	s := waitFor("computer", "[top]", "MONITOR")
	lines := strings.Split(s, "\n")
	if !strings.HasPrefix(lines[0], "computer") || !strings.HasPrefix(lines[0][21:], "[top]") || !strings.HasPrefix(lines[2][21:], "MONITOR") {
		t.Fatalf("not side by side:\n%s", s)
	}
	// A left press and release at column 24, row 3 (1-based): the
	// monitor's cell 3,2.
	run("send-keys", "-t", "craftos", "-l", "\x1b[<0;24;3M\x1b[<0;24;3m")
	waitFor("touch top 3 2")

	// Too narrow for both: the computer's screen; Shift+Right shows the
	// monitor with its name under it.
	run("resize-window", "-t", "craftos", "-x", "25", "-y", "10")
	run("send-keys", "-t", "craftos", "-l", "x")
	waitFor("done")
	run("send-keys", "-t", "craftos", "S-Right")
	s = waitFor("switched", "[top] (Shift")
	if strings.Contains(s, "computer") {
		t.Errorf("both screens shown in a narrow pane:\n%s", s)
	}
	run("send-keys", "-t", "craftos", "S-Left")
	waitFor("computer")
}
