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

// pane is craftos running prog in a tmux pane of a private tmux server.
type pane struct {
	t    *testing.T
	tmux string
	sock string
}

// startPane builds craftos, writes prog, and runs `craftos run [flags]
// prog.lua` in a w×h pane named craftos; the pane then shows EXIT=status.
// It skips the test in -short mode or without tmux.
func startPane(t *testing.T, prog, flags string, w, h int) *pane {
	t.Helper()
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
	if err := os.WriteFile(filepath.Join(dir, "prog.lua"), []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &pane{t: t, tmux: tmux, sock: fmt.Sprintf("craftos-test-%s-%d", t.Name(), os.Getpid())}
	shell := fmt.Sprintf("cd %s && %s run --root . %s prog.lua; echo EXIT=$?; sleep 30", dir, bin, flags)
	p.run("new-session", "-d", "-s", "craftos", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), shell)
	t.Cleanup(func() { exec.Command(tmux, "-L", p.sock, "kill-server").Run() })
	return p
}

// run is a tmux command on the pane's server; it fails the test on error.
func (p *pane) run(args ...string) string {
	p.t.Helper()
	cmd := exec.Command(p.tmux, append([]string{"-L", p.sock, "-f", "/dev/null"}, args...)...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	out, err := cmd.CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (p *pane) screen() string { return p.run("capture-pane", "-p", "-t", "craftos") }

// waitFor waits until the screen shows every one of want, and returns it.
func (p *pane) waitFor(want ...string) string {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := p.screen()
		all := true
		for _, w := range want {
			all = all && strings.Contains(s, w)
		}
		if all {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waiting for %q; the screen is:\n%s", want, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
