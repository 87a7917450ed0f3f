package vm

import (
	"os/exec"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luatest"
)

// The library corpus runs each case on a craftos machine and through
// lua5.2 with the same driver; the outputs must be identical.

// runLibsCraftOS runs the cases on one craftos machine; setup may add
// globals (such as os) first.
func runLibsCraftOS(t *testing.T, cases []string, setup func(*testMachine)) []string {
	t.Helper()
	tm := newTestMachine(t, Options{})
	if setup != nil {
		setup(tm)
	}
	var res []string
	tm.L.SetGlobal("emit", tm.L.NewFunction(func(L *lua.LState) int {
		res = append(res, L.CheckString(1))
		return 0
	}))
	if err := tm.run(luatest.CasesSource(cases) + luatest.Driver); err != nil {
		t.Fatalf("driver: %v", err)
	}
	if len(res) != len(cases) {
		t.Fatalf("craftos produced %d results for %d cases", len(res), len(cases))
	}
	return res
}

// compareWithPUC runs cases on craftos and lua5.2 and reports every
// difference.
func compareWithPUC(t *testing.T, cases []string, setup func(*testMachine)) {
	t.Helper()
	compareWith(t, "lua5.2", cases, setup)
}

// compareWith compares with another PUC interpreter (lua5.3 for the 5.3
// functions CraftOS has), skipping when it is not installed.
func compareWith(t *testing.T, interpreter string, cases []string, setup func(*testMachine)) {
	t.Helper()
	bin, err := exec.LookPath(interpreter)
	if err != nil {
		t.Skip(interpreter + " not on PATH")
	}
	want := luatest.RunPUC(t, bin, cases)
	got := runLibsCraftOS(t, cases, setup)
	for i, c := range cases {
		if got[i] != want[i] {
			t.Errorf("case %d %s\n got: %q\nwant: %q", i, c, got[i], want[i])
		}
	}
}
