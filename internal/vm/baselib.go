package vm

import (
	"math"
	"runtime"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// openBaseFixes replaces the base functions whose gopher-lua versions
// differ from PUC Lua 5.2 or from CC:Tweaked's Cobalt.
func (m *Machine) openBaseFixes(g *lua.LTable) {
	next := g.RawGetString("next")
	inext := m.L.NewFunction(ipairsAux)
	m.setFuncs(g, map[string]lua.LGFunction{
		"select":         baseSelect,
		"assert":         baseAssert,
		"collectgarbage": baseCollectGarbage,
		"rawset":         baseRawSet,
		// pairs honours __pairs, as Lua 5.2+ and Cobalt; without it the
		// iterator is next itself, as PUC's.
		"pairs": func(L *lua.LState) int {
			v := L.Get(1)
			if mm := L.GetMetaField(v, "__pairs"); mm != lua.LNil {
				L.Push(mm)
				L.Push(v)
				L.Call(1, 3)
				return 3
			}
			if _, ok := v.(*lua.LTable); !ok {
				luaarg.TypeError(L, 1, "pairs", "table")
			}
			L.Push(next)
			L.Push(v)
			L.Push(lua.LNil)
			return 3
		},
		// ipairs reads t[i] through __index until it is nil, as Lua 5.3
		// and Cobalt's inext.
		"ipairs": func(L *lua.LState) int {
			v := L.Get(1)
			if _, ok := v.(*lua.LTable); !ok && L.GetMetaField(v, "__index") == lua.LNil {
				luaarg.TypeError(L, 1, "ipairs", "table")
			}
			L.Push(inext)
			L.Push(v)
			L.Push(lua.LNumber(0))
			return 3
		},
	})
}

func ipairsAux(L *lua.LState) int {
	i := checkInt(L, 2, "ipairs") + 1
	var v lua.LValue
	if t, ok := L.Get(1).(*lua.LTable); ok && t.Metatable == lua.LNil {
		v = t.RawGetInt(i)
	} else {
		v = L.GetTable(L.Get(1), lua.LNumber(i))
	}
	if v == lua.LNil {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LNumber(i))
	L.Push(v)
	return 2
}

// checkInt is luaL_checkint: a number (or numeric string) truncated, with
// values beyond int's range clamped instead of left to the hardware.
func checkInt(L *lua.LState, n int, fname string) int {
	return clampInt(luaarg.CheckNumber(L, n, fname))
}

func optInt(L *lua.LState, n int, fname string, def int) int {
	if L.Get(n) == lua.LNil {
		return def
	}
	return checkInt(L, n, fname)
}

func clampInt(f float64) int {
	switch {
	case f != f:
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int(f)
}

// baseSelect is PUC 5.2's luaB_select.
func baseSelect(L *lua.LState) int {
	n := L.GetTop()
	if s, ok := L.Get(1).(lua.LString); ok && s == "#" {
		L.Push(lua.LNumber(n - 1))
		return 1
	}
	i := int(cInt(luaarg.CheckNumber(L, 1, "select")))
	if i < 0 {
		i = n + i
	} else if i > n {
		i = n
	}
	if i < 1 {
		luaarg.ArgError(L, 1, "select", "index out of range")
	}
	return n - i
}

// baseAssert raises "assertion failed!" or its message: a string or number
// with the caller's position, as PUC's luaL_error; any other value as it
// is, as Cobalt does (PUC 5.2 refuses it with "string expected").
func baseAssert(L *lua.LState) int {
	if lua.LVAsBool(L.Get(1)) {
		return L.GetTop()
	}
	if L.GetTop() < 2 || L.Get(2) == lua.LNil {
		luaarg.Raise(L, "assertion failed!")
	}
	switch msg := L.Get(2).(type) {
	case lua.LString:
		luaarg.Raise(L, "%s", string(msg))
	case lua.LNumber:
		luaarg.Raise(L, "%s", FormatNumber(float64(msg)))
	default:
		L.Error(msg, 0)
	}
	return 0
}

// baseCollectGarbage takes PUC 5.2's options and answers as it does.
func baseCollectGarbage(L *lua.LState) int {
	opt := "collect"
	if L.Get(1) != lua.LNil {
		opt = luaarg.CheckString(L, 1, "collectgarbage")
	}
	switch opt {
	case "collect":
		runtime.GC()
		L.Push(lua.LNumber(0))
	case "count":
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		L.Push(lua.LNumber(float64(ms.HeapAlloc) / 1024))
		L.Push(lua.LNumber(ms.HeapAlloc % 1024))
		return 2
	case "step":
		runtime.GC()
		L.Push(lua.LTrue)
	case "isrunning":
		L.Push(lua.LTrue)
	case "stop", "restart", "generational", "incremental":
		L.Push(lua.LNumber(0))
	case "setpause", "setstepmul", "setmajorinc":
		L.Push(lua.LNumber(200))
	default:
		luaarg.ArgError(L, 1, "collectgarbage", "invalid option '"+opt+"'")
	}
	return 1
}

// baseRawSet returns the table, as PUC's.
func baseRawSet(L *lua.LState) int {
	t, ok := L.Get(1).(*lua.LTable)
	if !ok {
		luaarg.TypeError(L, 1, "rawset", "table")
	}
	L.CheckAny(2)
	L.CheckAny(3)
	// lua_rawset's errors come from C: no position.
	switch k := L.Get(2).(type) {
	case *lua.LNilType:
		L.Error(lua.LString("table index is nil"), 0)
	case lua.LNumber:
		if k != k {
			L.Error(lua.LString("table index is NaN"), 0)
		}
	}
	L.RawSet(t, L.Get(2), L.Get(3))
	L.SetTop(1)
	return 1
}
