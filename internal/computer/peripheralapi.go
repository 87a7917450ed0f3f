package computer

import (
	"slices"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/vm"
)

// peripheralAPI is CC:Tweaked's native peripheral API (PeripheralAPI.java)
// over the computer's registry; the ROM's peripheral.lua wraps it. Besides
// the sides, any name CraftOS-PC's periphemu attached to is present, and
// getNames lists them all.
type peripheralAPI struct{ p *peripherals }

// IsPresent is true when something is attached under the name.
func (api peripheralAPI) IsPresent(a vm.Args) int {
	return a.Return(lua.LBool(api.p.get(a.String(1)) != nil))
}

// GetType returns the device's types, nothing when none is attached.
func (api peripheralAPI) GetType(a vm.Args) int {
	at := api.p.get(a.String(1))
	if at == nil {
		return 0
	}
	types := at.dev.Types()
	for _, t := range types {
		a.L.Push(lua.LString(t))
	}
	return len(types)
}

// HasType is whether the device has the type; nothing when none is
// attached.
func (api peripheralAPI) HasType(a vm.Args) int {
	at := api.p.get(a.String(1))
	ty := a.String(2)
	if at == nil {
		return 0
	}
	return a.Return(lua.LBool(slices.Contains(at.dev.Types(), ty)))
}

// GetMethods lists the device's method names (sorted); nothing when none
// is attached.
func (api peripheralAPI) GetMethods(a vm.Args) int {
	at := api.p.get(a.String(1))
	if at == nil {
		return 0
	}
	return a.Return(vm.ToLua(a.L, at.names))
}

// Call calls a method with the arguments after its name: the method sees
// them from 1, so its errors read "bad argument #1 (...)" for its own first
// argument, as CC:Tweaked drops the side and the method name.
func (api peripheralAPI) Call(a vm.Args) int {
	name, method := a.String(1), a.String(2)
	at := api.p.get(name)
	if at == nil {
		a.Fail("No peripheral attached")
	}
	defer relevel(a.L)
	fn, ok := at.methods[method]
	if !ok {
		a.Fail("No such method %s", method)
	}
	a.L.Remove(1)
	a.L.Remove(1)
	return fn(a)
}

// relevel moves a method's error one level out, as CC:Tweaked's
// PeripheralAPI.call raises it at level+1: the position is where the ROM's
// peripheral.call (or a wrapped method) was called from, not the ROM line
// that called the native. Errors carrying no position stay as they are.
func relevel(L *lua.LState) {
	r := recover()
	if r == nil {
		return
	}
	if e, ok := r.(*lua.ApiError); ok {
		if msg, ok := e.Object.(lua.LString); ok {
			if at := luaarg.Where(L, 1); at != "" && strings.HasPrefix(string(msg), at) {
				L.Error(lua.LString(luaarg.Where(L, 2)+string(msg)[len(at):]), 0)
			}
		}
	}
	panic(r)
}

// GetNames lists every attached name: the sides in CC:Tweaked's order
// (bottom, top, back, front, right, left), then the other names sorted.
func (api peripheralAPI) GetNames(a vm.Args) int {
	return a.Return(vm.ToLua(a.L, api.p.names()))
}

// periphemuAPI is CraftOS-PC's periphemu: devices attached and removed
// from Lua.
type periphemuAPI struct {
	p     *peripherals
	types map[string]peripheral.Factory
}

// Create attaches a new device of a type: true, or false and why. A
// number for the side (or a string of digits) names it TYPE_N, as
// CraftOS-PC does ("monitor_2"); a third argument goes to the device.
func (api periphemuAPI) Create(a vm.Args) int {
	var name string
	switch v := a.Value(1).(type) {
	case lua.LString:
		name = string(v)
	case lua.LNumber:
		name = strconv.FormatInt(int64(v), 10)
	default:
		a.TypeError(1, "string or number")
	}
	ty := a.String(2)
	if isDigits(name) {
		name = ty + "_" + name
	}
	var arg any
	if a.N() >= 3 {
		arg = goValue(a.Value(3))
	}
	if a.N() >= 4 {
		// Several (CraftOS-PC's monitor width and height) come as a list.
		list := make([]any, 0, a.N()-2)
		for i := 3; i <= a.N(); i++ {
			list = append(list, goValue(a.Value(i)))
		}
		arg = list
	}
	if api.p.get(name) != nil {
		return a.Return(lua.LFalse, lua.LString("Peripheral already attached on side "+canonical(name)))
	}
	factory, ok := api.types[ty]
	if !ok {
		return a.Return(lua.LFalse, lua.LString("No peripheral named "+ty))
	}
	dev, err := factory(arg)
	if err != nil {
		return a.Return(lua.LFalse, lua.LString(err.Error()))
	}
	if !api.p.attach(name, dev) {
		return a.Return(lua.LFalse, lua.LString("Peripheral already attached on side "+canonical(name)))
	}
	return a.Return(lua.LTrue)
}

// Remove detaches the device under a name; false when there is none.
func (api periphemuAPI) Remove(a vm.Args) int {
	return a.Return(lua.LBool(api.p.detach(a.String(1))))
}

// Names lists the types Create knows, sorted.
func (api periphemuAPI) Names(a vm.Args) int {
	names := make([]string, 0, len(api.types))
	for name := range api.types {
		names = append(names, name)
	}
	slices.Sort(names)
	return a.Return(vm.ToLua(a.L, names))
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// goValue is a factory's argument as Go data: a string, a float64, a bool,
// nil, or the Lua value itself for anything else.
func goValue(v lua.LValue) any {
	switch v := v.(type) {
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return float64(v)
	case lua.LBool:
		return bool(v)
	case *lua.LNilType:
		return nil
	}
	return v
}
