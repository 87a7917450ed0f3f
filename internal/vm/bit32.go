package vm

import (
	"math"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// openBit32 installs Lua 5.2's bit32 library.
func (m *Machine) openBit32() {
	t := m.L.NewTable()
	fold := func(name string, init uint32, op func(a, b uint32) uint32) lua.LGFunction {
		return func(L *lua.LState) int {
			r := init
			for i := 1; i <= L.GetTop(); i++ {
				r = op(r, toUint32(L, i, name))
			}
			L.Push(lua.LNumber(r))
			return 1
		}
	}
	band := fold("band", math.MaxUint32, func(a, b uint32) uint32 { return a & b })
	m.setFuncs(t, map[string]lua.LGFunction{
		"band": band,
		"bor":  fold("bor", 0, func(a, b uint32) uint32 { return a | b }),
		"bxor": fold("bxor", 0, func(a, b uint32) uint32 { return a ^ b }),
		"btest": func(L *lua.LState) int {
			band(L)
			L.Push(lua.LBool(L.Get(-1).(lua.LNumber) != 0))
			return 1
		},
		"bnot": func(L *lua.LState) int {
			L.Push(lua.LNumber(^toUint32(L, 1, "bnot")))
			return 1
		},
		"lshift":  shifter("lshift", func(x uint32, n int) uint32 { return shift(x, n) }),
		"rshift":  shifter("rshift", func(x uint32, n int) uint32 { return shift(x, -n) }),
		"arshift": shifter("arshift", arshift),
		"lrotate": shifter("lrotate", func(x uint32, n int) uint32 { return rotate(x, n) }),
		"rrotate": shifter("rrotate", func(x uint32, n int) uint32 { return rotate(x, -n) }),
		"extract": func(L *lua.LState) int {
			x := toUint32(L, 1, "extract")
			f, w := fieldArgs(L, 2, "extract")
			L.Push(lua.LNumber((x >> f) & mask(w)))
			return 1
		},
		"replace": func(L *lua.LState) int {
			x := toUint32(L, 1, "replace")
			v := toUint32(L, 2, "replace")
			f, w := fieldArgs(L, 3, "replace")
			mk := mask(w)
			L.Push(lua.LNumber((x &^ (mk << f)) | ((v & mk) << f)))
			return 1
		},
	})
	m.L.SetGlobal("bit32", t)
}

// toUint32 converts as Lua 5.2 does: the number modulo 2^32.
func toUint32(L *lua.LState, n int, fname string) uint32 {
	f := luaarg.CheckNumber(L, n, fname)
	f = math.Mod(math.Floor(f), 4294967296)
	if f < 0 {
		f += 4294967296
	}
	return uint32(f)
}

func shifter(name string, op func(uint32, int) uint32) lua.LGFunction {
	return func(L *lua.LState) int {
		x := toUint32(L, 1, name)
		n := int(luaarg.CheckNumber(L, 2, name))
		L.Push(lua.LNumber(op(x, n)))
		return 1
	}
}

func shift(x uint32, n int) uint32 {
	switch {
	case n <= -32 || n >= 32:
		return 0
	case n >= 0:
		return x << uint(n)
	default:
		return x >> uint(-n)
	}
}

func arshift(x uint32, n int) uint32 {
	if n < 0 || x&0x80000000 == 0 {
		return shift(x, -n)
	}
	if n >= 32 {
		return math.MaxUint32
	}
	return uint32(int32(x) >> uint(n))
}

func rotate(x uint32, n int) uint32 {
	n &= 31
	return x<<uint(n) | x>>uint(32-n)
}

func fieldArgs(L *lua.LState, n int, fname string) (uint, uint) {
	f := int(luaarg.CheckNumber(L, n, fname))
	w := int(luaarg.OptNumber(L, n+1, fname, 1))
	if f < 0 {
		luaarg.ArgError(L, n, fname, "field cannot be negative")
	}
	if w <= 0 {
		luaarg.ArgError(L, n+1, fname, "width must be positive")
	}
	if f+w > 32 {
		luaarg.Raise(L, "trying to access non-existent bits")
	}
	return uint(f), uint(w)
}

func mask(w uint) uint32 {
	return uint32((uint64(1) << w) - 1)
}
