package vm

import (
	"context"
	"runtime"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// benchMachine runs src (a chunk taking N as its argument) b.N times' worth
// inside a host coroutine, as programs run.
func benchLua(b *testing.B, opts Options, src string) {
	m := New(context.Background(), opts)
	defer m.Close()
	fn, err := m.Load(src, "=bench")
	if err != nil {
		b.Fatal(err)
	}
	co, h := m.NewCoroutine(fn)
	b.ResetTimer()
	vals, ok := m.RunHost(co, []lua.LValue{lua.LNumber(b.N)})
	b.StopTimer()
	if !ok {
		b.Fatal(vals)
	}
	runtime.KeepAlive(h)
}

// One coroutine.resume + coroutine.yield round trip, as Lua sees it.
func BenchmarkResumeYield(b *testing.B) {
	benchLua(b, Options{}, `
		local n = ...
		local co = coroutine.create(function() while true do coroutine.yield() end end)
		local resume = coroutine.resume
		for i = 1, n do resume(co) end`)
}

// The same through coroutine.wrap, passing a value each way.
func BenchmarkResumeYieldWrap(b *testing.B) {
	benchLua(b, Options{}, `
		local n = ...
		local f = coroutine.wrap(function(x) while true do x = coroutine.yield(x) end end)
		for i = 1, n do f(i) end`)
}

// The Go hand-off alone: Machine.Resume of a coroutine that yields.
func BenchmarkResumeYieldGo(b *testing.B) {
	m := New(context.Background(), Options{})
	defer m.Close()
	fn, err := m.Load(`while true do coroutine.yield() end`, "=bench")
	if err != nil {
		b.Fatal(err)
	}
	co, h := m.NewCoroutine(fn)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := m.Resume(co, nil); !ok {
			b.Fatal("resume failed")
		}
	}
	b.StopTimer()
	runtime.KeepAlive(h)
}

// Creating a coroutine, resuming it once and dropping it suspended: the
// cost includes reaping its goroutine later.
func BenchmarkCoroutineCreateAbandon(b *testing.B) {
	benchLua(b, Options{}, `
		local n = ...
		local f = function() coroutine.yield() end
		for i = 1, n do local co = coroutine.create(f) coroutine.resume(co) end`)
}

// Creating a coroutine and running it to its end (the worker goes back to
// the idle pool).
func BenchmarkCoroutineCreateFinish(b *testing.B) {
	benchLua(b, Options{}, `
		local n = ...
		local f = function() end
		for i = 1, n do local co = coroutine.create(f) coroutine.resume(co) end`)
}

const fibSrc = `
	local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
	for i = 1, ... do fib(30) end`

// Recursive fib(30), with the watchdog off and armed (its timer running for
// the whole call; the instruction hook is installed in both cases).
func BenchmarkFib30(b *testing.B) {
	b.Run("watchdog=off", func(b *testing.B) { benchLua(b, Options{}, fibSrc) })
	b.Run("watchdog=armed", func(b *testing.B) {
		benchLua(b, Options{Watchdog: time.Hour}, fibSrc)
	})
}

// pcall of a Lua function (it runs on a separate thread to keep upvalues).
func BenchmarkPCall(b *testing.B) {
	benchLua(b, Options{}, `
		local n = ...
		local f = function(x) return x end
		for i = 1, n do pcall(f, i) end`)
}
