package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computertest"
)

// craftosBin is the binary built once for the end-to-end tests.
var craftosBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "craftos-cli-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	craftosBin = filepath.Join(dir, "craftos")
	build := exec.Command("go", "build", "-o", craftosBin, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building craftos:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type cliResult struct {
	stdout, stderr string
	status         int
}

// craftos runs the binary in dir with stdin and returns how it ended.
func craftos(t *testing.T, dir, stdin string, args ...string) cliResult {
	t.Helper()
	cmd := exec.Command(craftosBin, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("craftos %v did not finish; stdout:\n%s\nstderr:\n%s", args, out.String(), errb.String())
	}
	status := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return cliResult{out.String(), errb.String(), status}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCLIRun(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "prog.lua", `print(select("#", ...), ...) print(arg[0], #arg)`)
	writeFile(t, dir, "sub/prog.lua", `print(arg[0], fs.exists("sub/data.txt"), shell and shell.getRunningProgram and shell.getRunningProgram() or "-")`)
	writeFile(t, dir, "sub/data.txt", "x")
	writeFile(t, dir, "fail.lua", "print('before')\nlocal function f() error('boom') end\nf()")
	writeFile(t, dir, "status.lua", `os.shutdown(3)`)
	writeFile(t, dir, "script.lua", "#!/usr/bin/env craftos\nprint('shebang ok')\nerror('line3')")
	writeFile(t, dir, "shebang-only.lua", "#!/usr/bin/env craftos")
	writeFile(t, dir, "syntax.lua", "print('x')\nx = = 1")
	writeFile(t, dir, "read.lua", `print(read()) print(read()) print(read())`)
	abs := filepath.Join(dir, "prog.lua")

	cases := []struct {
		name   string
		stdin  string
		args   []string
		stdout string
		stderr string // prefix
		status int
	}{
		{name: "run FILE ARGS", args: []string{"run", "prog.lua", "a", "b c"}, stdout: "2\ta\tb c\nprog.lua\t2\n"},
		{name: "FILE ARGS is run", args: []string{"prog.lua", "a", "b c"}, stdout: "2\ta\tb c\nprog.lua\t2\n"},
		{name: "flags after FILE are program args", args: []string{"run", "prog.lua", "--id", "-e"}, stdout: "2\t--id\t-e\nprog.lua\t2\n"},
		{name: "relative path in a folder", args: []string{"run", "sub/prog.lua"}, stdout: "sub/prog.lua\ttrue\tsub/prog.lua\n"},
		{name: "absolute path", args: []string{"run", abs}, stdout: "0\nprog.lua\t0\n"},
		{name: "uncaught error", args: []string{"run", "fail.lua"}, stdout: "before\n", stderr: "fail.lua:2: boom\nstack traceback:", status: 1},
		{name: "syntax error", args: []string{"run", "syntax.lua"}, stderr: "syntax.lua:2: unexpected symbol near '='", status: 1},
		{name: "shutdown status", args: []string{"run", "status.lua"}, status: 3},
		{name: "shebang blanked, lines kept", args: []string{"script.lua"}, stdout: "shebang ok\n", stderr: "script.lua:3: line3", status: 1},
		{name: "shebang only", args: []string{"shebang-only.lua"}},
		{name: "missing file", args: []string{"run", "nope.lua"}, stderr: "craftos: cannot run nope.lua", status: 1},
		{name: "-e", args: []string{"run", "-e", "print(1 + 1, ...)", "x"}, stdout: "2\tx\n"},
		{name: "-e error", args: []string{"run", "-e", "error('bad')"}, stderr: "(command line):1: bad", status: 1},
		{name: "-e shutdown", args: []string{"run", "-e", "os.shutdown(7)"}, status: 7},
		{name: "- reads the program from stdin", stdin: "#!/bin/craftos\nprint(...)\n", args: []string{"run", "-", "a", "b"}, stdout: "a\tb\n"},
		{name: "- error position", stdin: "\n\nerror('e')", args: []string{"run", "-"}, stderr: "stdin:3: e", status: 1},
		{name: "read from stdin", stdin: "one\ntwo\n", args: []string{"run", "read.lua"}, stdout: "one\ntwo\nnil\n"},
		{name: "run needs a program", args: []string{"run"}, stderr: "craftos: run needs", status: 1},
		{name: "--root", args: []string{"--root", "sub", "run", "-e", "print(fs.exists('data.txt'), fs.exists('sub'))"}, stdout: "true\tfalse\n"},
		{name: "--id and --label", args: []string{"--id", "7", "--label", "bob", "run", "-e", "print(os.getComputerID(), os.getComputerLabel())"}, stdout: "7\tbob\n"},
		{name: "flags after run", args: []string{"run", "--id", "9", "-e", "print(os.getComputerID(), select('#', os.getComputerLabel()))"}, stdout: "9\t0\n"},
		{name: "--watchdog", args: []string{"--watchdog", "200ms", "run", "-e", "sleep(0) while true do end"}, stderr: "(command line):1: Too long without yielding", status: 1},
		{name: "hard abort", args: []string{"--watchdog", "200ms", "run", "-e", "sleep(0) while true do pcall(function() while true do end end) end"}, stderr: "Too long without yielding\n", status: 1},
		{name: "--memory-limit", args: []string{"--memory-limit", "64M", "run", "-e", "print(pcall(string.rep, 'x', 2^27))"}, stdout: "false\tnot enough memory\n"},
		{name: "--memory-limit default 1G", args: []string{"run", "-e", "print(pcall(string.rep, 'x', 2^31 - 1))"}, stdout: "false\tnot enough memory\n"},
		{name: "--memory-limit 0 disables it", args: []string{"--memory-limit", "0", "run", "-e", "print(#string.rep('x', 2^21))"}, stdout: "2097152\n"},
		{name: "version", args: []string{"version"}, stdout: "craftos "},
		{name: "unknown flag", args: []string{"--bogus"}, stderr: "craftos: unknown flag", status: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := craftos(t, dir, c.stdin, c.args...)
			okOut := r.stdout == c.stdout || (c.name == "version" && strings.HasPrefix(r.stdout, c.stdout))
			if r.status != c.status || !okOut || !strings.HasPrefix(r.stderr, c.stderr) || (c.stderr == "" && r.stderr != "") {
				t.Fatalf("craftos %q: status %d (want %d)\nstdout %q\nwant   %q\nstderr %q\nwant prefix %q", c.args, r.status, c.status, r.stdout, c.stdout, r.stderr, c.stderr)
			}
		})
	}
}

