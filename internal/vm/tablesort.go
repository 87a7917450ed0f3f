package vm

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// tableSort is PUC Lua 5.2's table.sort: the same quicksort (ltablib.c's
// auxsort), so an inconsistent order function gives the same order or the
// same "invalid order function for sorting", and comparisons fail with the
// same texts, without a position (they are raised from C there).
func tableSort(L *lua.LState) int {
	t := checkTable(L, 1, "sort")
	n := luaLen(L, t)
	var cmp lua.LValue
	if v := L.Get(2); v != lua.LNil {
		cmp = checkFunction(L, 2, "sort")
	}
	s := sorter{L: L, t: t, cmp: cmp}
	s.auxsort(1, n)
	return 0
}

type sorter struct {
	L   *lua.LState
	t   *lua.LTable
	cmp lua.LValue
}

func (s *sorter) get(i int) lua.LValue { return rawGetI(s.t, i) }

func (s *sorter) swap(i, j int) {
	a, b := s.get(i), s.get(j)
	rawSetI(s.t, i, b)
	rawSetI(s.t, j, a)
}

// less is sort_comp: the order function, or lua_lessthan.
func (s *sorter) less(a, b lua.LValue) bool {
	L := s.L
	if s.cmp != nil {
		L.Push(s.cmp)
		L.Push(a)
		L.Push(b)
		L.Call(2, 1)
		r := lua.LVAsBool(L.Get(-1))
		L.Pop(1)
		return r
	}
	switch x := a.(type) {
	case lua.LNumber:
		if y, ok := b.(lua.LNumber); ok {
			return x < y
		}
	case lua.LString:
		if y, ok := b.(lua.LString); ok {
			return x < y
		}
	}
	mm := L.GetMetaField(a, "__lt")
	if mm == lua.LNil {
		mm = L.GetMetaField(b, "__lt")
	}
	if mm != lua.LNil {
		L.Push(mm)
		L.Push(a)
		L.Push(b)
		L.Call(2, 1)
		r := lua.LVAsBool(L.Get(-1))
		L.Pop(1)
		return r
	}
	if a.Type() == b.Type() {
		L.Error(lua.LString("attempt to compare two "+a.Type().String()+" values"), 0)
	}
	L.Error(lua.LString("attempt to compare "+a.Type().String()+" with "+b.Type().String()), 0)
	return false
}

func (s *sorter) invalid() {
	luaarg.Raise(s.L, "invalid order function for sorting")
}

func (s *sorter) auxsort(l, u int) {
	for l < u {
		// sort a[l], a[(l+u)/2] and a[u]
		if s.less(s.get(u), s.get(l)) {
			s.swap(l, u)
		}
		if u-l == 1 {
			break
		}
		i := (l + u) / 2
		if s.less(s.get(i), s.get(l)) {
			s.swap(i, l)
		} else if s.less(s.get(u), s.get(i)) {
			s.swap(i, u)
		}
		if u-l == 2 {
			break
		}
		p := s.get(i) // the pivot, kept in a[u-1]
		s.swap(i, u-1)
		i, j := l, u-1
		for {
			// a[l..i] <= P <= a[j..u]
			for {
				i++
				if !s.less(s.get(i), p) {
					break
				}
				if i >= u {
					s.invalid()
				}
			}
			for {
				j--
				if !s.less(p, s.get(j)) {
					break
				}
				if j <= l {
					s.invalid()
				}
			}
			if j < i {
				break
			}
			s.swap(i, j)
		}
		s.swap(u-1, i)
		// recurse into the smaller half, loop on the larger
		if i-l < u-i {
			j, i, l = l, i-1, i+1
		} else {
			j, i, u = i+1, u, i-1
		}
		s.auxsort(j, i)
	}
}
