package vm

import (
	"runtime"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// A table whose keys come and go (a session table, a queue) stays as large
// as what it holds: gopher-lua listed every key it ever had, forever.
func TestTableKeysThatComeAndGoAreForgotten(t *testing.T) {
	L := lua.NewState()
	defer L.Close()
	tb := L.NewTable()
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	for i := 0; i < 1_000_000; i++ {
		tb.RawSetString("session"+itoa(i), lua.LNumber(i))
		tb.RawSetString("session"+itoa(i-5), lua.LNil)
		tb.RawSetInt(1_000_000+i, lua.LTrue) // far past the array: hash keys
		tb.RawSetInt(1_000_000+i-5, lua.LNil)
	}
	grew := int64(heap()) - int64(before)
	n := 0
	for k, _ := tb.Next(lua.LNil); k != lua.LNil; k, _ = tb.Next(k) {
		n++
	}
	if n != 10 {
		t.Fatalf("%d live keys, want 10", n)
	}
	if grew > 8<<20 {
		t.Fatalf("the table holds 10 keys but the heap grew %d MB", grew>>20)
	}
	runtime.KeepAlive(tb)
}

func itoa(i int) string { return lua.LNumber(i).String() }
