package lstring

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// Typical workloads: parsing lines, substitution, and formatting.
var benchWorkloads = map[string]string{
	"find": `
local s = "the quick brown fox jumps over the lazy dog key=value 12345"
local f = string.find
for i = 1, 200 do
  f(s, "(%w+)=(%w+)")
  f(s, "lazy", 1, true)
  f(s, "%d+$")
  f(s, "^the%s+(%a+)")
  string.match(s, "fox%s+(%a+)")
end`,
	"gsub": `
local s = "the quick brown fox jumps over the lazy dog key=value 12345"
local g = string.gsub
for i = 1, 100 do
  g(s, "%w+", "<%0>")
  g(s, "o", {o = "0"})
  g(s, "(%w+)=(%w+)", "%2=%1")
  g(s, "%s+", " ")
  for w in string.gmatch(s, "%a+") do end
end`,
	"format": `
local f = string.format
for i = 1, 200 do
  f("%d %5.2f %s %x", i, i / 3, "abc", i)
  f("%-10s|%5d", "name", i)
  f("%q", "a\nb\"c")
  f("%g %s", i * 1.5, "x")
end`,
}

func benchState(b *testing.B, ours bool, code string) (*lua.LState, *lua.LFunction) {
	L := lua.NewState()
	if ours {
		Open(L, func(*lua.LState) {})
	}
	fn, err := L.LoadString(code)
	if err != nil {
		b.Fatal(err)
	}
	return L, fn
}

func benchRun(b *testing.B, ours bool, code string) {
	L, fn := benchState(b, ours, code)
	defer L.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		L.Push(fn)
		if err := L.PCall(0, 0, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStrings(b *testing.B) {
	for _, name := range []string{"find", "gsub", "format"} {
		code := benchWorkloads[name]
		b.Run(name+"/gopherlua", func(b *testing.B) { benchRun(b, false, code) })
		b.Run(name+"/lstring", func(b *testing.B) { benchRun(b, true, code) })
	}
}
