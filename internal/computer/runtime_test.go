package computer_test

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// rtCase is a program with the stdout and status it must produce.
type rtCase struct {
	name, src, want string
	status          int
	opts            []computertest.Option
}

func runRT(t *testing.T, cases []rtCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := computertest.Run(t, c.src, c.opts...)
			if r.Err != nil || r.Status != c.status || r.Stdout != c.want {
				t.Fatalf("status %d (want %d), err %v\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", r.Status, c.status, r.Err, r.Stdout, c.want, r.Stderr)
			}
		})
	}
}

func TestEventFilter(t *testing.T) {
	runRT(t, []rtCase{
		{name: "non-matching events are discarded", src: `
os.queueEvent("a") os.queueEvent("b", 1) os.queueEvent("c", 2)
print(os.pullEvent("c"))
os.queueEvent("d")
print(os.pullEvent())`, want: "c\t2\nd\n"},
		{name: "raw with filter", src: `
os.queueEvent("x") os.queueEvent("y", "v")
print(os.pullEventRaw("y"))`, want: "y\tv\n"},
		{name: "no filter takes the next event", src: `
os.queueEvent("first") os.queueEvent("second")
print(os.pullEvent()) print(os.pullEvent())`, want: "first\nsecond\n"},
		{name: "non-string filter is no filter", src: `
os.queueEvent("e1")
print(coroutine.yield(42))`, want: "e1\n"},
		{name: "values copied as CC:Tweaked (functions become nil)", src: `
local t, f = {}, function() end
os.queueEvent("x", t, f, 1.5, "s", nil, true, nil)
local ev = table.pack(os.pullEvent("x"))
print(ev.n, ev[2] == t, ev[3] == f, ev[4], ev[5], ev[6], ev[7], ev[8])`, want: "8\tfalse\tfalse\t1.5\ts\tnil\ttrue\tnil\n"},
		{name: "tables arrive as copies, coroutines as nil", src: `
local co = coroutine.create(function() end)
local nested = {inner = {1, 2}}
os.queueEvent("x", co, nested)
local _, c, n = os.pullEvent("x")
print(c == co, n == nested, n.inner[2])`, want: "false\tfalse\t2\n"},
		{name: "many queued events keep order", src: `
for i = 1, 1000 do os.queueEvent("n", i) end
local ok = true
for i = 1, 1000 do local _, v = os.pullEvent("n") if v ~= i then ok = false end end
print(ok)`, want: "true\n"},
	})
}

func TestTerminate(t *testing.T) {
	t.Run("pullEvent raises Terminated through its filter", func(t *testing.T) {
		r := computertest.Start(t, `
print("ready")
local ok, err = pcall(os.pullEvent, "never")
print(ok, err)`)
		r.WaitOutput(t, "ready")
		r.Computer.Terminate()
		res := r.Wait(t, 10*time.Second)
		if res.Stdout != "ready\nfalse\tTerminated\n" || res.Status != 0 {
			t.Fatalf("got %+v", res)
		}
	})
	t.Run("pullEventRaw sees terminate", func(t *testing.T) {
		r := computertest.Start(t, `
print("ready")
print(os.pullEventRaw("never"))
print(os.pullEventRaw())`)
		r.WaitOutput(t, "ready")
		r.Computer.Terminate()
		r.Computer.Terminate()
		res := r.Wait(t, 10*time.Second)
		if res.Stdout != "ready\nterminate\nterminate\n" || res.Status != 0 {
			t.Fatalf("got %+v", res)
		}
	})
	t.Run("uncaught Terminated ends the program with 130", func(t *testing.T) {
		r := computertest.Start(t, `print("ready") os.pullEvent() print("not reached")`)
		r.WaitOutput(t, "ready")
		r.Computer.Terminate()
		res := r.Wait(t, 10*time.Second)
		if res.Status != 130 || res.Stdout != "ready\n" || strings.TrimSpace(res.Stderr) != "Terminated" {
			t.Fatalf("got %+v", res)
		}
	})
	t.Run("sleep is interrupted", func(t *testing.T) {
		r := computertest.Start(t, `print("ready") print(pcall(sleep, 60))`)
		r.WaitOutput(t, "ready")
		r.Computer.Terminate()
		res := r.Wait(t, 10*time.Second)
		if res.Stdout != "ready\nfalse\tTerminated\n" {
			t.Fatalf("got %+v", res)
		}
	})
}

