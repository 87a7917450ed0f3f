package fs_test

import (
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computertest"
)

// checkLua reports a run's FAIL lines (see luaPrelude) and a bad ending.
func checkLua(t *testing.T, res computertest.Result) {
	t.Helper()
	for _, line := range strings.Split(res.Stdout, "\n") {
		if strings.HasPrefix(line, "FAIL") {
			t.Error(line)
		}
	}
	if res.Status != 0 || !strings.Contains(res.Stdout, "ok ") {
		t.Errorf("status %d, err %v\nstdout:\n%s\nstderr:\n%s", res.Status, res.Err, res.Stdout, res.Stderr)
	}
}

// runLuaWith runs src (with luaPrelude's helpers) on a computer.
func runLuaWith(t *testing.T, src string, opts ...computertest.Option) {
	t.Helper()
	checkLua(t, computertest.Run(t, luaPrelude+src+luaEpilogue, opts...))
}
