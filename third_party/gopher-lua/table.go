package lua

const defaultArrayCap = 32
const defaultHashCap = 32

type lValueArraySorter struct {
	L      *LState
	Fn     *LFunction
	Values []LValue
}

func (lv lValueArraySorter) Len() int {
	return len(lv.Values)
}

func (lv lValueArraySorter) Swap(i, j int) {
	lv.Values[i], lv.Values[j] = lv.Values[j], lv.Values[i]
}

func (lv lValueArraySorter) Less(i, j int) bool {
	if lv.Fn != nil {
		lv.L.Push(lv.Fn)
		lv.L.Push(lv.Values[i])
		lv.L.Push(lv.Values[j])
		lv.L.Call(2, 1)
		return LVAsBool(lv.L.reg.Pop())
	}
	return lessThan(lv.L, lv.Values[i], lv.Values[j])
}

func newLTable(acap int, hcap int) *LTable {
	if acap < 0 {
		acap = 0
	}
	if hcap < 0 {
		hcap = 0
	}
	tb := &LTable{}
	tb.Metatable = LNil
	if acap != 0 {
		tb.array = make([]LValue, 0, acap)
	}
	if hcap != 0 {
		tb.strdict = make(map[string]LValue, hcap)
	}
	return tb
}

// Len returns length of this LTable without using __len.
//
// craftos: PUC Lua 5.2's luaH_getn over the array part: its size when the
// last slot holds a value (key size+1 is never in the hash: it is pulled
// into the array), else a binary search for a border, so `#{1, nil, 3, nil}`
// is 1 and `#{[1] = 1, [3] = 3}` is 1 as in PUC (upstream took the last
// non-nil slot).
func (tb *LTable) Len() int {
	j := len(tb.array)
	if j == 0 || tb.array[j-1] != LNil {
		return j
	}
	i := 0
	for j-i > 1 {
		m := (i + j) / 2
		if tb.array[m-1] == LNil {
			j = m
		} else {
			i = m
		}
	}
	return i
}

// Append appends a given LValue to this LTable.
func (tb *LTable) Append(value LValue) {
	if value == LNil {
		return
	}
	if tb.array == nil {
		tb.array = make([]LValue, 0, defaultArrayCap)
	}
	if len(tb.array) == 0 || tb.array[len(tb.array)-1] != LNil {
		tb.array = append(tb.array, value)
		tb.pullFromHash()
	} else {
		i := len(tb.array) - 2
		for ; i >= 0; i-- {
			if tb.array[i] != LNil {
				break
			}
		}
		tb.array[i+1] = value
	}
}

// Insert inserts a given LValue at position `i` in this table.
func (tb *LTable) Insert(i int, value LValue) {
	if tb.array == nil {
		tb.array = make([]LValue, 0, defaultArrayCap)
	}
	if i > len(tb.array) {
		tb.RawSetInt(i, value)
		return
	}
	if i <= 0 {
		tb.RawSet(LNumber(i), value)
		return
	}
	i -= 1
	tb.array = append(tb.array, LNil)
	copy(tb.array[i+1:], tb.array[i:])
	tb.array[i] = value
}

// MaxN returns a maximum number key that nil value does not exist before it.
func (tb *LTable) MaxN() int {
	if tb.array == nil {
		return 0
	}
	for i := len(tb.array) - 1; i >= 0; i-- {
		if tb.array[i] != LNil {
			return i + 1
		}
	}
	return 0
}

// Remove removes from this table the element at a given position.
func (tb *LTable) Remove(pos int) LValue {
	if tb.array == nil {
		return LNil
	}
	larray := len(tb.array)
	if larray == 0 {
		return LNil
	}
	i := pos - 1
	oldval := LNil
	switch {
	case i >= larray:
		// nothing to do
	case i == larray-1 || i < 0:
		oldval = tb.array[larray-1]
		tb.array = tb.array[:larray-1]
	default:
		oldval = tb.array[i]
		copy(tb.array[i:], tb.array[i+1:])
		tb.array[larray-1] = nil
		tb.array = tb.array[:larray-1]
	}
	return oldval
}

// RawSet sets a given LValue to a given index without the __newindex metamethod.
// It is recommended to use `RawSetString` or `RawSetInt` for performance
// if you already know the given LValue is a string or number.
func (tb *LTable) RawSet(key LValue, value LValue) {
	switch v := key.(type) {
	case LNumber:
		if isArrayKey(v) {
			tb.setInt(int(v), value)
			return
		}
	case LString:
		tb.RawSetString(string(v), value)
		return
	}

	tb.RawSetH(key, value)
}

