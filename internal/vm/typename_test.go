package vm

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

type nameAPI struct{}

func (nameAPI) Take(a Args) int { return a.Return(lua.LString(a.String(1))) }

// A string __name in a value's metatable names its type in "got X" and in
// tostring, as Lua 5.3 and CraftOS (expected texts measured with lua5.3;
// lua5.2 ignores __name).
func TestTypeNameHonoursName(t *testing.T) {
	const obj = `local obj = setmetatable({}, {__name = "MyType"})
local function msg(...) return (select(2, pcall(...)):match("%([%w ]+ expected, got %w+%)$")) end
`
	cases := []luaCase{
		{name: "vm.Args", src: obj + `print(msg(names.take, obj))`, want: "(string expected, got MyType)\n"},
		{name: "vm typeError", src: obj + `print(msg(coroutine.create, obj))`, want: "(function expected, got MyType)\n"},
		{name: "lstring", src: obj + `print(msg(string.rep, obj, 1))`, want: "(string expected, got MyType)\n"},
		{name: "gopher-lua TypeError", src: obj + `print(msg(string.byte, obj))`, want: "(string expected, got MyType)\n"},
		{name: "__metatable does not hide it", src: `local o = setmetatable({}, {__metatable = "locked", __name = "Hidden"})
print((select(2, pcall(string.rep, o, 1)):match("%([%w ]+ expected, got %w+%)$")))`, want: "(string expected, got Hidden)\n"},
		{name: "not a string", src: `print((select(2, pcall(string.rep, setmetatable({}, {__name = 5}), 1)):match("%([%w ]+ expected, got %w+%)$")))`,
			want: "(string expected, got table)\n"},
		{name: "tostring", src: obj + `print((tostring(obj):gsub("0x%x+", "ADDR")), (string.format("%s", obj):gsub("0x%x+", "ADDR")))`,
			want: "MyType: ADDR\tMyType: ADDR\n"},
		{name: "print", src: obj + `print(obj ~= nil and (tostring(obj):match("^MyType: ") ~= nil))`, want: "true\n"},
		{name: "__tostring wins", src: `print(tostring(setmetatable({}, {__name = "N", __tostring = function() return "custom" end})))`,
			want: "custom\n"},
		{name: "type() is unchanged", src: obj + `print(type(obj), tostring(setmetatable({}, {__name = 5})):match("^%a+"))`,
			want: "table\ttable\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tm := newTestMachine(t, Options{})
			tm.Register("names", nameAPI{})
			if err := tm.run(c.src); err != nil {
				t.Fatal(err)
			}
			if got := tm.output(); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}