func TestTimersFromLua(t *testing.T) {
	runRT(t, []rtCase{
		{name: "shorter first, equal in creation order", src: `
local slow = os.startTimer(0.08)
local a = os.startTimer(0.02)
local b = os.startTimer(0.02)
local fast = os.startTimer(0.001)
local order = {}
for i = 1, 4 do
  local _, id = os.pullEvent("timer")
  order[#order + 1] = id == fast and "fast" or id == a and "a" or id == b and "b" or id == slow and "slow" or "?"
end
print(table.concat(order, " "))`, want: "fast a b slow\n"},
		{name: "ids are distinct positive integers", src: `
local a, b, c = os.startTimer(1), os.setAlarm(0), os.startTimer(0)
print(a > 0, b ~= a, c ~= a and c ~= b, a % 1 == 0)
os.cancelTimer(a) os.cancelAlarm(b)`, want: "true\ttrue\ttrue\ttrue\n"},
		{name: "cancel", src: `
local a = os.startTimer(0.01)
local b = os.startTimer(0.03)
os.cancelTimer(a)
os.cancelTimer(12345)
local _, id = os.pullEvent("timer")
print(id == b, select("#", os.cancelTimer(b)))`, want: "true\t0\n"},
		{name: "500 timers at once: none lost, order kept", src: `
local ids = {}
for i = 1, 500 do ids[i] = os.startTimer(0.01) end
local ok = true
for i = 1, 500 do local _, id = os.pullEvent("timer") if id ~= ids[i] then ok = false end end
print(ok)`, want: "true\n"},
		{name: "zero and negative durations fire", src: `
local a, b = os.startTimer(0), os.startTimer(-1)
local _, x = os.pullEvent("timer") local _, y = os.pullEvent("timer")
print(x == a, y == b)`, want: "true\ttrue\n"},
		{name: "bad durations", src: `
print(pcall(os.startTimer, "x"))
print(pcall(os.startTimer, 0/0))
print(pcall(os.startTimer, math.huge))`,
			want: "false\tbad argument #1 (number expected, got string)\nfalse\tbad argument #1 (number expected, got nan)\nfalse\tbad argument #1 (number expected, got inf)\n"},
		{name: "alarm range", src: `
print(pcall(os.setAlarm, 24))
print(pcall(os.setAlarm, -0.5))
print(type(os.setAlarm(0)), type(os.setAlarm(23.99)))`,
			want: "false\tNumber out of range\nfalse\tNumber out of range\nnumber\tnumber\n"},
		{name: "sleep", src: `
local t0 = os.clock()
sleep(0.2)
local d = os.clock() - t0
print(d >= 0.19, d < 2)
sleep() sleep(0) os.sleep(0.01)
print(pcall(sleep, "x"))`, want: "true\ttrue\nfalse\tbad argument #1 (number expected, got string)\n"},
		{name: "sleep discards other events", src: `
os.queueEvent("x")
sleep(0.01)
os.queueEvent("y")
print(os.pullEvent())`, want: "y\n"},
	})
}

