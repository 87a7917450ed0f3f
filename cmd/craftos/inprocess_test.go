package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes a command line in this process with the given stdin and
// returns stdout, stderr and the exit status.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	status := execute(args, stdio{in: strings.NewReader(stdin), out: &out, err: &errb})
	return out.String(), errb.String(), status
}

func TestCommandsInProcess(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hello.lua"), []byte(`print("Hello, " .. (... or "world"))`), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(t.TempDir(), "screen.txt")
	tests := []struct {
		name       string
		stdin      string
		args       []string
		out        string // exact stdout ("" with outHas)
		outHas     string
		errHas     string
		status     int
		checkFiles func(t *testing.T)
	}{
		{name: "print", args: []string{"run", "-e", "print(1 + 1)"}, out: "2\n"},
		{name: "file with args", args: []string{"--root", dir, "run", filepath.Join(dir, "hello.lua"), "Ada"}, out: "Hello, Ada\n"},
		{name: "bare FILE", args: []string{"--root", dir, filepath.Join(dir, "hello.lua")}, out: "Hello, world\n"},
		{name: "program from stdin", stdin: "print('from stdin', ...)", args: []string{"run", "-", "x"}, out: "from stdin\tx\n"},
		{name: "uncaught error", args: []string{"run", "-e", `error("boom")`}, errHas: "boom", status: 1},
		{name: "os.shutdown status", args: []string{"run", "-e", "os.shutdown(3)"}, status: 3},
		{name: "version", args: []string{"version"}, outHas: "craftos "},
		{name: "--version", args: []string{"--version"}, outHas: "craftos "},
		{name: "missing root", args: []string{"--root", filepath.Join(dir, "nope"), "run", "-e", "x = 1"}, errHas: "craftos: open computer folder: ", status: 1},
		{name: "run without program", args: []string{"run"}, errHas: "craftos: run needs a FILE", status: 1},
		{name: "bad --term", args: []string{"--term", "bogus", "run", "-e", "x = 1"}, errHas: "--term must be auto, full or plain", status: 1},
		{name: "plain seconds", args: []string{"--watchdog", "0.5", "--http-response-timeout", "2", "run", "-e", `print("ok")`}, out: "ok\n"},
		{name: "bad seconds", args: []string{"--watchdog", "soon", "run", "-e", "x = 1"}, errHas: "neither seconds", status: 1},
		{name: "watchdog", args: []string{"--watchdog", "0.2", "run", "-e", "sleep(0) while true do end"}, errHas: "Too long without yielding", status: 1},
		{name: "repl", stdin: "1 + 1\nx = 5\nx * 2\n", args: []string{"repl"}, outHas: "10"},
		{name: "screenshot", args: []string{"--term-size", "10x3", "--screenshot", shot, "run", "-e", `print("hi")`}, out: "hi\n",
			checkFiles: func(t *testing.T) {
				b, err := os.ReadFile(shot)
				if err != nil || !strings.HasPrefix(string(b), "hi") {
					t.Errorf("screenshot %q, %v", b, err)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, status := run(t, tt.stdin, tt.args...)
			if status != tt.status {
				t.Errorf("status %d, want %d (stdout %q, stderr %q)", status, tt.status, out, errs)
			}
			if tt.outHas == "" && out != tt.out {
				t.Errorf("stdout %q, want %q (stderr %q)", out, tt.out, errs)
			}
			if !strings.Contains(out, tt.outHas) {
				t.Errorf("stdout %q lacks %q", out, tt.outHas)
			}
			if !strings.Contains(errs, tt.errHas) {
				t.Errorf("stderr %q lacks %q", errs, tt.errHas)
			}
			if tt.checkFiles != nil {
				tt.checkFiles(t)
			}
		})
	}
}
