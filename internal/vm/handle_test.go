package vm

import (
	"context"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

type counter struct{ n int }

func (c *counter) Add(a Args) int    { c.n += a.OptInt(1, 1); return 0 }
func (c *counter) Get(a Args) int    { return a.Return(lua.LNumber(c.n)) }
func (c *counter) helper(a Args) int { return 0 } // unexported: not a Lua function

func TestHandleTableBindsMethodsPerObject(t *testing.T) {
	m := New(context.Background(), Options{})
	defer m.Close()
	a, b := &counter{}, &counter{n: 10}
	m.L.SetGlobal("a", HandleTable(m.L, a))
	m.L.SetGlobal("b", HandleTable(m.L, b))
	fn, err := m.Load(`
		a.add() a.add(2) b.add(5)
		assert(a.add ~= b.add, "each object has its own functions")
		assert(a.helper == nil and a.missing == nil, "only Lua methods")
		return a.get() .. "," .. b.get() .. "," .. type(a.get)`, "=test")
	if err != nil {
		t.Fatal(err)
	}
	m.L.Push(fn)
	if err := m.L.PCall(0, 1, nil); err != nil {
		t.Fatal(err)
	}
	if got := m.L.Get(-1).String(); got != "3,15,function" {
		t.Fatalf("got %q", got)
	}
}

func TestHandleTableWithHoldsOnlyTheNamedMethods(t *testing.T) {
	m := New(context.Background(), Options{})
	defer m.Close()
	tbl := HandleTableWith(m.L, &counter{n: 7}, []string{"get"})
	if tbl.RawGetString("add") != lua.LNil || tbl.RawGetString("get").Type() != lua.LTFunction {
		t.Fatal("want only get")
	}
}
