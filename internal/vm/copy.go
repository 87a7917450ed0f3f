package vm

import (
	lua "github.com/yuin/gopher-lua"
)

// Copy converts a Lua value for another goroutine or computer, as
// CC:Tweaked converts an os.queueEvent argument or a modem message to Java
// values and back (CobaltLuaMachine.toObject): numbers, strings and
// booleans as they are (they are immutable); a table as a snapshot, so a
// table changed afterwards arrives as it was, with shared tables and cycles
// within the value kept; functions, coroutines and userdata as nil, and
// table entries holding them dropped; metatables not copied. The result
// is a Valuer: each delivery builds fresh tables on the receiver's state.
func Copy(v lua.LValue) any {
	return copyValue(v, map[*lua.LTable]*copiedTable{})
}

// copiedTable is a snapshot of a table: its pairs, with nested tables as
// *copiedTable. It holds no Lua value that can change.
type copiedTable struct {
	keys, vals []any
}

func copyValue(v lua.LValue, seen map[*lua.LTable]*copiedTable) any {
	switch x := v.(type) {
	case lua.LNumber, lua.LString, lua.LBool:
		return x
	case *lua.LTable:
		if c, ok := seen[x]; ok {
			return c
		}
		c := &copiedTable{}
		seen[x] = c
		for k, val := x.Next(lua.LNil); k != lua.LNil; k, val = x.Next(k) {
			ck, cv := copyValue(k, seen), copyValue(val, seen)
			if ck != nil && cv != nil {
				c.keys = append(c.keys, ck)
				c.vals = append(c.vals, cv)
			}
		}
		return c
	}
	return nil
}

// TraceType: the event trace shows a copied table as a table.
func (*copiedTable) TraceType() string { return "table" }

// LuaValue builds the receiver's own tables (Valuer), on its goroutine.
func (c *copiedTable) LuaValue(L *lua.LState) lua.LValue {
	return c.build(L, map[*copiedTable]*lua.LTable{})
}

func (c *copiedTable) build(L *lua.LState, built map[*copiedTable]*lua.LTable) *lua.LTable {
	if t, ok := built[c]; ok {
		return t
	}
	t := L.CreateTable(0, len(c.keys))
	built[c] = t
	conv := func(v any) lua.LValue {
		if e, ok := v.(*copiedTable); ok {
			return e.build(L, built)
		}
		return v.(lua.LValue)
	}
	for i, k := range c.keys {
		t.RawSet(conv(k), conv(c.vals[i]))
	}
	return t
}
