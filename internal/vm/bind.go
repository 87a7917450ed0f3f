package vm

import (
	"fmt"
	"math"
	"reflect"
	"sync"
	"unicode"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// Args gives a native function its arguments, checked with CraftOS's error
// texts in this one place: bad argument #1 (number expected, got string).
type Args struct {
	L *lua.LState
}

// Fn is the shape of every native Lua function of an API type.
type Fn = func(Args) int

// N is the number of arguments.
func (a Args) N() int { return a.L.GetTop() }

// Value returns argument i (1-based), nil when absent.
func (a Args) Value(i int) lua.LValue { return a.L.Get(i) }

// TypeName is luaarg.TypeName, for the native APIs' own messages.
func TypeName(L *lua.LState, v lua.LValue) string { return luaarg.TypeName(L, v) }

// TypeError raises CraftOS's bad-argument error for argument i; an absent
// argument is nil, as CC:Tweaked's arguments are.
func (a Args) TypeError(i int, expected string) {
	a.Error(i, expected+" expected, got "+luaarg.TypeName(a.L, a.L.Get(i)))
}

// Error raises "bad argument #i (msg)": luaarg's text with no function
// name, which CraftOS's natives give.
func (a Args) Error(i int, msg string) {
	luaarg.ArgError(a.L, i, "", msg)
}

// Number checks that argument i is a number (a numeric string is not).
func (a Args) Number(i int) float64 {
	if n, ok := a.L.Get(i).(lua.LNumber); ok {
		return float64(n)
	}
	a.TypeError(i, "number")
	return 0
}

// FiniteNumber is Number, rejecting NaN and infinities as CC:Tweaked does.
func (a Args) FiniteNumber(i int) float64 {
	f := a.Number(i)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		a.Error(i, "number expected, got "+map[bool]string{true: "nan", false: "inf"}[math.IsNaN(f)])
	}
	return f
}

// OptNumber is Number with a default for nil.
func (a Args) OptNumber(i int, def float64) float64 {
	if a.L.Get(i) == lua.LNil {
		return def
	}
	return a.Number(i)
}

// Int checks a number and truncates it toward zero.
func (a Args) Int(i int) int {
	return int(a.FiniteNumber(i))
}

// OptInt is Int with a default for nil.
func (a Args) OptInt(i int, def int) int {
	if a.L.Get(i) == lua.LNil {
		return def
	}
	return a.Int(i)
}

// String checks that argument i is a string.
func (a Args) String(i int) string {
	if s, ok := a.L.Get(i).(lua.LString); ok {
		return string(s)
	}
	a.TypeError(i, "string")
	return ""
}

// OptString is String with a default for nil.
func (a Args) OptString(i int, def string) string {
	if a.L.Get(i) == lua.LNil {
		return def
	}
	return a.String(i)
}

// StringOrNumber accepts a string or a number (as CraftOS text).
func (a Args) StringOrNumber(i int) string {
	switch v := a.L.Get(i).(type) {
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return FormatNumber(float64(v))
	}
	a.TypeError(i, "string or number")
	return ""
}

// Bool checks that argument i is a boolean.
func (a Args) Bool(i int) bool {
	if b, ok := a.L.Get(i).(lua.LBool); ok {
		return bool(b)
	}
	a.TypeError(i, "boolean")
	return false
}

// OptBool is Bool with a default for nil.
func (a Args) OptBool(i int, def bool) bool {
	if a.L.Get(i) == lua.LNil {
		return def
	}
	return a.Bool(i)
}

// Table checks that argument i is a table.
func (a Args) Table(i int) *lua.LTable {
	if t, ok := a.L.Get(i).(*lua.LTable); ok {
		return t
	}
	a.TypeError(i, "table")
	return nil
}

// OptTable is Table, returning nil for nil.
func (a Args) OptTable(i int) *lua.LTable {
	if a.L.Get(i) == lua.LNil {
		return nil
	}
	return a.Table(i)
}

// Function checks that argument i is a function.
func (a Args) Function(i int) *lua.LFunction {
	if f, ok := a.L.Get(i).(*lua.LFunction); ok {
		return f
	}
	a.TypeError(i, "function")
	return nil
}

// Return pushes values and returns their count, for "return a.Return(x, y)".
func (a Args) Return(vals ...lua.LValue) int {
	for _, v := range vals {
		a.L.Push(v)
	}
	return len(vals)
}

// Fail raises a Lua error carrying the caller's position.
func (a Args) Fail(format string, args ...any) {
	luaarg.Raise(a.L, format, args...)
}

// Aliases lets an API type give some functions extra Lua names
// (isColour/isColor), or names that do not follow the lowerCamel rule.
type Aliases interface {
	LuaAliases() map[string]string // alias -> Lua name of the method
}

var fnType = reflect.TypeOf(Fn(nil))

// Functions collects the native functions of an API value: every exported
// method of shape func(Args) int, named in Lua by lowering its first letter
// (StartTimer -> startTimer, GetURL -> getURL).
func Functions(api any) map[string]Fn {
	v := reflect.ValueOf(api)
	t := v.Type()
	fns := map[string]Fn{}
	for i := 0; i < t.NumMethod(); i++ {
		m := v.Method(i)
		if m.Type() != fnType {
			continue
		}
		fns[luaName(t.Method(i).Name)] = m.Interface().(Fn)
	}
	if al, ok := api.(Aliases); ok {
		for alias, name := range al.LuaAliases() {
			fn, ok := fns[name]
			if !ok {
				panic(fmt.Sprintf("vm: alias %s names no function %s", alias, name))
			}
			fns[alias] = fn
		}
	}
	return fns
}

func luaName(goName string) string {
	r, size := utf8.DecodeRuneInString(goName)
	return string(unicode.ToLower(r)) + goName[size:]
}