func TestCLIVersionAndHelp(t *testing.T) {
	dir := t.TempDir()
	r := craftos(t, dir, "", "version")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.status != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "craftos ") || !strings.HasPrefix(lines[1], "ComputerCraft ") {
		t.Fatalf("version: %+v", r)
	}
	host := craftos(t, dir, "", "run", "-e", "print(_HOST)")
	if strings.TrimSpace(host.stdout) != lines[1] {
		t.Fatalf("_HOST %q differs from version's %q", host.stdout, lines[1])
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		r := craftos(t, dir, "", args...)
		if r.status != 0 || !strings.Contains(r.stdout, "Usage:") || !strings.Contains(r.stdout, "run") || !strings.Contains(r.stdout, "repl") || !strings.Contains(r.stdout, "--root") {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	r = craftos(t, dir, "", "run", "--help")
	if r.status != 0 || !strings.Contains(r.stdout, "-e, --execute") {
		t.Fatalf("run --help: %+v", r)
	}
}

func TestCLIREPL(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ name, stdin, stdout, stderr string }{
		{"statement", "print(1+1)\n", "2\n", ""},
		{"expression", "1 + 1\n", "2\n", ""},
		{"several values", "1, 'two', nil\n", "1\n\"two\"\nnil\n", ""}, // strings quoted, as CraftOS's lua prompt
		{"globals persist", "x = 5\nx * 2\nfunction f() return x + 1 end\nf()\n", "10\n6\n", ""},
		{"tables are pretty-printed", "{1, 2, a = \"b\"}\n", "{ 1, 2, a = \"b\" }\n", ""},
		{"errors do not stop it", "error('oops')\nprint('next')\n", "next\n", "lua:1: oops\n"},
		{"syntax errors do not stop it", "foo(\nprint('next')\n", "next\n", "lua:1: unexpected symbol near <eof>\n"},
		{"blank lines", "\n   \n1\n", "1\n", ""},
		// Events that arrive while a line is being read are discarded by
		// read()'s filter, as in CraftOS's lua program: pull on the same line.
		{"event loop keeps running", "os.startTimer(0) print((os.pullEvent('timer')))\nos.queueEvent('e', 3) print(select(2, os.pullEvent('e')))\nsleep(0.01) print('slept')\n", "timer\n3\nslept\n", ""},
		{"no trailing newline", "print('last')", "last\n", ""},
		{"shutdown ends it", "os.shutdown(4)\nprint('no')\n", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := craftos(t, dir, c.stdin, "repl")
			want := 0
			if c.name == "shutdown ends it" {
				want = 4
			}
			if r.stdout != c.stdout || r.stderr != c.stderr || r.status != want {
				t.Fatalf("stdin %q:\nstdout %q, want %q\nstderr %q, want %q\nstatus %d", c.stdin, r.stdout, c.stdout, r.stderr, c.stderr, r.status)
			}
		})
	}
}

