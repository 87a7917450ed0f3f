package vm

import (
	"bytes"
	"context"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// A chunk from a compiled blob is decoded once and shared by every
// machine; another source under the same name, or another name, compiles
// from source.
func TestCompiledBlobIsUsedForItsSourceOnly(t *testing.T) {
	name := "@/rom/blobtest/" + t.Name() + ".lua"
	src := "x = 20 return x + 22"
	blob, err := BuildCompiled([]Chunk{{Name: name, Source: src}, {Name: "@/rom/blobtest/other.lua", Source: "return 1"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := UseCompiled(string(blob)); err != nil {
		t.Fatal(err)
	}
	if n, ok := CompiledSize(name); !ok || n != len(src) {
		t.Fatalf("CompiledSize = %d, %v", n, ok)
	}
	load := func(src, name string) (*lua.FunctionProto, string) {
		m := New(context.Background(), Options{})
		defer m.Close()
		fn, err := m.Load(src, name)
		if err != nil {
			t.Fatal(err)
		}
		m.L.Push(fn)
		m.L.Call(0, 1)
		return fn.Proto, m.L.Get(-1).String()
	}
	p1, v1 := load(src, name)
	p2, v2 := load(src, name)
	if p1 != p2 || v1 != "42" || v2 != "42" {
		t.Fatalf("not shared or wrong: %p %p %s %s", p1, p2, v1, v2)
	}
	if p1 != compiledProto(src, name) || p1.ChunkName != name || p1.SourceName != DisplayName(name) {
		t.Fatalf("not the blob's prototype: %q %q", p1.ChunkName, p1.SourceName)
	}
	// Same length, other text: the blob's checksum tells them apart.
	edited := "x = 20 return x + 23"
	if p, v := load(edited, name); p == p1 || v != "43" {
		t.Fatalf("an edited source used the blob (%s)", v)
	}
	if p, _ := load(src, "@elsewhere.lua"); p == p1 || p.ChunkName != "@elsewhere.lua" {
		t.Fatal("another chunk name used the blob")
	}
}

func TestCompiledBlobIsDeterministic(t *testing.T) {
	chunks := []Chunk{{Name: "@b.lua", Source: "local t = {a = 1, b = 2, [3] = 'c'} return t"}, {Name: "@a.lua", Source: "return ..."}}
	one, err := BuildCompiled(chunks)
	if err != nil {
		t.Fatal(err)
	}
	two, err := BuildCompiled([]Chunk{chunks[1], chunks[0]})
	if err != nil || !bytes.Equal(one, two) {
		t.Fatalf("two builds differ (%v)", err)
	}
	if _, err := BuildCompiled([]Chunk{{Name: "@bad.lua", Source: "x = = 1"}}); err == nil || !strings.Contains(err.Error(), "bad.lua:1:") {
		t.Fatalf("a syntax error built: %v", err)
	}
}

func TestMalformedBlobIsRefused(t *testing.T) {
	blob, err := BuildCompiled([]Chunk{{Name: "@/rom/blobtest/bad.lua", Source: "return 1"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "not a blob", string(blob[:len(blob)-1]), string(blob) + "x"} {
		if err := UseCompiled(bad); err == nil {
			t.Errorf("UseCompiled accepted %q", bad)
		}
	}
	if _, ok := CompiledSize("@/rom/blobtest/bad.lua"); ok {
		t.Fatal("a refused blob registered its chunks")
	}
}