// RawSetInt sets a given LValue at a position `key` without the __newindex metamethod.
func (tb *LTable) RawSetInt(key int, value LValue) {
	if key < 1 || key >= MaxArrayIndex {
		tb.RawSetH(LNumber(key), value)
		return
	}
	tb.setInt(key, value)
}

// craftos: the array part holds keys 1..len(array) and grows only by the
// key just past its end; a key farther out goes to the hash, as PUC Lua
// keeps t[3] of `t = {1}; t[3] = 3` there (so `#t` is 1, not 3). Upstream
// filled any gap below MaxArrayIndex with nils, so `t[6e7] = 1` appended
// sixty million of them. No hash key lies in 1..len(array)+1: keys the
// array grows to are moved into it.
func (tb *LTable) setInt(key int, value LValue) {
	tb.setIntGap(key, value, 0)
}

// SetList stores a table constructor's positional value (or table.pack's):
// the array takes it with the nils before it, as PUC sizes the array part
// for the constructor (`{nil, 2}` has length 2). craftos addition.
func (tb *LTable) SetList(key int, value LValue) { tb.setListInt(key, value) }

func (tb *LTable) setListInt(key int, value LValue) {
	if key < 1 || key >= MaxArrayIndex {
		tb.RawSetH(LNumber(key), value)
		return
	}
	tb.setIntGap(key, value, FieldsPerFlush)
}

func (tb *LTable) setIntGap(key int, value LValue, gap int) {
	index := key - 1
	alen := len(tb.array)
	switch {
	case index < alen:
		tb.array[index] = value
	case value == LNil && gap == 0:
		if len(tb.dict) > 0 {
			tb.RawSetH(LNumber(key), LNil)
		}
	case index <= alen+gap:
		if tb.array == nil {
			tb.array = make([]LValue, 0, defaultArrayCap)
		}
		for i := alen; i <= index; i++ {
			tb.array = append(tb.array, tb.takeH(i+1))
		}
		tb.array[index] = value
		tb.pullFromHash()
	default:
		tb.RawSetH(LNumber(key), value)
	}
}

// takeH removes integer key k from the hash and returns its value.
func (tb *LTable) takeH(k int) LValue {
	if len(tb.dict) == 0 {
		return LNil
	}
	v, ok := tb.dict[LNumber(k)]
	if !ok {
		return LNil
	}
	tb.RawSetH(LNumber(k), LNil)
	return v
}

// pullFromHash moves the keys that continue the array out of the hash.
func (tb *LTable) pullFromHash() {
	for len(tb.dict) > 0 {
		v := tb.takeH(len(tb.array) + 1)
		if v == LNil {
			return
		}
		tb.array = append(tb.array, v)
	}
}

// RawSetString sets a given LValue to a given string index without the __newindex metamethod.
func (tb *LTable) RawSetString(key string, value LValue) {
	if tb.strdict == nil {
		tb.strdict = make(map[string]LValue, defaultHashCap)
	}
	if tb.keys == nil {
		tb.keys = []LValue{}
		tb.k2i = map[LValue]int{}
	}

	_, present := tb.strdict[key]
	if value == LNil {
		if present {
			delete(tb.strdict, key)
			tb.dead++
		}
		return
	}
	if !present {
		tb.addKey(LString(key))
	}
	tb.strdict[key] = value
}

// RawSetH sets a given LValue to a given index without the __newindex metamethod.
func (tb *LTable) RawSetH(key LValue, value LValue) {
	if s, ok := key.(LString); ok {
		tb.RawSetString(string(s), value)
		return
	}
	if tb.dict == nil {
		tb.dict = make(map[LValue]LValue, len(tb.strdict))
	}
	if tb.keys == nil {
		tb.keys = []LValue{}
		tb.k2i = map[LValue]int{}
	}

	_, present := tb.dict[key]
	if value == LNil {
		if present {
			delete(tb.dict, key)
			tb.dead++
		}
		return
	}
	if !present {
		tb.addKey(key)
	}
	tb.dict[key] = value
}