// Table builds a Lua table holding api's functions.
func (m *Machine) Table(api any) *lua.LTable {
	return m.Fill(m.L.NewTable(), api)
}

// Fill sets api's functions into an existing table and returns it.
func (m *Machine) Fill(t *lua.LTable, api any) *lua.LTable {
	for name, fn := range Functions(api) {
		fn := fn
		t.RawSetString(name, m.L.NewFunction(func(L *lua.LState) int { return fn(Args{L}) }))
	}
	return t
}

// Register sets a global API table built from api.
func (m *Machine) Register(name string, api any) *lua.LTable {
	t := m.Table(api)
	m.L.SetGlobal(name, t)
	return t
}

// method is one native function of a handle type, as a method expression.
type method[T any] struct {
	name string
	fn   func(T, Args) int
}

var methodCache sync.Map // reflect.Type -> []method[T]

func methodsOf[T any]() []method[T] {
	t := reflect.TypeFor[T]()
	if c, ok := methodCache.Load(t); ok {
		return c.([]method[T])
	}
	want := reflect.TypeOf(func(T, Args) int { return 0 })
	var ms []method[T]
	for i := 0; i < t.NumMethod(); i++ {
		f := t.Method(i).Func
		if f.Type() != want {
			continue
		}
		ms = append(ms, method[T]{luaName(t.Method(i).Name), f.Interface().(func(T, Args) int)})
	}
	methodCache.Store(t, ms)
	return ms
}

// HandleTable builds the table of a handle object (a request, a response,
// a socket): its Lua functions are the methods of shape func(Args) int,
// called with dot syntax as CraftOS handles are. They are bound on first
// use: the table holds only the object (in slot 1) and a metatable shared
// by every handle of the type, whose __index binds the method each time it
// is read. A request handler typically calls a third of its handles'
// functions once each; building every closure up front was most of the Lua
// thread's work per HTTP request, and storing the bound ones back into the
// table costs more (gopher-lua builds two maps) than it saves.
func HandleTable[T any](L *lua.LState, obj T) *lua.LTable {
	t := L.CreateTable(1, 0)
	ud := L.NewUserData()
	ud.Value = obj
	t.RawSetInt(1, ud)
	t.Metatable = handleMeta[T](L)
	return t
}

// HandleTableWith builds a handle table holding the named methods at once
// (for handles whose functions depend on their state, like a file's mode).
func HandleTableWith[T any](L *lua.LState, obj T, names []string) *lua.LTable {
	byName := methodMap[T]()
	t := L.CreateTable(0, len(names))
	for _, name := range names {
		fn, ok := byName[name]
		if !ok {
			panic(fmt.Sprintf("vm: %T has no Lua method %s", obj, name))
		}
		t.RawSetString(name, bind(L, fn, obj))
	}
	return t
}

func bind[T any](L *lua.LState, fn func(T, Args) int, obj T) *lua.LFunction {
	return L.NewFunction(func(L *lua.LState) int { return fn(obj, Args{L}) })
}

func methodMap[T any]() map[string]func(T, Args) int {
	ms := methodsOf[T]()
	byName := make(map[string]func(T, Args) int, len(ms))
	for _, m := range ms {
		byName[m.name] = m.fn
	}
	return byName
}

// handleKeys holds each handle type's registry key, built once: a
// request handler builds two handles per request.
var handleKeys sync.Map // reflect.Type -> string

func handleKey[T any]() string {
	t := reflect.TypeFor[T]()
	if k, ok := handleKeys.Load(t); ok {
		return k.(string)
	}
	k := "craftos.handle:" + t.String()
	handleKeys.Store(t, k)
	return k
}

// handleMeta is the metatable shared by the handles of type T in one Lua
// state, kept in its registry.
func handleMeta[T any](L *lua.LState) *lua.LTable {
	key := handleKey[T]()
	if mt, ok := L.G.Registry.RawGetString(key).(*lua.LTable); ok {
		return mt
	}
	byName := methodMap[T]()
	mt := L.NewTable()
	mt.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		t, _ := L.Get(1).(*lua.LTable)
		name, _ := L.Get(2).(lua.LString)
		fn, ok := byName[string(name)]
		if t == nil || !ok {
			L.Push(lua.LNil)
			return 1
		}
		ud, _ := t.RawGetInt(1).(*lua.LUserData)
		obj, ok := ud.Value.(T)
		if !ok {
			L.Push(lua.LNil)
			return 1
		}
		L.Push(bind(L, fn, obj))
		return 1
	}))
	L.G.Registry.RawSetString(key, mt)
	return mt
}

// Valuer is a Go value that knows its Lua form (a handle, a request). Event
// sources put such values in events; they are built when delivered.
type Valuer interface {
	LuaValue(L *lua.LState) lua.LValue
}

// ToLua converts plain Go data to a Lua value.
func ToLua(L *lua.LState, v any) lua.LValue {
	switch x := v.(type) {
	case nil:
		return lua.LNil
	case lua.LValue:
		return x
	case Valuer:
		return x.LuaValue(L)
	case string:
		return lua.LString(x)
	case []byte:
		return lua.LString(x)
	case bool:
		return lua.LBool(x)
	case int:
		return lua.LNumber(x)
	case int64:
		return lua.LNumber(x)
	case float64:
		return lua.LNumber(x)
	case map[string]string:
		t := L.CreateTable(0, len(x))
		for k, val := range x {
			t.RawSetString(k, lua.LString(val))
		}
		return t
	case []string:
		t := L.CreateTable(len(x), 0)
		for i, s := range x {
			t.RawSetInt(i+1, lua.LString(s))
		}
		return t
	}
	panic(fmt.Sprintf("vm: no Lua form for %T", v))
}