func TestClocks(t *testing.T) {
	utcDay := time.Now().Unix() / 86400
	runRT(t, []rtCase{
		{name: "boot values", src: `
local c = os.clock()
print(c >= 0 and c < 5, os.time() >= 6 and os.time() < 6.1, os.day(), os.epoch() >= 108000000 and os.epoch() < 108000000 + 600000)`,
			want: "true\ttrue\t1\ttrue\n"},
		{name: "ingame argument", src: `print(os.time("ingame") == os.time(), os.day("InGame"), os.epoch("ingame") >= 108000000)`, want: "true\t1\ttrue\n"},
		{name: "clock advances", src: `local a = os.clock() sleep(0.05) print(os.clock() > a)`, want: "true\n"},
		{name: "utc and local", src: `
local h = os.time("utc")
print(h >= 0 and h < 24, os.time("UTC") - h < 0.01, os.day("utc") == os.day("local"))
local l = os.time("local") print(l >= 0 and l < 24)`, want: "true\ttrue\ttrue\ntrue\n"},
		{name: "day", src: `print(os.day("utc"))`, want: fmt.Sprintf("%d\n", utcDay)},
		{name: "unsupported", src: `
print(select(2, pcall(os.time, "bogus")):match("Unsupported operation$"))
print(select(2, pcall(os.day, "mars")):match("Unsupported operation$"))
print(select(2, pcall(os.epoch, "x")):match("Unsupported operation$"))`,
			want: "Unsupported operation\nUnsupported operation\nUnsupported operation\n"},
		{name: "time table", src: `
print(os.time({year = 2020, month = 1, day = 2, hour = 3, min = 4, sec = 5}) == os.time({year = 2020, month = 1, day = 2}) - 8 * 3600 - 55 * 60 - 55)
print(select(2, pcall(os.time, {year = 2020})):match("field 'day' missing in date table$"))`,
			want: "true\nfield 'day' missing in date table\n"},
		{name: "date", src: `
print(os.date("!%Y-%m-%d %H:%M:%S", 0), os.date("!*t", 86400).day, os.date("!*t", 0).year)
print(os.date("%Y") == tostring(os.date("*t").year))`, want: "1970-01-01 00:00:00\t2\t1970\ntrue\n"},
	})
	// epoch("utc") against the host clock.
	r := computertest.Run(t, `print(os.epoch("utc")) print(os.epoch("local") - os.epoch("utc")) print(os.epoch("nano") % 1 == 0)`)
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %q (%s)", r.Stdout, r.Stderr)
	}
	ms, _ := strconv.ParseFloat(lines[0], 64)
	if d := math.Abs(ms - float64(time.Now().UnixMilli())); d > 5000 {
		t.Errorf("epoch utc off by %v ms", d)
	}
	_, off := time.Now().Zone()
	if off2, _ := strconv.ParseFloat(lines[1], 64); math.Abs(off2-float64(off)*1000) > 1000 {
		t.Errorf("epoch local - utc = %v, want %d", off2, off*1000)
	}
	if lines[2] != "true" {
		t.Errorf("epoch nano is not an integer")
	}
}

func TestIdentity(t *testing.T) {
	runRT(t, []rtCase{
		{name: "id", src: `print(os.getComputerID(), os.computerID())`, want: "7\t7\n",
			opts: []computertest.Option{computertest.Configure(func(c *computer.Config) { c.ID = 7 })}},
		{name: "no label", src: `print(select("#", os.getComputerLabel()), select("#", os.computerLabel()))`, want: "0\t0\n"},
		{name: "configured label", src: `print(os.getComputerLabel())`, want: "base\n",
			opts: []computertest.Option{computertest.Configure(func(c *computer.Config) { c.Label = "base" })}},
		{name: "set and clear", src: `
print(select("#", os.setComputerLabel("my label")), os.getComputerLabel(), os.computerLabel())
os.setComputerLabel() print(select("#", os.getComputerLabel()))
os.setComputerLabel("again") os.setComputerLabel(nil) print(select("#", os.getComputerLabel()))
print(pcall(os.setComputerLabel, 1))`, want: "0\tmy label\tmy label\n0\n0\nfalse\tbad argument #1 (string expected, got number)\n"},
		{name: "host and versions", src: `
print(_HOST:match("^ComputerCraft %d+%.%d+%.%d+ %(.+%)$") ~= nil, _VERSION, os.version())
print(type(_CC_DEFAULT_SETTINGS), _CRAFTOS_HOST)`, want: "true\tLua 5.2\tCraftOS 1.9\nstring\tnil\n"},
		{name: "no host escape hatches", src: `print(os.execute, os.exit, io.popen, os.getenv, os.remove, os.rename, os.tmpname)`,
			want: "nil\tnil\tnil\tnil\tnil\tnil\tnil\n"},
		{name: "5.1 compatibility", src: `
print(type(loadstring), type(setfenv), type(getfenv), type(unpack), table.maxn({1, 2, [10] = 3}), math.log10(1000), bit.band(6, 3), bit.blshift(1, 4), bit.blogic_rshift(-1, 28), bit.brshift(-16, 2))`,
			want: "function\tfunction\tfunction\tfunction\t10\t3\t2\t16\t15\t4294967292\n"},
	})
	if h := computer.HostString(); !regexp.MustCompile(`^ComputerCraft \d+\.\d+\.\d+ \(craftos [^)]+\)$`).MatchString(h) {
		t.Errorf("_HOST %q", h)
	}
}

