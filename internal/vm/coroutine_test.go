package vm

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

func TestCoroutineBasics(t *testing.T) {
	runCases(t, []luaCase{
		{name: "resume and yield pass values", src: `
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  return d + e, "end"
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))`, want: "start\t1\t2\ntrue\t3\nsuspended\ngot\t10\ntrue\t20\ntrue\t7\tend\ndead\nfalse\tcannot resume dead coroutine\n"},
		{name: "nil arguments and results are counted", src: `
local co = coroutine.create(function(...) print(select("#", ...)) print(select("#", coroutine.yield(nil, nil))) return nil end)
print(select("#", coroutine.resume(co, nil, nil, nil)))
print(select("#", coroutine.resume(co, nil)))`, want: "3\n3\n1\n2\n"},
		{name: "running and isyieldable", src: `
local co
co = coroutine.create(function()
  local r, main = coroutine.running()
  print(r == co, main, coroutine.isyieldable(), coroutine.status(co), type(r))
end)
coroutine.resume(co)
print(coroutine.isyieldable(), select(2, coroutine.running()))`, want: "true\tfalse\ttrue\trunning\tthread\ntrue\tfalse\n"},
		{name: "normal status and resuming a non-suspended coroutine", src: `
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    print("outer is", coroutine.status(outer))
    print(coroutine.resume(outer))
  end)
  print(coroutine.resume(inner))
  print(coroutine.resume(coroutine.running()))
end)
print(coroutine.resume(outer))`, want: "outer is\tnormal\nfalse\tcannot resume non-suspended coroutine\ntrue\nfalse\tcannot resume non-suspended coroutine\ntrue\n"},
		{name: "wrap", src: `
local gen = coroutine.wrap(function(a) for i = a, a + 2 do coroutine.yield(i) end return "done" end)
print(gen(5), gen(), gen(), gen())
print(pcall(gen))`, want: "5\t6\t7\tdone\nfalse\tcannot resume dead coroutine\n"},
		{name: "wrap propagates errors with position", src: `
local w = coroutine.wrap(function() error("wrapped") end)
print(pcall(function() w() end))
local w2 = coroutine.wrap(function() error({code = 7}) end)
local ok, e = pcall(w2) print(ok, type(e), e.code)`, want: "false\ttest:3: test:2: wrapped\nfalse\ttable\t7\n"},
		{name: "errors come back from resume", src: `
print(coroutine.resume(coroutine.create(function() error("oops") end)))
print(coroutine.resume(coroutine.create(function() local x = nil; return x.y end)))
local t = {}
local ok, e = coroutine.resume(coroutine.create(function() error(t) end)) print(ok, e == t)
local co = coroutine.create(function() coroutine.yield() error("later", 0) end)
coroutine.resume(co) print(coroutine.resume(co)) print(coroutine.status(co))`,
			want: "false\ttest:2: oops\nfalse\ttest:3: attempt to index local 'x' (a nil value)\nfalse\ttrue\nfalse\tlater\ndead\n"},
		{name: "argument errors", src: `
print(pcall(coroutine.resume, 1))
print(pcall(coroutine.create, 1))
print(pcall(coroutine.status, nil))
print(pcall(coroutine.wrap))`,
			want: "false\tbad argument #1 to 'resume' (coroutine expected, got number)\nfalse\tbad argument #1 to 'create' (function expected, got number)\nfalse\tbad argument #1 to 'status' (coroutine expected, got nil)\nfalse\tbad argument #1 to 'wrap' (function expected, got no value)\n"},
		{name: "deeply nested coroutines", src: `
local function nest(n)
  if n == 0 then return coroutine.yield("bottom") end
  local co = coroutine.create(nest)
  local ok, v = coroutine.resume(co, n - 1)
  return v
end
local co = coroutine.create(nest)
print(coroutine.resume(co, 50))`, want: "true\tbottom\n"},
	})
}

// collect is a driver that resumes a coroutine, feeding every yielded value
// back in, and lists what was yielded.
const collect = `
local function collect(f)
  local co = coroutine.create(f)
  local out = {}
  local ok, v = coroutine.resume(co)
  while coroutine.status(co) ~= "dead" do
    out[#out + 1] = tostring(v)
    ok, v = coroutine.resume(co, v)
  end
  out[#out + 1] = "ret=" .. tostring(v)
  if not ok then out[#out + 1] = "error" end
  return table.concat(out, ",")
end
local Y = coroutine.yield
local mt = {
  __index = function(t, k) return Y(k) end,
  __newindex = function(t, k, v) rawset(t, k, Y("ni")) end,
  __add = function(a, b) return Y("add") end,
  __lt = function(a, b) return Y("lt") end,
  __le = function(a, b) return Y("le") end,
  __eq = function() return Y("eq") end,
  __concat = function() return Y("cat") end,
  __call = function(self, x) return Y("call" .. x) end,
  __len = function() return Y("len") end,
  __unm = function() return Y("unm") end,
  __tostring = function() return Y("ts") end,
}
local obj, obj2 = setmetatable({}, mt), setmetatable({}, mt)
`

