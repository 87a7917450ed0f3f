package luaarg

import (
	"math"

	lua "github.com/yuin/gopher-lua"
)

// CheckString is luaL_checkstring: a string, or a number as its "%.14g"
// text.
func CheckString(L *lua.LState, n int, fname string) string {
	switch v := L.Get(n).(type) {
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return v.String()
	}
	TypeError(L, n, fname, "string")
	return ""
}

// OptString is luaL_optstring: def for nil or an absent argument.
func OptString(L *lua.LState, n int, fname, def string) string {
	if L.Get(n) == lua.LNil {
		return def
	}
	return CheckString(L, n, fname)
}

// ToNumber is lua_tonumberx: a number, or a string that converts.
func ToNumber(v lua.LValue) (float64, bool) {
	switch x := v.(type) {
	case lua.LNumber:
		return float64(x), true
	case lua.LString:
		return ParseNumber(string(x))
	}
	return 0, false
}

// CheckNumber is luaL_checknumber: a number, or a string that converts.
func CheckNumber(L *lua.LState, n int, fname string) float64 {
	f, ok := ToNumber(L.Get(n))
	if !ok {
		TypeError(L, n, fname, "number")
	}
	return f
}

// OptNumber is luaL_optnumber: def for nil or an absent argument.
func OptNumber(L *lua.LState, n int, fname string, def float64) float64 {
	if L.Get(n) == lua.LNil {
		return def
	}
	return CheckNumber(L, n, fname)
}

// ToInteger truncates like a C double-to-int64 cast on x86-64, where
// out-of-range values (and NaN) become math.MinInt64.
func ToInteger(f float64) int64 {
	if f >= -9223372036854775808.0 && f < 9223372036854775808.0 {
		return int64(f)
	}
	return math.MinInt64
}

// CheckInteger is luaL_checkinteger: CheckNumber truncated by ToInteger.
func CheckInteger(L *lua.LState, n int, fname string) int64 {
	return ToInteger(CheckNumber(L, n, fname))
}

// OptInteger is luaL_optinteger: def for nil or an absent argument.
func OptInteger(L *lua.LState, n int, fname string, def int64) int64 {
	if L.Get(n) == lua.LNil {
		return def
	}
	return CheckInteger(L, n, fname)
}