func TestShutdownAndReboot(t *testing.T) {
	runRT(t, []rtCase{
		{name: "shutdown code", src: `print("a") os.shutdown(3) print("not reached")`, want: "a\n", status: 3},
		{name: "shutdown", src: `os.shutdown() print("not reached")`, status: 0},
		{name: "shutdown inside pcall", src: `pcall(os.shutdown, 5) print("not reached")`, status: 5},
		{name: "returning", src: `print("done")`, want: "done\n"},
	})
	t.Run("reboot", func(t *testing.T) {
		root := t.TempDir()
		r := computertest.Run(t, `
if fs.exists("booted") then
  print("second boot", os.clock() < 5, _G.marker)
  os.shutdown(4)
end
local h = fs.open("booted", "w") h.close()
_G.marker = "set before reboot"
print("first boot")
os.reboot()
print("not reached")`, computertest.Root(root))
		if r.Stdout != "first boot\nsecond boot\ttrue\tnil\n" || r.Status != 4 {
			t.Fatalf("got %+v", r)
		}
	})
}

func TestProgramErrors(t *testing.T) {
	t.Run("uncaught error", func(t *testing.T) {
		r := computertest.Run(t, "local function inner() error('deep failure') end\nlocal function outer() inner() end\nprint('before')\nouter()")
		if r.Status != 1 || r.Err != nil || r.Stdout != "before\n" {
			t.Fatalf("got %+v", r)
		}
		for _, want := range []string{"test.lua:1: deep failure\n", "stack traceback:", "test.lua:1: in function 'inner'", "test.lua:2: in function 'outer'", "test.lua:4:"} {
			if !strings.Contains(r.Stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.Stderr)
			}
		}
		if !strings.HasPrefix(r.Stderr, "test.lua:1: deep failure") {
			t.Errorf("stderr does not start with the message:\n%s", r.Stderr)
		}
	})
	t.Run("error value is not a string", func(t *testing.T) {
		r := computertest.Run(t, `error({code = 1})`)
		if r.Status != 1 || !strings.HasPrefix(r.Stderr, "table: ") {
			t.Fatalf("got %+v", r)
		}
	})
	t.Run("syntax error", func(t *testing.T) {
		r := computertest.Run(t, "print('x')\nx = = 1")
		if r.Status != 1 || r.Stdout != "" || strings.TrimSpace(r.Stderr) != "test.lua:2: unexpected symbol near '='" {
			t.Fatalf("got %+v", r)
		}
	})
	t.Run("error in a coroutine stays inside", func(t *testing.T) {
		r := computertest.Run(t, `print(coroutine.resume(coroutine.create(function() error("co") end)))`)
		if r.Status != 0 || r.Stdout != "false\ttest.lua:1: co\n" {
			t.Fatalf("got %+v", r)
		}
	})
}