func TestYieldAcross(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"pcall", `return select(2, pcall(function() return Y(1) + Y(2) end))`, "1,2,ret=3"},
		{"pcall then error", `return select(2, pcall(function() Y(1) error("after", 0) end))`, "1,ret=after"},
		{"nested pcall", `return select(3, pcall(pcall, function() return Y("deep") end))`, "deep,ret=deep"},
		{"xpcall body and handler", `return select(2, xpcall(function() Y(1) error("x", 0) end, function(m) Y(2) return "h:" .. m end))`, "1,2,ret=h:x"},
		{"__index", `return obj.foo`, "foo,ret=foo"},
		{"__newindex", `obj.z = 1 return rawget(obj, "z")`, "ni,ret=ni"},
		{"__add", `return obj + 1`, "add,ret=add"},
		{"__lt", `return obj < obj2`, "lt,ret=true"},
		{"__le", `return obj <= obj2`, "le,ret=true"},
		{"__eq", `return obj == obj2`, "eq,ret=true"},
		{"__concat", `return obj .. "x"`, "cat,ret=cat"},
		{"__call", `return obj("!")`, "call!,ret=call!"},
		{"__len", `return #obj`, "len,ret=len"},
		{"__unm", `return -obj`, "unm,ret=unm"},
		{"__tostring", `return tostring(obj)`, "ts,ret=ts"},
		{"for iterator", `
			local function it(s, i) if i < 3 then Y("it" .. i) return i + 1 end end
			local s = 0
			for i in it, nil, 0 do s = s + i end
			return s`, "it0,it1,it2,ret=6"},
		{"pairs loop body", `local n = 0 for k, v in pairs({a = 1}) do n = n + Y(v) end return n`, "1,ret=1"},
		{"table.sort comparator", `
			local t = {3, 1, 2}
			table.sort(t, function(a, b) Y("cmp") return a < b end)
			return table.concat(t, " ")`, "cmp,cmp,ret=1 2 3"}, // PUC 5.2 sorts 3 elements in 2 comparisons
		{"string.gsub callback", `return (string.gsub("ab", ".", function(c) return Y(c) end))`, "a,b,ret=ab"},
		{"load reader", `local n = 0 local f = load(function() n = n + 1 Y("rd" .. n) if n == 1 then return "return 5" end end) return f()`, "rd1,rd2,ret=5"},
		{"Go function calling Lua", `return gocall(function(x) return Y(x) * 2 end, 21)`, "21,ret=42"},
		{"Go function yielding from Go", `return goyield("native") .. "!"`, "native,ret=native!"},
		{"Go yield under pcall under metamethod", `
			local o = setmetatable({}, {__index = function(_, k) return select(2, pcall(goyield, k)) end})
			return o.key`, "key,ret=key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tm := newTestMachine(t, Options{})
			installGoHelpers(tm)
			err := tm.run(collect + "print(collect(function() " + c.body + " end))")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(tm.output()); got != c.want {
				t.Fatalf("got %s, want %s", got, c.want)
			}
		})
	}
}

// installGoHelpers adds gocall(f, ...) (a Go function calling Lua) and
// goyield(...) (a Go function that waits by yielding, as natives do).
func installGoHelpers(tm *testMachine) {
	tm.L.SetGlobal("gocall", tm.L.NewFunction(func(L *lua.LState) int {
		n := L.GetTop()
		L.Call(n-1, lua.MultRet)
		return L.GetTop()
	}))
	tm.L.SetGlobal("goyield", tm.L.NewFunction(func(L *lua.LState) int {
		vals := tm.Yield(L, args(L, 1))
		for _, v := range vals {
			L.Push(v)
		}
		return len(vals)
	}))
}

