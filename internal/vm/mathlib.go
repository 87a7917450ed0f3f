package vm

import (
	"math"
	"math/rand/v2"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// openMathFixes replaces the math functions whose gopher-lua versions
// differ from PUC Lua 5.2's lmathlib.c.
func (m *Machine) openMathFixes(mth *lua.LTable) {
	// Each machine has its own generator, as each PUC state shares C's rand.
	src := rand.NewPCG(rand.Uint64(), rand.Uint64())
	rng := rand.New(src)
	m.setFuncs(mth, map[string]lua.LGFunction{
		"log":  mathLog,
		"max":  mathMinMax("max", func(a, b float64) bool { return a > b }),
		"min":  mathMinMax("min", func(a, b float64) bool { return a < b }),
		"modf": mathModf,
		"fmod": mathFmod,
		// random is PUC 5.2's math_random: r in [0, 1) scaled and floored,
		// so non-integer bounds are kept as 5.2 keeps them.
		"random": func(L *lua.LState) int {
			r := rng.Float64()
			switch L.GetTop() {
			case 0:
				L.Push(lua.LNumber(r))
			case 1:
				u := luaarg.CheckNumber(L, 1, "random")
				if !(1 <= u) {
					luaarg.ArgError(L, 1, "random", "interval is empty")
				}
				L.Push(lua.LNumber(math.Floor(r*u) + 1))
			case 2:
				l := luaarg.CheckNumber(L, 1, "random")
				u := luaarg.CheckNumber(L, 2, "random")
				if !(l <= u) {
					luaarg.ArgError(L, 2, "random", "interval is empty")
				}
				L.Push(lua.LNumber(math.Floor(r*(u-l+1)) + l))
			default:
				luaarg.Raise(L, "wrong number of arguments")
			}
			return 1
		},
		// randomseed is srand(luaL_checkunsigned(n)): the same seed gives the
		// same numbers.
		"randomseed": func(L *lua.LState) int {
			seed := uint64(uint32(int64(clampInt(luaarg.CheckNumber(L, 1, "randomseed")))))
			src.Seed(seed, seed)
			return 0
		},
	})
	mth.RawSetString("huge", lua.LNumber(math.Inf(1)))
}

func mathLog(L *lua.LState) int {
	x := luaarg.CheckNumber(L, 1, "log")
	if L.Get(2) == lua.LNil {
		L.Push(lua.LNumber(math.Log(x)))
		return 1
	}
	base := luaarg.CheckNumber(L, 2, "log")
	switch base {
	case 2:
		L.Push(lua.LNumber(math.Log2(x)))
	case 10:
		L.Push(lua.LNumber(math.Log10(x)))
	default:
		L.Push(lua.LNumber(math.Log(x) / math.Log(base)))
	}
	return 1
}

// mathMinMax checks the first argument before the loop, as PUC's, so
// math.max() is "number expected, got no value".
func mathMinMax(name string, better func(a, b float64) bool) lua.LGFunction {
	return func(L *lua.LState) int {
		best := luaarg.CheckNumber(L, 1, name)
		for i := 2; i <= L.GetTop(); i++ {
			if v := luaarg.CheckNumber(L, i, name); better(v, best) {
				best = v
			}
		}
		L.Push(lua.LNumber(best))
		return 1
	}
}

// mathModf is C's modf: modf(±inf) is ±inf and ±0 (Go's gives NaN).
func mathModf(L *lua.LState) int {
	x := luaarg.CheckNumber(L, 1, "modf")
	if math.IsInf(x, 0) {
		L.Push(lua.LNumber(x))
		L.Push(lua.LNumber(math.Copysign(0, x)))
		return 2
	}
	ip, fp := math.Modf(x)
	L.Push(lua.LNumber(ip))
	L.Push(lua.LNumber(fp))
	return 2
}

// negativeNaN is the NaN x86's fmod and 0/0 give, which Lua prints "-nan".
var negativeNaN = math.Float64frombits(0xFFF8000000000000)

func mathFmod(L *lua.LState) int {
	x := luaarg.CheckNumber(L, 1, "fmod")
	y := luaarg.CheckNumber(L, 2, "fmod")
	r := math.Mod(x, y)
	if math.IsNaN(r) && !math.IsNaN(x) && !math.IsNaN(y) {
		r = negativeNaN
	}
	L.Push(lua.LNumber(r))
	return 1
}