func TestProgramArgs(t *testing.T) {
	runRT(t, []rtCase{
		{name: "arg and ...", src: `print(select("#", ...), ...) print(arg[0], arg[1], arg[2], #arg, arg[3])`,
			want: "2\ta\tb c\ntest.lua\ta\tb c\t2\tnil\n", opts: []computertest.Option{computertest.Args("a", "b c")}},
		{name: "no args", src: `print(select("#", ...), #arg, arg[0])`, want: "0\t0\ttest.lua\n"},
		{name: "program globals go to its environment", src: `x = 1 print(_G.x, x, getfenv and getfenv(1) ~= _G)`, want: "nil\t1\ttrue\n"},
	})
}

func TestRequireAndLoading(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, "mod.lua", `return {x = 42, args = select("#", ...), name = ...}`)
	computertest.WriteFile(t, root, "dir/helper.lua", `return {name = "helper"}`)
	computertest.WriteFile(t, root, "dir/sub/init.lua", `return "init"`)
	computertest.WriteFile(t, root, "apis/myapi.lua", "value = 5\nfunction double(n) return n * 2 end")
	computertest.WriteFile(t, root, "bad.lua", `error("in run")`)
	computertest.WriteFile(t, root, "syntax.lua", `x = = 1`)
	computertest.WriteFile(t, root, "dir/prog.lua", `
local h = require("helper")
print(h.name, require("helper") == h, package.loaded.helper == h, require("sub"))
local m = require("/mod") print(m.x, m.args, m.name)
local ok, err = pcall(require, "nope")
print(ok, err:match("^module 'nope' not found:") ~= nil, err:find("no file 'dir/nope.lua'", 1, true) ~= nil)
print(package.path)
print(require("cc.expect").expect ~= nil)
package.preload.virtual = function(name) return "pre:" .. name end
print(require("virtual"))`)
	b, err := computer.ProgramFile(root, root+"/dir/prog.lua", nil)
	if err != nil {
		t.Fatal(err)
	}
	r := computertest.Run(t, "", computertest.Root(root), computertest.Boot(b))
	want := "helper\ttrue\ttrue\tinit\n42\t2\t/mod\nfalse\ttrue\ttrue\n" +
		"?;?.lua;?/init.lua;/rom/modules/main/?;/rom/modules/main/?.lua;/rom/modules/main/?/init.lua\ntrue\npre:virtual\n"
	if r.Status != 0 || r.Stdout != want {
		t.Fatalf("status %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", r.Status, r.Stdout, want, r.Stderr)
	}

	runRT(t, []rtCase{
		{name: "loadAPI and unloadAPI", src: `
print(os.loadAPI("apis/myapi.lua"), myapi.value, myapi.double(4))
os.unloadAPI("myapi") print(myapi)
print(select(2, pcall(os.loadAPI, "apis/none.lua")):match("Failed to load API none due to File not found$"))`,
			want: "true\t5\t8\nnil\nFailed to load API none due to File not found\n", opts: []computertest.Option{computertest.Root(root)}},
		{name: "loadfile and dofile", src: `
print(loadfile("nope.lua"))
print(loadfile("mod.lua")().x, dofile("mod.lua").x)
local env = {}
loadfile("apis/myapi.lua", nil, env)() print(env.value, value)
local env2 = {} loadfile("apis/myapi.lua", env2)() print(env2.value)
print(loadfile("syntax.lua"))
print(pcall(dofile, "nope.lua"))
print(select(2, pcall(dofile, "bad.lua")))`,
			want: "nil\tFile not found\n42\t42\n5\tnil\n5\nnil\t/syntax.lua:1: unexpected symbol near '='\nfalse\tFile not found\n/bad.lua:1: in run\n",
			opts: []computertest.Option{computertest.Root(root)}},
		{name: "os.run", src: `
print(os.run({}, "mod.lua", "a", "b"))
local env = {}
print(os.run(env, "apis/myapi.lua"), env.value, value)
print(os.run({}, "bad.lua"))
print(os.run({}, "missing.lua"))`,
			want: "true\ntrue\t5\tnil\nfalse\nfalse\n", opts: []computertest.Option{computertest.Root(root)}},
	})
	r = computertest.Run(t, `os.run({}, "bad.lua") os.run({}, "missing.lua")`, computertest.Root(root))
	if r.Stderr != "/bad.lua:1: in run\nFile not found\n" {
		t.Fatalf("os.run errors on stderr: %q", r.Stderr)
	}
}

