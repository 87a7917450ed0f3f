package lstring

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// testAllocLimit stands in for a computer's memory limit, which craftos's
// vm installs as lua.AllocHook.
const testAllocLimit = 128 << 20

func init() {
	lua.AllocHook = func(L *lua.LState, size int64) {
		if size > testAllocLimit {
			L.Error(lua.LString("not enough memory"), 0)
		}
	}
}

// Strings past the memory limit raise PUC's "not enough memory" (no
// position) before they are built.
func TestAllocLimit(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{`string.rep("x", 2^31 - 1)`, "ERR: not enough memory\n"},
		{`string.rep("abc", 1e8, ",")`, "ERR: not enough memory\n"},
		{`#string.rep("abc", 1e6, ",")`, "3999999\n"},
		{`string.rep("x", 2^40)`, "\n"}, // luaL_checkint truncates 2^40 to 0, as lua5.2
		{`string.format("%s%s", string.rep("x", 2^26), string.rep("y", 2^26 + 1))`, "ERR: not enough memory\n"},
		{`string.format("%q", string.rep("x", 2^27 + 1))`, "ERR: not enough memory\n"},
		{`string.gsub(string.rep("x", 20000), "", string.rep("y", 20000))`, "ERR: not enough memory\n"},
	} {
		if got := runGo(c.src); got != c.want {
			t.Errorf("%s: got %q, want %q", c.src, got, c.want)
		}
	}
}
