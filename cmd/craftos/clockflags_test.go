package main

import (
	"strings"
	"testing"
	"time"
)

func TestClockFlags(t *testing.T) {
	const draw = `print(math.random(1, 1000000), math.random(1, 1000000))`
	seed5, _, _ := run(t, "", "--seed", "5", "run", "-e", draw)
	if seed5 == "" {
		t.Fatal("--seed 5 printed nothing")
	}
	tests := []struct {
		name   string
		stdin  string
		args   []string
		out    string
		errHas string
		status int
		wall   time.Duration // the run takes at least this long
	}{
		{name: "virtual run", args: []string{"--clock=virtual", "run", "-e", "sleep(3600) print(os.clock() >= 3600)"}, out: "true\n"},
		{name: "virtual repl", stdin: "sleep(7200)\nos.clock() >= 7200\n", args: []string{"--clock", "virtual", "repl"}, out: "true\n"},
		{name: "real is the default", args: []string{"run", "-e", "sleep(0.3) print(os.clock() >= 0.3)"}, out: "true\n", wall: 300 * time.Millisecond},
		{name: "--clock=real", args: []string{"--clock=real", "run", "-e", "sleep(0.3) print(os.clock() >= 0.3)"}, out: "true\n", wall: 300 * time.Millisecond},
		{name: "same seed", args: []string{"--seed", "5", "run", "-e", draw}, out: seed5},
		{name: "seed as math.randomseed", args: []string{"run", "-e", "math.randomseed(5) " + draw}, out: seed5},
		{name: "bad clock", args: []string{"--clock", "fast", "run", "-e", "x = 1"}, errHas: `--clock must be real or virtual, not "fast"`, status: 1},
		{name: "bad seed", args: []string{"--seed", "abc", "run", "-e", "x = 1"}, errHas: `"abc" is not an integer`, status: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			out, errs, status := run(t, tt.stdin, tt.args...)
			if took := time.Since(start); took < tt.wall {
				t.Errorf("took %v, want at least %v", took, tt.wall)
			}
			if status != tt.status || !strings.Contains(errs, tt.errHas) {
				t.Fatalf("status %d (want %d), stderr %q (want %q)", status, tt.status, errs, tt.errHas)
			}
			if tt.errHas == "" && !strings.HasSuffix(out, tt.out) {
				t.Fatalf("stdout %q, want it to end with %q", out, tt.out)
			}
		})
	}
}
