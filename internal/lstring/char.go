package lstring

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// strChar is PUC 5.2's str_char: numeric arguments (strings convert), each
// a byte, else "value out of range" (gopher-lua wrapped 256 to 0).
func strChar(L *lua.LState) int {
	n := L.GetTop()
	b := make([]byte, n)
	for i := 1; i <= n; i++ {
		c := luaarg.CheckInteger(L, i, "char")
		if c < 0 || c > 255 {
			luaarg.ArgError(L, i, "char", "value out of range")
		}
		b[i-1] = byte(c)
	}
	L.Push(lua.LString(b))
	return 1
}
