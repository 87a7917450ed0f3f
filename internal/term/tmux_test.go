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

// The full-screen renderer in a real pseudo-terminal: craftos runs in a
// tmux pane, keys are typed with send-keys, and the pane is read back.
func TestFullScreenInTmux(t *testing.T) {
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
	if err := os.WriteFile(filepath.Join(dir, "prog.lua"), []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	socket := fmt.Sprintf("craftos-test-%d", os.Getpid())
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
	shell := fmt.Sprintf("cd %s && %s run --root . prog.lua; echo EXIT=$?; sleep 30", dir, bin)
	run("new-session", "-d", "-s", "craftos", "-x", "60", "-y", "16", shell)
	t.Cleanup(func() { exec.Command(tmux, "-L", socket, "kill-server").Run() })

	screen := func() string { return run("capture-pane", "-p", "-t", "craftos") }
	waitFor := func(want string) string {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			s := screen()
			if strings.Contains(s, want) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %q; the screen is:\n%s", want, s)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	waitFor("Name:")
	coloured := run("capture-pane", "-p", "-e", "-t", "craftos")
	if !strings.Contains(coloured, "\x1b[") {
		t.Errorf("no colours on the screen:\n%q", coloured)
	}
	run("send-keys", "-t", "craftos", "-l", "Bob")
	waitFor("Name: Bob")
	run("send-keys", "-t", "craftos", "BSpace", "x", "Enter")
	waitFor("Hello, Box!")
	run("send-keys", "-t", "craftos", "Left")
	waitFor("key left 263")
	run("send-keys", "-t", "craftos", "-l", "z")
	waitFor("plain false")
	run("resize-window", "-t", "craftos", "-x", "50", "-y", "12")
	waitFor("resized 50x12")
	run("send-keys", "-t", "craftos", "C-t")
	s := waitFor("EXIT=")
	for _, want := range []string{"Full screen test", "Name: Box", "Hello, Box!", "char z", "resized 50x12", "pulled Terminated", "EXIT=130"} {
		if !strings.Contains(s, want) {
			t.Errorf("the final screen lacks %q:\n%s", want, s)
		}
	}
}
