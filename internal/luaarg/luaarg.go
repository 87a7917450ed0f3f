// Package luaarg raises Lua's argument errors, in one place for the whole
// computer: PUC Lua 5.2's lauxlib texts for the standard library
// (bad argument #1 to 'insert' (table expected, got number)) and
// CraftOS's for native APIs, which name no function
// (bad argument #1 (number expected, got string)).
package luaarg

import (
	"fmt"
	"strconv"

	lua "github.com/yuin/gopher-lua"
)

// Where is luaL_where: "chunk:line: " of the function at the given level
// of the call stack (0 is the running Go function, 1 its caller), or ""
// when that function is a Go function.
func Where(L *lua.LState, level int) string {
	dbg, ok := L.GetStack(level)
	if !ok {
		return ""
	}
	if _, err := L.GetInfo("Sl", dbg, lua.LNil); err != nil || dbg.CurrentLine <= 0 {
		return ""
	}
	return dbg.Source + ":" + strconv.Itoa(dbg.CurrentLine) + ": "
}

// Raise is luaL_error: it raises the message with the position of the Lua
// function that called the running Go function, and no position when that
// caller is a Go function too (pcall(f, ...) calling f directly).
// gopher-lua's RaiseError would instead name the nearest Lua frame. With
// no args, format is the message as it is.
func Raise(L *lua.LState, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	RaiseText(L, msg)
}

// RaiseText is Raise with a message that is not a format.
func RaiseText(L *lua.LState, msg string) {
	L.Error(lua.LString(Where(L, 1)+msg), 0)
}

// ArgError is luaL_argerror: "bad argument #n to 'name' (msg)", where name
// is the one the running function was called by (a local's, a field's),
// else fname; a method call does not count self, and an error in self
// itself is "calling 'name' on bad self (msg)". An empty fname is
// CraftOS's text for native APIs, "bad argument #n (msg)", which names no
// function and counts every argument.
func ArgError(L *lua.LState, n int, fname, msg string) {
	if fname == "" {
		RaiseText(L, "bad argument #"+strconv.Itoa(n)+" ("+msg+")")
	}
	name := calledName(L, fname)
	if name != fname && calledAsMethod(L, name) {
		n-- // do not count self
		if n == 0 {
			RaiseText(L, "calling '"+name+"' on bad self ("+msg+")")
		}
	}
	RaiseText(L, "bad argument #"+strconv.Itoa(n)+" to '"+name+"' ("+msg+")")
}

// calledName is the name the running function was called by, else def:
// PUC takes the name from the calling instruction and falls back to the
// function's qualified global name (pushglobalfuncname), which def is.
func calledName(L *lua.LState, def string) string {
	if dbg, ok := L.GetStack(0); ok {
		if _, err := L.GetInfo("n", dbg, lua.LNil); err == nil {
			n := dbg.Name
			if n != "" && n != "?" && n != "(anonymous)" && n != "main chunk" && n[0] != '<' {
				return n
			}
		}
	}
	return def
}

// TypeName is the type "got X" in argument errors names: the string
// __name field of v's metatable (Lua 5.3 and CraftOS), else type(v).
func TypeName(L *lua.LState, v lua.LValue) string { return L.TypeNameOf(v) }

// TypeError is luaL_typerror: "expected expected, got T", where T is
// "no value" for an absent argument.
func TypeError(L *lua.LState, n int, fname, expected string) {
	got := "no value"
	if n <= L.GetTop() {
		got = TypeName(L, L.Get(n))
	}
	ArgError(L, n, fname, expected+" expected, got "+got)
}
