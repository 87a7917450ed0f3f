package computer

import (
	lua "github.com/yuin/gopher-lua"
)

// os.queueEvent copies its arguments as CC:Tweaked does: each argument is
// converted to Java values when queued (CobaltLuaMachine.toObject) and back
// to Lua when delivered. So a table changed after queueing arrives as it
// was; each argument is a separate copy (the same table in two arguments
// arrives as two tables), while within one argument shared tables and
// cycles are kept; functions, coroutines and userdata become nil, and
// table entries holding them are dropped; metatables are not copied.

// eventTable is a queued copy of a table: its pairs, with nested tables as
// *eventTable. It holds no Lua table, so it can wait in the queue.
type eventTable struct {
	keys, vals []any
}

// copyEventArg converts one argument.
func copyEventArg(v lua.LValue) any {
	return copyEventValue(v, map[*lua.LTable]*eventTable{})
}

// copyEventValue returns a scalar Lua value as is (they are immutable), a
// table as an *eventTable, and nil for what CC:Tweaked cannot convert.
func copyEventValue(v lua.LValue, seen map[*lua.LTable]*eventTable) any {
	switch x := v.(type) {
	case lua.LNumber, lua.LString, lua.LBool:
		return x
	case *lua.LTable:
		if c, ok := seen[x]; ok {
			return c
		}
		c := &eventTable{}
		seen[x] = c
		for k, val := x.Next(lua.LNil); k != lua.LNil; k, val = x.Next(k) {
			ck, cv := copyEventValue(k, seen), copyEventValue(val, seen)
			if ck != nil && cv != nil {
				c.keys = append(c.keys, ck)
				c.vals = append(c.vals, cv)
			}
		}
		return c
	}
	return nil
}

// LuaValue builds the delivered table (vm.Valuer).
func (c *eventTable) LuaValue(L *lua.LState) lua.LValue {
	return c.build(L, map[*eventTable]*lua.LTable{})
}

func (c *eventTable) build(L *lua.LState, built map[*eventTable]*lua.LTable) *lua.LTable {
	if t, ok := built[c]; ok {
		return t
	}
	t := L.CreateTable(0, len(c.keys))
	built[c] = t
	conv := func(v any) lua.LValue {
		if e, ok := v.(*eventTable); ok {
			return e.build(L, built)
		}
		return v.(lua.LValue)
	}
	for i, k := range c.keys {
		t.RawSet(conv(k), conv(c.vals[i]))
	}
	return t
}