func TestYieldOutsideCoroutine(t *testing.T) {
	tm := newTestMachine(t, Options{})
	// Directly on the main thread, not inside any coroutine.
	err := tm.L.DoString(`print(coroutine.isyieldable()) print(pcall(coroutine.yield, 1))`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tm.output(), "false\nfalse\tattempt to yield from outside a coroutine\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// A host resume gets the values of a top-level yield; the next RunHost
// continues the coroutine with the event's values.
func TestHostResume(t *testing.T) {
	tm := newTestMachine(t, Options{})
	fn, err := tm.Load(`local ev, a = coroutine.yield("filter") print(ev, a) return "done"`, "=host")
	if err != nil {
		t.Fatal(err)
	}
	co, h := tm.NewCoroutine(fn)
	vals, ok := tm.RunHost(co, nil)
	if !ok || len(vals) != 1 || vals[0].String() != "filter" || co.Status() != Suspended {
		t.Fatalf("first resume: %v %v %v", vals, ok, co.Status())
	}
	vals, ok = tm.RunHost(co, []lua.LValue{lua.LString("timer"), lua.LNumber(3)})
	if !ok || len(vals) != 1 || vals[0].String() != "done" || co.Status() != Dead {
		t.Fatalf("second resume: %v %v %v", vals, ok, co.Status())
	}
	if got := tm.output(); got != "timer\t3\n" {
		t.Fatalf("output %q", got)
	}
	runtime.KeepAlive(h)
}

// 100,000 coroutines resumed once and left suspended must not leave their
// goroutines behind once Lua has dropped them.
func TestAbandonedCoroutinesDoNotLeak(t *testing.T) {
	n := 100000
	if raceEnabled {
		n = 10000
	}
	settleGoroutines()
	base := runtime.NumGoroutine()
	tm := newTestMachine(t, Options{})
	peak := 0
	tm.L.SetGlobal("probe", tm.L.NewFunction(func(L *lua.LState) int {
		peak = max(peak, runtime.NumGoroutine())
		return 0
	}))
	tm.L.SetGlobal("N", lua.LNumber(n))
	err := tm.run(`
		local started = 0
		for i = 1, N do
			local co = coroutine.create(function() started = started + 1 coroutine.yield() error("never resumed again") end)
			assert(coroutine.resume(co))
			if i % 1000 == 0 then probe() end
		end
		print(started)`)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(tm.output()); got != strings.TrimSpace(lua.LNumber(n).String()) {
		t.Fatalf("started %s coroutines, want %d", got, n)
	}
	t.Logf("%d coroutines: peak %d goroutines (base %d)", n, peak, base)
	if peak > base+n/2 {
		t.Errorf("peak of %d goroutines: coroutines were not reaped while the program ran", peak)
	}
	limit := base + maxIdleWorkers + 8
	if !waitFor(20*time.Second, func() bool {
		runtime.GC()
		tm.reapCollected() // as the next host resume or coroutine.create does
		return runtime.NumGoroutine() <= limit
	}) {
		t.Fatalf("%d goroutines after collecting, want at most %d (base %d)", runtime.NumGoroutine(), limit, base)
	}
	tm.Close()
	if !waitFor(5*time.Second, func() bool { return runtime.NumGoroutine() <= base }) {
		t.Fatalf("%d goroutines after Close, want %d", runtime.NumGoroutine(), base)
	}
}

// A reaped coroutine is unwound through its pcalls: the code after them
// never runs, and the machine carries on.
func TestReapUnwindsThroughPCall(t *testing.T) {
	tm := newTestMachine(t, Options{})
	err := tm.run(`
		ran_after = false
		do
			local co = coroutine.create(function()
				pcall(function() while true do coroutine.yield() end end)
				ran_after = true
			end)
			coroutine.resume(co)
		end`)
	if err != nil {
		t.Fatal(err)
	}
	if !waitFor(10*time.Second, func() bool {
		runtime.GC()
		tm.reapCollected()
		tm.mu.Lock()
		defer tm.mu.Unlock()
		return len(tm.live) == 0
	}) {
		t.Fatal("the abandoned coroutine was not reaped")
	}
	if err := tm.run(`print(ran_after, pcall(error, "still works"))`); err != nil {
		t.Fatal(err)
	}
	if got := tm.output(); got != "false\tfalse\tstill works\n" {
		t.Fatalf("got %q", got)
	}
}

// Close unwinds suspended coroutines and idle workers: no goroutine is left.
func TestCloseLeavesNoGoroutine(t *testing.T) {
	settleGoroutines()
	base := runtime.NumGoroutine()
	m := New(context.Background(), Options{Watchdog: time.Second})
	keep := m.L.NewTable()
	m.L.SetGlobal("keep", keep)
	fn, err := m.Load(`
		for i = 1, 200 do
			local co = coroutine.create(function() pcall(coroutine.yield) end)
			coroutine.resume(co)
			keep[i] = co
		end
		for i = 1, 100 do coroutine.wrap(function() end)() end`, "=close")
	if err != nil {
		t.Fatal(err)
	}
	co, h := m.NewCoroutine(fn)
	if _, ok := m.RunHost(co, nil); !ok {
		t.Fatal("program failed")
	}
	runtime.KeepAlive(h)
	if runtime.NumGoroutine() < base+200 {
		t.Fatalf("only %d goroutines for 200 suspended coroutines", runtime.NumGoroutine()-base)
	}
	m.Close()
	if !waitFor(5*time.Second, func() bool { return runtime.NumGoroutine() <= base }) {
		t.Fatalf("%d goroutines after Close, want %d", runtime.NumGoroutine(), base)
	}
}

// settleGoroutines waits for goroutines of earlier tests to finish.
func settleGoroutines() {
	runtime.GC()
	prev := -1
	for i := 0; i < 50; i++ {
		n := runtime.NumGoroutine()
		if n == prev {
			return
		}
		prev = n
		time.Sleep(20 * time.Millisecond)
	}
}