func TestOutputFunctions(t *testing.T) {
	r := computertest.Run(t, `
print(print("a", 1, nil, true))
print(write("b\nc\n"), write(5), write(""))
print(select("#", printError("to stderr", 2)))
print(pcall(write, {}))`)
	want := "a\t1\tnil\ttrue\n1\nb\nc\n5" + "2\t0\t0\n0\nfalse\tbad argument #1 (string or number expected, got table)\n"
	if r.Stdout != want || r.Stderr != "to stderr\t2\n" {
		t.Fatalf("stdout %q\nwant   %q\nstderr %q", r.Stdout, want, r.Stderr)
	}
}

func TestReadFromStdin(t *testing.T) {
	r := computertest.Run(t, `print(read()) print(read()) print(read(), read())`,
		computertest.Stdin(strings.NewReader("line one\r\nline two")))
	if r.Stdout != "line one\nline two\nnil\tnil\n" {
		t.Fatalf("got %q (%s)", r.Stdout, r.Stderr)
	}
}

// The bios coroutine's handle must stay alive however often Go collects.
func TestBiosSurvivesGC(t *testing.T) {
	r := computertest.Run(t, `
for i = 1, 30 do
  collectgarbage()
  local co = coroutine.create(function() coroutine.yield() end) coroutine.resume(co)
  os.queueEvent("x") os.pullEvent("x")
  sleep(0)
end
print("alive")`)
	if r.Status != 0 || r.Stdout != "alive\n" {
		t.Fatalf("got %+v", r)
	}
}

func TestWatchdogOnComputer(t *testing.T) {
	t.Run("soft abort is an uncaught error", func(t *testing.T) {
		// sleep(0) first: the window then covers the loop alone, whatever
		// the boot cost on a loaded machine.
		r := computertest.Run(t, `sleep(0) print("start") while true do end`, computertest.Watchdog(200*time.Millisecond))
		if r.Status != 1 || r.Stdout != "start\n" || !strings.HasPrefix(r.Stderr, "test.lua:1: Too long without yielding") {
			t.Fatalf("got %+v", r)
		}
	})
	t.Run("catchable, and yielding resets it", func(t *testing.T) {
		// 1.5 s of spinning in all, in 0.1 s pieces each followed by a yield,
		// against a 1 s window.
		r := computertest.Run(t, `sleep(0)
print(pcall(function() while true do end end))
for i = 1, 15 do local t = os.clock() while os.clock() - t < 0.1 do end sleep(0) end
print("fine")`, computertest.Watchdog(time.Second))
		if r.Status != 0 || r.Stdout != "false\ttest.lua:2: Too long without yielding\nfine\n" {
			t.Fatalf("got %+v", r)
		}
	})
	t.Run("hard abort stops the computer", func(t *testing.T) {
		start := time.Now()
		r := computertest.Run(t, `sleep(0) while true do pcall(function() while true do end end) end`,
			computertest.Watchdog(200*time.Millisecond),
			computertest.Configure(func(c *computer.Config) { c.HardAbortAfter = 300 * time.Millisecond }))
		if r.Status != 1 || r.Err == nil || r.Err.Error() != "Too long without yielding" {
			t.Fatalf("got %+v", r)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("hard abort took %v", d)
		}
	})
}

