package vm

import (
	"context"
	"strings"
	"sync"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

func TestPrecompiledChunksAreShared(t *testing.T) {
	src := "local n = ... return n * 2 -- precompile test " + t.Name()
	Precompile([]Chunk{{Name: "@/rom/test.lua", Source: src}, {Name: "=bad", Source: "x = = 1 -- " + t.Name()}})
	var wg sync.WaitGroup
	fns := make([]string, 4)
	for i := range fns {
		wg.Add(1)
		go func() { // machines on several goroutines share the prototype
			defer wg.Done()
			m := New(context.Background(), Options{})
			defer m.Close()
			fn, err := m.Load(src, "@/rom/test.lua")
			if err != nil {
				t.Error(err)
				return
			}
			m.L.Push(fn)
			m.L.Push(lua.LNumber(21))
			m.L.Call(1, 1)
			fns[i] = m.L.Get(-1).String()
			if p, err := sharedProto(src, "@/rom/test.lua"); err != nil || fn.Proto != p {
				t.Errorf("Load did not use the shared prototype (%v)", err)
			}
		}()
	}
	wg.Wait()
	if strings.Join(fns, ",") != "42,42,42,42" {
		t.Fatalf("got %v", fns)
	}
	m := New(context.Background(), Options{})
	defer m.Close()
	if _, err := m.Load("x = = 1 -- "+t.Name(), "=bad"); err == nil || err.Error() != "bad:1: unexpected symbol near '='" {
		t.Fatalf("cached syntax error: %v", err)
	}
	// The same source under another name, or an unregistered source, is
	// compiled on its own.
	fn, err := m.Load(src, "@other.lua")
	if err != nil || fn.Proto == mustShared(t, src, "@/rom/test.lua") || fn.Proto.SourceName != "other.lua" {
		t.Fatalf("another name shared the prototype: %v", err)
	}
	if p, _ := sharedProto("return 1", "=unregistered"); p != nil {
		t.Fatal("an unregistered chunk was cached")
	}
}

func mustShared(t *testing.T, src, name string) any {
	p, err := sharedProto(src, name)
	if p == nil || err != nil {
		t.Fatalf("not shared: %v", err)
	}
	return p
}