// startCraftos starts the binary and returns it with a function that waits
// until its stdout contains a string.
type running struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	errb bytes.Buffer
	done chan error
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func startCraftos(t *testing.T, args ...string) *running {
	t.Helper()
	r := &running{cmd: exec.Command(craftosBin, args...), done: make(chan error, 1)}
	r.cmd.Dir = t.TempDir()
	r.cmd.Stdout = lockedWriter{&r.mu, &r.out}
	r.cmd.Stderr = lockedWriter{&r.mu, &r.errb}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.done <- r.cmd.Wait() }()
	t.Cleanup(func() {
		r.cmd.Process.Kill()
		<-r.done
	})
	return r
}

func (r *running) output() (string, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.String(), r.errb.String()
}

func (r *running) waitFor(t *testing.T, s string) {
	t.Helper()
	if !computertest.Eventually(func() bool { out, _ := r.output(); return strings.Contains(out, s) }) {
		out, errs := r.output()
		t.Fatalf("no %q; stdout:\n%s\nstderr:\n%s", s, out, errs)
	}
}

func (r *running) exit(t *testing.T) int {
	t.Helper()
	select {
	case err := <-r.done:
		r.done <- err // for the cleanup
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(15 * time.Second):
		out, errs := r.output()
		t.Fatalf("craftos did not exit; stdout:\n%s\nstderr:\n%s", out, errs)
		return -1
	}
}

func TestCLIInterrupt(t *testing.T) {
	t.Run("first Ctrl-C is terminate", func(t *testing.T) {
		r := startCraftos(t, "run", "-e", `print("ready") local ok, e = pcall(os.pullEvent, "never") print("caught", e)`)
		r.waitFor(t, "ready")
		r.cmd.Process.Signal(os.Interrupt)
		if st := r.exit(t); st != 0 {
			t.Fatalf("status %d", st)
		}
		if out, _ := r.output(); out != "ready\ncaught\tTerminated\n" {
			t.Fatalf("stdout %q", out)
		}
	})
	t.Run("uncaught terminate exits 130", func(t *testing.T) {
		r := startCraftos(t, "run", "-e", `print("ready") os.pullEvent()`)
		r.waitFor(t, "ready")
		r.cmd.Process.Signal(os.Interrupt)
		st := r.exit(t)
		_, errs := r.output()
		if st != 130 || strings.TrimSpace(errs) != "Terminated" {
			t.Fatalf("status %d, stderr %q", st, errs)
		}
	})
	t.Run("second Ctrl-C within 2 s exits 130 even when stuck", func(t *testing.T) {
		r := startCraftos(t, "--watchdog", "0", "run", "-e", `print("looping") while true do end`)
		r.waitFor(t, "looping") // lines go out while the program is busy
		r.cmd.Process.Signal(os.Interrupt)
		time.Sleep(200 * time.Millisecond)
		select {
		case err := <-r.done:
			r.done <- err
			out, errs := r.output()
			t.Fatalf("exited on the first Ctrl-C (%v); stdout:\n%s\nstderr:\n%s", err, out, errs)
		default:
		}
		r.cmd.Process.Signal(os.Interrupt)
		if st := r.exit(t); st != 130 {
			t.Fatalf("status %d", st)
		}
	})
	t.Run("the program keeps running after handling one", func(t *testing.T) {
		r := startCraftos(t, "run", "-e", `
print("ready")
for i = 1, 2 do local ev = os.pullEventRaw() print("event", ev) end`)
		r.waitFor(t, "ready")
		r.cmd.Process.Signal(os.Interrupt)
		r.waitFor(t, "event\tterminate")
		time.Sleep(2100 * time.Millisecond) // past the double-press window
		r.cmd.Process.Signal(os.Interrupt)
		if st := r.exit(t); st != 0 {
			t.Fatalf("status %d", st)
		}
		if out, _ := r.output(); out != "ready\nevent\tterminate\nevent\tterminate\n" {
			t.Fatalf("stdout %q", out)
		}
	})
}
