package modem

import (
	lua "github.com/yuin/gopher-lua"
)

// A transmitted message is copied as CC:Tweaked copies a packet's payload
// (and as os.queueEvent copies, internal/computer/eventcopy.go): converted
// to plain values on the sender's goroutine, rebuilt as a fresh Lua value
// on each receiver's. No table is shared between computers: a table changed
// after transmit arrives as it was; shared tables and cycles within the
// message are kept; functions, coroutines and userdata become nil (table
// entries holding them are dropped); metatables are not copied.

// message is a copied table: its pairs, nested tables as *message.
type message struct {
	keys, vals []any
}

// copyValue converts one transmitted value.
func copyValue(v lua.LValue) any {
	return copyIn(v, map[*lua.LTable]*message{})
}

func copyIn(v lua.LValue, seen map[*lua.LTable]*message) any {
	switch x := v.(type) {
	case lua.LNumber, lua.LString, lua.LBool:
		return x
	case *lua.LTable:
		if c, ok := seen[x]; ok {
			return c
		}
		c := &message{}
		seen[x] = c
		for k, val := x.Next(lua.LNil); k != lua.LNil; k, val = x.Next(k) {
			ck, cv := copyIn(k, seen), copyIn(val, seen)
			if ck != nil && cv != nil {
				c.keys = append(c.keys, ck)
				c.vals = append(c.vals, cv)
			}
		}
		return c
	}
	return nil
}

// LuaValue builds the receiver's own table (vm.Valuer), on its goroutine.
func (c *message) LuaValue(L *lua.LState) lua.LValue {
	return c.build(L, map[*message]*lua.LTable{})
}

func (c *message) build(L *lua.LState, built map[*message]*lua.LTable) *lua.LTable {
	if t, ok := built[c]; ok {
		return t
	}
	t := L.CreateTable(0, len(c.keys))
	built[c] = t
	conv := func(v any) lua.LValue {
		if m, ok := v.(*message); ok {
			return m.build(L, built)
		}
		return v.(lua.LValue)
	}
	for i, k := range c.keys {
		t.RawSet(conv(k), conv(c.vals[i]))
	}
	return t
}
