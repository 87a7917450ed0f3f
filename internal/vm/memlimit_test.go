package vm

import (
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const testMemLimit = 64 << 20

// A program that grows a table without bound gets "not enough memory",
// which pcall catches, and the computer goes on working (and can run out
// and recover again); the process's resident memory stays within a few
// times the limit.
func TestMemoryLimitGrowingTable(t *testing.T) {
	for _, c := range []struct {
		name, grow string
		rounds     int
	}{
		{"tables", "t[#t + 1] = {}", 2},
		{"numbers", "t[i] = i", 1}, // the array part doubles: large single allocations
		{"hash", `t["k" .. i] = true`, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The live heap is sampled while the program runs (the process's
			// RSS also holds what earlier tests left to the runtime).
			peak, stop := sampleHeap()
			tm := newTestMachine(t, Options{MemoryLimit: testMemLimit})
			start := time.Now()
			err := tm.run(`
				local function grow()
					local t = {}
					for i = 1, 1e12 do ` + c.grow + ` end
				end
				for round = 1, ` + strconv.Itoa(c.rounds) + ` do
					print(pcall(grow))
					local small = {}
					for i = 1, 1000 do small[i] = {i} end
					print(#small)
				end`)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Repeat("false\tnot enough memory\n1000\n", c.rounds)
			if got := tm.output(); got != want {
				t.Fatalf("output %q, want %q", got, want)
			}
			stop()
			t.Logf("stopped %d times in %v, peak heap %d MiB", c.rounds, time.Since(start).Round(time.Millisecond), peak()>>20)
			if p := peak(); p > 8*testMemLimit { // garbage not yet collected adds to it
				t.Errorf("peak heap %d MiB for a limit of %d MiB", p>>20, testMemLimit>>20)
			}
		})
	}
}

// Uncaught, it ends the coroutine with PUC's message, without a position.
func TestMemoryLimitUncaught(t *testing.T) {
	tm := newTestMachine(t, Options{MemoryLimit: testMemLimit})
	err := tm.run(`local t = {} while true do t[#t + 1] = {} end`)
	if err == nil || err.Error() != ErrNotEnoughMemory {
		t.Fatalf("error %v, want %q", err, ErrNotEnoughMemory)
	}
	if err := tm.run(`print("still here")`); err != nil || tm.output() != "still here\n" {
		t.Fatalf("the machine does not run after the error: %v", err)
	}
}

// Single allocations past the limit are refused before they are made.
func TestMemoryLimitSingleAllocations(t *testing.T) {
	tm := newTestMachine(t, Options{MemoryLimit: testMemLimit})
	const s = `local s = ("x"):rep(40 * 2^20) `
	for _, src := range []string{
		`string.rep("x", 2^31 - 1)`,
		`("x"):rep(2^30)`,
		`string.rep("abc", 2^30, ",")`,
		`string.rep(("x"):rep(1000), 2^31 - 1)`, // a terabyte
		s + `local t = s .. s`,
		s + `local t = "a" .. s .. "b" .. s`,
		s + `table.concat({s, s})`,
		s + `table.concat({s, 1, s}, ",")`,
		s + `string.format("%s%s", s, s)`,
		s + `string.format("%q%q", s, s)`,
		s + `string.gsub(s, "x", "yy")`,
		s + `string.gsub(s, "x", function() return "yy" end)`,
	} {
		before := heapLive()
		start := time.Now()
		if err := tm.run(`print(pcall(function() ` + src + ` end))`); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got, want := tm.output(), "false\tnot enough memory\n"; got != want {
			t.Errorf("%s: %q, want %q", src, got, want)
		}
		runtime.GC()
		if grew := int64(heapLive()) - int64(before); grew > 16<<20 {
			t.Errorf("%s: the live heap grew by %d MiB", src, grew>>20)
		}
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("%s: took %v", src, d)
		}
	}
}

// Below the limit, and with no limit, the same operations work.
func TestMemoryLimitAllowed(t *testing.T) {
	for _, limit := range []int64{0, testMemLimit} {
		tm := newTestMachine(t, Options{MemoryLimit: limit})
		err := tm.run(`
			local s = ("x"):rep(4 * 2^20)
			print(#(s .. s), #table.concat({s, s}, ","), #string.format("%s%s", s, s), #s:gsub("x", "yy"))
			print(("x"):rep(2^40), ("x"):rep(2^31)) -- luaL_checkint truncates these to 0 and -2^31, as lua5.2`)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := tm.output(), "8388608\t8388609\t8388608\t8388608\n\t\n"; got != want {
			t.Errorf("limit %d: %q, want %q", limit, got, want)
		}
	}
}

// The sampler stops with the machine, and Go's soft limit is given back.
func TestMemoryLimitClose(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	goroutines := runtime.NumGoroutine()
	tm := newTestMachine(t, Options{MemoryLimit: testMemLimit})
	if got := debug.SetMemoryLimit(-1); got != testMemLimit+testMemLimit/4 {
		t.Errorf("soft limit %d while the machine runs, want %d", got, testMemLimit+testMemLimit/4)
	}
	tm.Close()
	if got := debug.SetMemoryLimit(-1); got != orig {
		t.Errorf("soft limit %d after Close, want %d", got, orig)
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines after Close, %d before", n, goroutines)
	}
}

// The memory limit's cost: its sampler reads the heap every 10 ms, and
// string results pass through CheckAlloc.
func BenchmarkMemoryLimit(b *testing.B) {
	const build = `
		for i = 1, ... do
			local s = ""
			for k = 1, 200 do s = s .. "x" .. k end
			local t = {}
			for k = 1, 200 do t[k] = ("y"):rep(k % 20) end
			s = table.concat(t, ",") .. s
		end`
	for _, limit := range []int64{0, 1 << 30} {
		name := "limit=off"
		if limit > 0 {
			name = "limit=1G"
		}
		b.Run("fib30/"+name, func(b *testing.B) { benchLua(b, Options{MemoryLimit: limit}, fibSrc) })
		b.Run("strings/"+name, func(b *testing.B) { benchLua(b, Options{MemoryLimit: limit}, build) })
	}
}

// sampleHeap records the largest heap in use (HeapAlloc) until stop.
func sampleHeap() (peak func() uint64, stop func()) {
	var max atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > max.Load() {
				max.Store(ms.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return max.Load, func() { close(done); <-finished }
}
