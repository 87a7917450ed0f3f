package computer_test

import (
	"testing"

	"github.com/craftos/craftos/internal/computertest"
)

// An uncaught error prints PUC lua's text: the message, then the traceback
// down to the program's main chunk, with the bios's own frames shown as
// lua's host is ("[C]: in ?").
func TestUncaughtErrorTraceback(t *testing.T) {
	r := computertest.Run(t, "local function inner() error('deep failure') end\nlocal function outer() inner() end\nlocal function tail() return outer() end\ntail()")
	want := "test.lua:1: deep failure\nstack traceback:\n" +
		"\t[C]: in function 'error'\n" +
		"\ttest.lua:1: in function 'inner'\n" +
		"\ttest.lua:2: in function <test.lua:2>\n" +
		"\t(...tail calls...)\n" +
		"\ttest.lua:4: in main chunk\n" +
		"\t[C]: in ?\n"
	if r.Stderr != want {
		t.Fatalf("stderr:\n%s\nwant:\n%s", r.Stderr, want)
	}
}
