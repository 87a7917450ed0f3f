package vm

import (
	"testing"
)

// load keeps the chunk name it was given on every function of the chunk,
// for debug.getinfo's source (PUC keeps it unchanged: "name", "=name",
// "@file"); error positions use short_src, as lua5.2 prints them.
func TestChunkName(t *testing.T) {
	tm := newTestMachine(t, Options{})
	for _, name := range []string{"name", "=name", "@name.lua", "line1\nline2"} {
		fn, err := tm.Load("local function f() return function() end end", name)
		if err != nil {
			t.Fatal(err)
		}
		p := fn.Proto
		if p.ChunkName != name || p.FunctionPrototypes[0].ChunkName != name || p.FunctionPrototypes[0].FunctionPrototypes[0].ChunkName != name {
			t.Errorf("chunk %q: ChunkName %q", name, p.ChunkName)
		}
	}
	// Positions as lua5.2 (5.2.4) prints them.
	runCases(t, []luaCase{{name: "short_src in errors", src: `
print(select(2, pcall(load("local x; x()", "name"))))
print(select(2, pcall(load("local x; x()", "=name"))))
print(select(2, pcall(load("local x; x()", "@name.lua"))))
print(select(2, pcall(load("error('e')", "line1\nline2"))))
print(select(2, pcall(load("error('e')", string.rep("x", 80)))))
print(select(2, pcall(load("error('e')", "@" .. string.rep("y", 80)))))
print(select(2, pcall(load("error('e')", "=" .. string.rep("z", 80)))))
print(select(2, pcall(load("error('e')"))))`,
		want: `[string "name"]:1: attempt to call local 'x' (a nil value)
name:1: attempt to call local 'x' (a nil value)
name.lua:1: attempt to call local 'x' (a nil value)
[string "line1..."]:1: e
[string "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..."]:1: e
...yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy:1: e
zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz:1: e
[string "error('e')"]:1: e
`}})
}
