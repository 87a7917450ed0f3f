package term

import (
	"context"
	iofs "io/fs"
	"time"
	"unicode"

	"github.com/gdamore/tcell/v2"
	lua "github.com/yuin/gopher-lua"
)

// DefaultKeys are CC:Tweaked's key codes (GLFW's), as our rom/apis/keys.lua
// has them; used for names the booted ROM's keys API lacks.
var DefaultKeys = map[string]int{
	"space": 32, "apostrophe": 39, "comma": 44, "minus": 45, "period": 46, "slash": 47,
	"semicolon": 59, "equals": 61, "leftBracket": 91, "backslash": 92, "rightBracket": 93,
	"grave": 96, "enter": 257, "tab": 258, "backspace": 259, "insert": 260, "delete": 261,
	"right": 262, "left": 263, "down": 264, "up": 265, "pageUp": 266, "pageDown": 267,
	"home": 268, "end": 269, "capsLock": 280, "scrollLock": 281, "numLock": 282,
	"printScreen": 283, "pause": 284, "numPadEnter": 335,
	"leftShift": 340, "leftCtrl": 341, "leftAlt": 342, "leftSuper": 343,
	"rightShift": 344, "rightCtrl": 345, "rightAlt": 346, "menu": 348,
}

func init() {
	for i, d := range digitNames {
		DefaultKeys[d] = 48 + i
	}
	for c := 'a'; c <= 'z'; c++ {
		DefaultKeys[string(c)] = int(c - 32)
	}
	for n := 1; n <= 25; n++ {
		DefaultKeys["f"+itoa(n)] = 289 + n
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

var digitNames = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// runeKeys names the key a character is typed with on a US keyboard.
var runeKeys = map[rune]string{
	' ': "space", '\'': "apostrophe", '"': "apostrophe", ',': "comma", '<': "comma",
	'-': "minus", '_': "minus", '.': "period", '>': "period", '/': "slash", '?': "slash",
	';': "semicolon", ':': "semicolon", '=': "equals", '+': "equals",
	'[': "leftBracket", '{': "leftBracket", '\\': "backslash", '|': "backslash",
	']': "rightBracket", '}': "rightBracket", '`': "grave", '~': "grave",
	'!': "one", '@': "two", '#': "three", '$': "four", '%': "five", '^': "six",
	'&': "seven", '*': "eight", '(': "nine", ')': "zero",
}

// specialKeys names tcell's special keys.
var specialKeys = map[tcell.Key]string{
	tcell.KeyEnter: "enter", tcell.KeyLF: "enter", tcell.KeyTab: "tab", tcell.KeyBacktab: "tab",
	tcell.KeyBackspace: "backspace", tcell.KeyBackspace2: "backspace",
	tcell.KeyInsert: "insert", tcell.KeyDelete: "delete",
	tcell.KeyRight: "right", tcell.KeyLeft: "left", tcell.KeyDown: "down", tcell.KeyUp: "up",
	tcell.KeyPgUp: "pageUp", tcell.KeyPgDn: "pageDown", tcell.KeyHome: "home", tcell.KeyEnd: "end",
	tcell.KeyCapsLock: "capsLock", tcell.KeyScrollLock: "scrollLock", tcell.KeyNumLock: "numLock",
	tcell.KeyPrint: "printScreen", tcell.KeyPause: "pause", tcell.KeyMenu: "menu",
}

// keyPress is what one terminal key event means to CraftOS: the keys API
// name of the key, the character typed (a Latin-1 byte, "" for none) and
// the modifiers held.
type keyPress struct {
	Name      string
	Char      string
	Ctrl, Alt bool
}

func pressOf(ev *tcell.EventKey) keyPress {
	k, mod := ev.Key(), ev.Modifiers()
	p := keyPress{Ctrl: mod&tcell.ModCtrl != 0, Alt: mod&tcell.ModAlt != 0}
	if name, ok := specialKeys[k]; ok {
		p.Name = name
		return p
	}
	if k >= tcell.KeyF1 && k <= tcell.KeyF25 {
		p.Name = "f" + itoa(int(k-tcell.KeyF1)+1)
		return p
	}
	if k >= tcell.KeyCtrlA && k <= tcell.KeyCtrlZ {
		p.Ctrl = true
		p.Name = string(rune('a' + k - tcell.KeyCtrlA))
		return p
	}
	if k != tcell.KeyRune {
		return p
	}
	r := ev.Rune()
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		p.Name = string(unicode.ToLower(r))
	case r >= '0' && r <= '9':
		p.Name = digitNames[r-'0']
	default:
		p.Name = runeKeys[r]
	}
	if c, ok := charByte(r); ok && !p.Ctrl && !p.Alt {
		p.Char = string([]byte{c})
	}
	return p
}

// LoadKeyCodes runs a ROM's apis/keys.lua in a scratch Lua state that has
// only pure functions (no io, os, debug, package or file loading: the ROM may
// be a user's folder and must not reach the host) and returns its key names
// and codes, so the events we send match the keys
// API the booted ROM has. Nil when it cannot be run.
func LoadKeyCodes(rom iofs.FS) map[string]int {
	if rom == nil {
		return nil
	}
	src, err := iofs.ReadFile(rom, "apis/keys.lua")
	if err != nil {
		return nil
	}
	L := pureState()
	defer L.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	L.SetContext(ctx)
	// The ROM's helpers it may load: only expect's shape matters.
	L.SetGlobal("dofile", L.NewFunction(func(L *lua.LState) int {
		t := L.NewTable()
		t.RawSetString("expect", L.NewFunction(func(L *lua.LState) int { return 0 }))
		L.Push(t)
		return 1
	}))
	fn, err := L.LoadString(string(src))
	if err != nil {
		return nil
	}
	env := L.NewTable()
	env.RawSetString("_ENV", env)
	meta := L.NewTable()
	meta.RawSetString("__index", L.G.Global)
	L.SetMetatable(env, meta)
	fn.Env = env
	L.Push(fn)
	if err := L.PCall(0, 0, nil); err != nil {
		return nil
	}
	codes := map[string]int{}
	env.ForEach(func(k, v lua.LValue) {
		name, ok1 := k.(lua.LString)
		code, ok2 := v.(lua.LNumber)
		if ok1 && ok2 {
			codes[string(name)] = int(code)
		}
	})
	if len(codes) == 0 {
		return nil
	}
	return codes
}

// pureState is a Lua state with the base, string, table and math libraries
// less everything that reaches the host or loads code.
func pureState() *lua.LState {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{{lua.BaseLibName, lua.OpenBase}, {lua.StringLibName, lua.OpenString}, {lua.TabLibName, lua.OpenTable}, {lua.MathLibName, lua.OpenMath}} {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	for _, name := range []string{"dofile", "loadfile", "load", "loadstring", "require", "module", "print", "collectgarbage", "getfenv", "setfenv", "_printregs", "newproxy"} {
		L.SetGlobal(name, lua.LNil)
	}
	return L
}
