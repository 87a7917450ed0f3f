package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --trace-events is a root flag: run, repl and the shell write the trace,
// to a file or (-) to stderr after the output so far.
func TestTraceEventsFlag(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "trace.jsonl")
	prog := `os.queueEvent("hello", "world") sleep(0) print("slept")`
	tests := []struct {
		name   string
		stdin  string
		args   []string
		file   string // where the trace goes ("" : stderr)
		status int
		errHas string
		events []string // names of the events the trace has, in order
	}{
		{name: "run to a file", args: []string{"--trace-events", file, "run", "-e", `os.queueEvent("x") os.pullEvent("x")`}, file: file, events: []string{"x"}},
		{name: "run to stderr", args: []string{"--trace-events", "-", "run", "-e", `os.queueEvent("x") os.pullEvent("x")`}, events: []string{"x"}},
		{name: "sleep discards", args: []string{"run", "--trace-events=-", "-e", prog}, events: []string{"hello", "timer"}, errHas: `"discarded":true`},
		{name: "repl", stdin: "os.queueEvent('y')\n", args: []string{"--trace-events", "-", "repl"}, events: []string{"stdin_line", "y", "stdin_line"}},
		{name: "unwritable", args: []string{"--trace-events", filepath.Join(dir, "no", "such"), "run", "-e", "x = 1"}, status: 1, errHas: "craftos: trace events: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, status := run(t, tt.stdin, tt.args...)
			if status != tt.status || !strings.Contains(errs, tt.errHas) {
				t.Fatalf("status %d, stderr %q; want %d with %q", status, errs, tt.status, tt.errHas)
			}
			text := errs
			if tt.file != "" {
				b, err := os.ReadFile(tt.file)
				if err != nil {
					t.Fatal(err)
				}
				text = string(b)
			}
			var names []string
			for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
				if !strings.HasPrefix(line, "{") {
					continue
				}
				var rec struct {
					Name string `json:"name"`
				}
				if err := json.Unmarshal([]byte(line), &rec); err != nil {
					t.Fatalf("line %q: %v", line, err)
				}
				names = append(names, rec.Name)
			}
			if strings.Join(names, ",") != strings.Join(tt.events, ",") {
				t.Errorf("events %q, want %q (trace:\n%s)", names, tt.events, text)
			}
		})
	}
}
