package lstring

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luatest"
)

// newState returns a gopher-lua state with Open applied and a global
// out(...) that records tostring'd values joined by tabs, one line per call.
func newState(interrupt func(*lua.LState)) (*lua.LState, *bytes.Buffer) {
	L := lua.NewState()
	Open(L, interrupt)
	buf := &bytes.Buffer{}
	L.SetGlobal("out", L.NewFunction(func(L *lua.LState) int {
		for i := 1; i <= L.GetTop(); i++ {
			if i > 1 {
				buf.WriteByte('\t')
			}
			buf.WriteString(ToString(toLValue(L, L.Get(i))))
		}
		buf.WriteByte('\n')
		return 0
	}))
	return L, buf
}

// runGo runs one case in gopher-lua; errors become "ERR: msg".
func runGo(c string) string {
	L, buf := newState(nil)
	defer L.Close()
	fn, err := L.Load(strings.NewReader(luatest.CaseCode(c)), "case")
	if err != nil {
		return "COMPILE: " + err.Error()
	}
	L.Push(fn)
	if err := L.PCall(0, 0, nil); err != nil {
		if le, ok := err.(*lua.ApiError); ok {
			buf.WriteString("ERR: " + toLStringNoMeta(le.Object) + "\n")
		} else {
			buf.WriteString("ERR: " + err.Error() + "\n")
		}
	}
	return buf.String()
}

func toLStringNoMeta(v lua.LValue) string { return ToString(v) }

func TestDifferentialPUC(t *testing.T) {
	lua52, err := exec.LookPath("lua5.2")
	if err != nil {
		t.Skip("lua5.2 not on PATH")
	}
	if len(corpus) < 150 {
		t.Fatalf("corpus has only %d cases", len(corpus))
	}
	want := luatest.RunPUC(t, lua52, corpus)
	for i, c := range corpus {
		got := runGo(c)
		if got != want[i] {
			t.Errorf("case %d %s\n got: %q\nwant: %q", i, c, got, want[i])
		}
	}
}