// addKey records a key that has no value now in the hash's key order.
// craftos: keys set to nil stay listed (so next can go on from them while a
// traversal clears fields, as Lua allows), but upstream kept them forever:
// a table whose keys come and go (sessions, queues) grew without end. As
// PUC Lua rehashes only when a new key is added, so does this compaction,
// once the dead keys are at least half of the list.
func (tb *LTable) addKey(key LValue) {
	if _, known := tb.k2i[key]; known {
		tb.dead-- // back to life in its old place
		return
	}
	if tb.dead > 32 && tb.dead*2 >= len(tb.keys) {
		tb.compactKeys()
	}
	tb.k2i[key] = len(tb.keys)
	tb.keys = append(tb.keys, key)
}

func (tb *LTable) compactKeys() {
	live := make([]LValue, 0, len(tb.keys)-tb.dead+1)
	k2i := make(map[LValue]int, len(tb.keys)-tb.dead+1)
	for _, k := range tb.keys {
		if tb.RawGetH(k) != LNil {
			k2i[k] = len(live)
			live = append(live, k)
		}
	}
	tb.keys, tb.k2i, tb.dead = live, k2i, 0
}

// RawGet returns an LValue associated with a given key without __index metamethod.
func (tb *LTable) RawGet(key LValue) LValue {
	switch v := key.(type) {
	case LNumber:
		if isArrayKey(v) {
			index := int(v) - 1
			if index < len(tb.array) {
				return tb.array[index]
			}
			if len(tb.dict) == 0 {
				return LNil
			}
			if hv, ok := tb.dict[v]; ok {
				return hv
			}
			return LNil
		}
	case LString:
		if tb.strdict == nil {
			return LNil
		}
		if ret, ok := tb.strdict[string(v)]; ok {
			return ret
		}
		return LNil
	}
	if tb.dict == nil {
		return LNil
	}
	if v, ok := tb.dict[key]; ok {
		return v
	}
	return LNil
}

// RawGetInt returns an LValue at position `key` without __index metamethod.
func (tb *LTable) RawGetInt(key int) LValue {
	index := key - 1
	if index >= 0 && index < len(tb.array) {
		return tb.array[index]
	}
	if len(tb.dict) == 0 {
		return LNil
	}
	if v, ok := tb.dict[LNumber(key)]; ok {
		return v
	}
	return LNil
}

// RawGet returns an LValue associated with a given key without __index metamethod.
func (tb *LTable) RawGetH(key LValue) LValue {
	if s, sok := key.(LString); sok {
		if tb.strdict == nil {
			return LNil
		}
		if v, vok := tb.strdict[string(s)]; vok {
			return v
		}
		return LNil
	}
	if tb.dict == nil {
		return LNil
	}
	if v, ok := tb.dict[key]; ok {
		return v
	}
	return LNil
}

// RawGetString returns an LValue associated with a given key without __index metamethod.
func (tb *LTable) RawGetString(key string) LValue {
	if tb.strdict == nil {
		return LNil
	}
	if v, vok := tb.strdict[string(key)]; vok {
		return v
	}
	return LNil
}

// ForEach iterates over this table of elements, yielding each in turn to a given function.
func (tb *LTable) ForEach(cb func(LValue, LValue)) {
	if tb.array != nil {
		for i, v := range tb.array {
			if v != LNil {
				cb(LNumber(i+1), v)
			}
		}
	}
	if tb.strdict != nil {
		for k, v := range tb.strdict {
			if v != LNil {
				cb(LString(k), v)
			}
		}
	}
	if tb.dict != nil {
		for k, v := range tb.dict {
			if v != LNil {
				cb(k, v)
			}
		}
	}
}

// This function is equivalent to lua_next ( http://www.lua.org/manual/5.1/manual.html#lua_next ).
func (tb *LTable) Next(key LValue) (LValue, LValue) {
	// craftos: a number key past the array is a hash key (upstream scanned
	// the array from it and then restarted the hash: an endless loop).
	from, inArray := 0, key == LNil
	if kv, ok := key.(LNumber); ok && isInteger(kv) && kv >= 1 && float64(kv) <= float64(len(tb.array)) {
		from, inArray = int(kv), true
	}
	if inArray {
		for i := from; i < len(tb.array); i++ {
			if v := tb.array[i]; v != LNil {
				return LNumber(i + 1), v
			}
		}
		return tb.nextH(0)
	}
	i, ok := tb.k2i[key]
	if !ok {
		return LNil, LNil
	}
	return tb.nextH(i + 1)
}

// nextH is the first live hash entry from position i of the key order.
func (tb *LTable) nextH(i int) (LValue, LValue) {
	for ; i < len(tb.keys); i++ {
		key := tb.keys[i]
		if v := tb.RawGetH(key); v != LNil {
			return key, v
		}
	}
	return LNil, LNil
}