// Everything a computer starts stops with it.
func TestNoGoroutinesLeftAfterRun(t *testing.T) {
	computertest.CheckGoroutines(t)
	for i := 0; i < 3; i++ {
		r := computertest.Run(t, `
local cos = {}
for i = 1, 50 do cos[i] = coroutine.create(function() coroutine.yield() end) coroutine.resume(cos[i]) end
os.startTimer(60) os.setAlarm(12)
parallel.waitForAny(function() sleep(0.01) end, function() os.pullEvent("never") end)
print(read())`, computertest.Stdin(strings.NewReader("x\n")))
		if r.Stdout != "x\n" {
			t.Fatalf("got %+v", r)
		}
	}
}

// A native's error names the Lua line that called it, and no line when pcall
// called it directly, as PUC Lua's luaL_where and CraftOS do.
func TestNativeErrorPositions(t *testing.T) {
	r := computertest.Run(t, `
print(pcall(function() os.startTimer("x") end))
print(pcall(os.startTimer, "x"))
print(pcall(function() fs.open("x", "q") end))`)
	want := "false\ttest.lua:2: bad argument #1 (number expected, got string)\n" +
		"false\tbad argument #1 (number expected, got string)\n" +
		"false\ttest.lua:4: Unsupported mode\n"
	if r.Stdout != want {
		t.Fatalf("stdout %q, want %q", r.Stdout, want)
	}
}

func TestRedstone(t *testing.T) {
	runRT(t, []rtCase{
		{name: "sides in CC:Tweaked's order", src: `print(table.concat(rs.getSides(), " "))`,
			want: "bottom top back front right left\n"},
		{name: "outputs are kept", src: `
print(rs.getOutput("top"), rs.getAnalogOutput("top"))
rs.setOutput("top", true) print(rs.getOutput("top"), rs.getAnalogueOutput("top"))
rs.setAnalogOutput("back", 7.9) print(rs.getOutput("back"), rs.getAnalogOutput("back"))
rs.setOutput("back", false) print(rs.getOutput("back"), rs.getAnalogOutput("back"))
rs.setBundledOutput("left", 5) print(rs.getBundledOutput("left"), rs.getBundledOutput("right"))
print(rs.getInput("top"), rs.getAnalogInput("top"), rs.getBundledInput("top"))`,
			want: "false\t0\ntrue\t15\ntrue\t7\nfalse\t0\n5\t0\nfalse\t0\t0\n"},
		{name: "side names in any case", src: `rs.setOutput("TOP", true) print(rs.getOutput("Top"), redstone.getOutput("top"))`,
			want: "true\ttrue\n"},
		{name: "unknown side", src: `print(pcall(rs.getInput, "up")) print(pcall(rs.getOutput, 1))`,
			want: "false\tbad argument #1 (unknown option up)\nfalse\tbad argument #1 (string expected, got number)\n"},
		{name: "analog range", src: `print(pcall(rs.setAnalogOutput, "top", 16)) print(pcall(rs.setAnalogOutput, "top", -1))`,
			want: "false\tExpected number in range 0-15\nfalse\tExpected number in range 0-15\n"},
		{name: "bundled input test", src: `print(rs.testBundledInput("top", 0), rs.testBundledInput("top", 1))`,
			want: "true\tfalse\n"},
	})
}

func TestLabelNormalised(t *testing.T) {
	runRT(t, []rtCase{
		{name: "at most 32 characters", src: `os.setComputerLabel(("abcdefgh"):rep(5)) print(os.getComputerLabel())`,
			want: "abcdefghabcdefghabcdefghabcdefgh\n"},
		{name: "unprintable characters", src: `os.setComputerLabel("a\nb\tc\0d\127e\160f\173g") print(os.getComputerLabel())`,
			want: "a?b?c?d?e?f?g\n"},
		{name: "Latin-1 kept", src: `os.setComputerLabel("\161\172\174\255 ~") print(os.getComputerLabel() == "\161\172\174\255 ~")`,
			want: "true\n"},
		{name: "empty stays empty", src: `os.setComputerLabel("") print(select("#", os.getComputerLabel()), os.getComputerLabel() == "")`,
			want: "1\ttrue\n"},
	})
}
