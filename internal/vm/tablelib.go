package vm

import (
	"math"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// openTableFixes installs the table functions as PUC Lua 5.2's ltablib.c
// has them, with Lua 5.3's table.move and the table.foreach/foreachi that
// CC:Tweaked's Cobalt keeps.
func (m *Machine) openTableFixes(tbl *lua.LTable) {
	m.setFuncs(tbl, map[string]lua.LGFunction{
		"pack":     tablePack,
		"unpack":   tableUnpack,
		"concat":   tableConcat,
		"insert":   tableInsert,
		"remove":   tableRemove,
		"sort":     tableSort,
		"move":     tableMove,
		"foreach":  tableForeach,
		"foreachi": tableForeachi,
	})
}

// rawGetI and rawSetI reach integer keys wherever the table keeps them
// (gopher-lua's RawGetInt only looks at the array part).
func rawGetI(t *lua.LTable, k int) lua.LValue { return t.RawGet(lua.LNumber(k)) }

func rawSetI(t *lua.LTable, k int, v lua.LValue) { t.RawSet(lua.LNumber(k), v) }

func checkTable(L *lua.LState, n int, fname string) *lua.LTable {
	t, ok := L.Get(n).(*lua.LTable)
	if !ok {
		luaarg.TypeError(L, n, fname, "table")
	}
	return t
}

// luaLen is luaL_len: the length through __len, which must be a number.
func luaLen(L *lua.LState, v lua.LValue) int {
	if mm := L.GetMetaField(v, "__len"); mm != lua.LNil {
		L.Push(mm)
		L.Push(v)
		L.Call(1, 1)
		n, ok := L.Get(-1).(lua.LNumber)
		L.Pop(1)
		if !ok {
			luaarg.Raise(L, "object length is not a number")
		}
		return clampInt(float64(n))
	}
	if t, ok := v.(*lua.LTable); ok {
		return t.Len()
	}
	return L.ObjLen(v)
}

// int32 is C's int, the type of 5.2's table positions: luaL_checkint cuts
// to it, and unpack's count overflows in it.
func cInt(f float64) int32 { return int32(int64(clampInt(f))) }

func tablePack(L *lua.LState) int {
	n := L.GetTop()
	t := L.CreateTable(n, 1)
	for i := 1; i <= n; i++ {
		t.SetList(i, L.Get(i)) // the nils keep their slots: #table.pack(nil, 2) is 2
	}
	t.RawSetString("n", lua.LNumber(n))
	L.Push(t)
	return 1
}

// maxUnpack is PUC's LUAI_MAXSTACK: lua_checkstack refuses more.
const maxUnpack = 1000000

func tableUnpack(L *lua.LState) int {
	t := checkTable(L, 1, "unpack")
	i := int32(1)
	if L.Get(2) != lua.LNil {
		i = cInt(luaarg.CheckNumber(L, 2, "unpack"))
	}
	var e int32
	if L.Get(3) != lua.LNil {
		e = cInt(luaarg.CheckNumber(L, 3, "unpack"))
	} else {
		e = int32(luaLen(L, t))
	}
	if i > e {
		return 0
	}
	n := e - i + 1 // overflows as C's int does
	if n <= 0 || int(n) >= maxUnpack-L.GetTop() {
		luaarg.Raise(L, "too many results to unpack")
	}
	// Grow the stack once: gopher-lua grows it by RegistryGrowStep per
	// push, which made a first unpack of 300,000 values take a second.
	top := L.GetTop()
	L.SetTop(top + int(n))
	L.SetTop(top)
	for k := int(i); k <= int(e); k++ {
		L.Push(rawGetI(t, k))
	}
	return int(n)
}

// tableConcat is table.concat with CraftOS's number text.
func tableConcat(L *lua.LState) int {
	t := checkTable(L, 1, "concat")
	sep := ""
	if L.Get(2) != lua.LNil {
		sep = luaarg.CheckString(L, 2, "concat")
	}
	i := int(cInt(luaarg.OptNumber(L, 3, "concat", 1)))
	var j int
	if L.Get(4) != lua.LNil {
		j = int(cInt(luaarg.CheckNumber(L, 4, "concat")))
	} else {
		j = luaLen(L, t)
	}
	var b strings.Builder
	b.Grow(concatSize(L, t, sep, i, j)) // memlimit.go: checked before it is built
	for k := i; k <= j; k++ {
		switch v := rawGetI(t, k).(type) {
		case lua.LString:
			b.WriteString(string(v))
		case lua.LNumber:
			b.WriteString(FormatNumber(float64(v)))
		default:
			luaarg.Raise(L, "invalid value (%s) at index %d in table for 'concat'", v.Type().String(), k)
		}
		if k < j {
			b.WriteString(sep)
		}
	}
	L.Push(lua.LString(b.String()))
	return 1
}

func tableInsert(L *lua.LState) int {
	t := checkTable(L, 1, "insert")
	e := luaLen(L, t) + 1 // first empty element
	pos := e
	switch L.GetTop() {
	case 2:
	case 3:
		pos = int(cInt(luaarg.CheckNumber(L, 2, "insert")))
		if pos < 1 || pos > e {
			luaarg.ArgError(L, 2, "insert", "position out of bounds")
		}
		for i := e; i > pos; i-- {
			rawSetI(t, i, rawGetI(t, i-1))
		}
	default:
		luaarg.Raise(L, "wrong number of arguments to 'insert'")
	}
	rawSetI(t, pos, L.Get(L.GetTop()))
	return 0
}

func tableRemove(L *lua.LState) int {
	t := checkTable(L, 1, "remove")
	size := luaLen(L, t)
	pos := size
	if L.Get(2) != lua.LNil {
		pos = int(cInt(luaarg.CheckNumber(L, 2, "remove")))
	}
	if pos != size && (pos < 1 || pos > size+1) {
		// 5.2 names argument #1 here.
		luaarg.ArgError(L, 1, "remove", "position out of bounds")
	}
	L.Push(rawGetI(t, pos))
	for ; pos < size; pos++ {
		rawSetI(t, pos, rawGetI(t, pos+1))
	}
	rawSetI(t, pos, lua.LNil)
	return 1
}

// tableMove is Lua 5.3's table.move(a1, f, e, t [, a2]), reading and
// writing through metamethods; overlapping moves copy backwards.
func tableMove(L *lua.LState) int {
	f := checkInt(L, 2, "move")
	e := checkInt(L, 3, "move")
	t := checkInt(L, 4, "move")
	tt := 1
	if L.Get(5) != lua.LNil {
		tt = 5
	}
	checkTableLike(L, 1, "move", "__index")
	checkTableLike(L, tt, "move", "__newindex")
	src, dst := L.Get(1), L.Get(tt)
	if e >= f {
		// Cobalt's bound: its positions are Java ints.
		const maxInteger = math.MaxInt32
		if !(f > 0 || e < maxInteger+f) {
			luaarg.ArgError(L, 3, "move", "too many elements to move")
		}
		n := e - f + 1
		if t > maxInteger-n+1 {
			luaarg.ArgError(L, 4, "move", "destination wrap around")
		}
		if t > e || t <= f || (tt != 1 && !L.Equal(src, dst)) {
			for i := 0; i < n; i++ {
				L.SetTable(dst, lua.LNumber(t+i), L.GetTable(src, lua.LNumber(f+i)))
			}
		} else {
			for i := n - 1; i >= 0; i-- {
				L.SetTable(dst, lua.LNumber(t+i), L.GetTable(src, lua.LNumber(f+i)))
			}
		}
	}
	L.Push(dst)
	return 1
}

// checkTableLike is 5.3's checktab: a table, or a value whose metatable has
// the metamethod the operation needs.
func checkTableLike(L *lua.LState, n int, fname, event string) {
	v := L.Get(n)
	if _, ok := v.(*lua.LTable); ok {
		return
	}
	if L.GetMetaField(v, event) == lua.LNil {
		luaarg.TypeError(L, n, fname, "table")
	}
}

// tableForeach is Lua 5.0's table.foreach(t, f): f(k, v) for every pair
// until f returns a non-nil value, which is returned, else nil (Cobalt
// keeps it).
func tableForeach(L *lua.LState) int {
	t := checkTable(L, 1, "foreach")
	fn := checkFunction(L, 2, "foreach")
	for k, v := t.Next(lua.LNil); k != lua.LNil; k, v = t.Next(k) {
		L.Push(fn)
		L.Push(k)
		L.Push(v)
		L.Call(2, 1)
		if r := L.Get(-1); r != lua.LNil {
			return 1
		}
		L.Pop(1)
	}
	L.Push(lua.LNil)
	return 1
}

// tableForeachi calls f(i, t[i]) for i = 1, 2, ... until t[i] is nil, as
// Cobalt's foreachi.
func tableForeachi(L *lua.LState) int {
	t := checkTable(L, 1, "foreachi")
	fn := checkFunction(L, 2, "foreachi")
	for i := 1; ; i++ {
		v := rawGetI(t, i)
		if v == lua.LNil {
			L.Push(lua.LNil)
			return 1
		}
		L.Push(fn)
		L.Push(lua.LNumber(i))
		L.Push(v)
		L.Call(2, 1)
		if r := L.Get(-1); r != lua.LNil {
			return 1
		}
		L.Pop(1)
	}
}

func checkFunction(L *lua.LState, n int, fname string) *lua.LFunction {
	fn, ok := L.Get(n).(*lua.LFunction)
	if !ok {
		luaarg.TypeError(L, n, fname, "function")
	}
	return fn
}
