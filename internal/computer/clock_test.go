package computer_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	crafthttp "github.com/craftos/craftos/internal/http"
)

// virtual runs a computer on the virtual clock.
var virtual = computertest.Configure(func(c *computer.Config) { c.VirtualClock = true })

// realSeconds gives programs realSeconds(): the host's wall clock, which a
// virtual clock does not move, so a test can see how long a wait really took.
var realSeconds = computertest.Extensions(func(h *computer.Host) error {
	start := time.Now()
	h.M.L.SetGlobal("realSeconds", h.M.L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LNumber(time.Since(start).Seconds()))
		return 1
	}))
	return nil
})

func seeded(n int64) computertest.Option {
	return computertest.Configure(func(c *computer.Config) { c.Seed = &n })
}

// runOK runs src and fails unless it returned cleanly; it gives stdout.
func runOK(t *testing.T, src string, opts ...computertest.Option) string {
	t.Helper()
	r := computertest.Run(t, src, opts...)
	if r.Err != nil || r.Status != 0 || r.Stderr != "" {
		t.Fatalf("status %d, err %v\nstdout:\n%s\nstderr:\n%s", r.Status, r.Err, r.Stdout, r.Stderr)
	}
	return r.Stdout
}

// A day's sleep returns at once, and every way of reading the time sees
// the day pass.
func TestVirtualClockSleepsADay(t *testing.T) {
	out := runOK(t, `
local r0, c0, e0, l0 = realSeconds(), os.clock(), os.epoch("utc"), os.epoch("local")
local d0, u0, g0 = os.day(), os.day("utc"), os.day("local")
local t0 = os.time(os.date("!*t"))
sleep(86400)
local real = realSeconds() - r0
print(real < 0.5 or real)
local dc, de = os.clock() - c0, os.epoch("utc") - e0
print(dc >= 86400 and dc < 86401 or dc, de >= 86400000 and de < 86401000 or de)
-- Read one after the other, the clocks may be a millisecond or so apart
-- (the virtual clock runs at real speed between jumps).
print(math.abs(os.epoch("local") - l0 - de) < 50)
print(os.day() - d0, os.day("utc") - u0, os.day("local") - g0)
print(math.abs(os.time(os.date("!*t")) - t0 - math.floor(dc)) <= 1) -- whole seconds
`, virtual, realSeconds)
	// Expected: real wait tiny; os.clock and os.epoch a day on; the
	// in-game day (20 minutes) 72 days on; the date a day later.
	want := "true\ntrue\ttrue\ntrue\n72\t1\t1\ntrue\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

// timerProgram starts timers and an alarm-free mix of cancels and timers
// started from other timers' events, and prints the order they fire in and
// when. S scales every delay.
const timerProgram = `
local S = tonumber(...)
local names, order = {}, {}
local function start(name, d) names[os.startTimer(d * S)] = name end
for i, d in ipairs({ 0.30, 0.10, 0.20, 0.10, 0, 0.25, 0.05, 0.15 }) do start("t" .. i, d) end
local gone = os.startTimer(0.12 * S)
os.cancelTimer(gone)
local left = 9
while left > 0 do
  local _, id = os.pullEvent("timer")
  local name = names[id]
  assert(name, "cancelled or unknown timer fired")
  left = left - 1
  order[#order + 1] = name
  if name == "t7" then start("late", 0.07) end -- due at 0.12: after t2/t4, before t8
end
print(table.concat(order, " "))
`

// Timers fire in the order they do in real time (a real run with short
// delays is the reference), and at their virtual times.
func TestVirtualClockTimerOrder(t *testing.T) {
	// Real delays are tripled so the order leaves 60 ms to spare.
	real := runOK(t, timerProgram, computertest.Args("3"))
	virt := runOK(t, timerProgram, computertest.Args("1000"), virtual)
	want := "t5 t7 t2 t4 late t8 t3 t6 t1\n"
	if real != want {
		t.Fatalf("real run gave\n%s\nwant\n%s", real, want)
	}
	if virt != real {
		t.Fatalf("virtual run gave\n%s\nreal run\n%s", virt, real)
	}
}

// Each timer fires at its virtual time: os.clock reads exactly the delay.
func TestVirtualClockFiringTimes(t *testing.T) {
	out := runOK(t, `
local t0, r0 = os.clock(), realSeconds()
local due = {}
for _, d in ipairs({ 3600, 1, 59.5, 7200.25, 1 }) do due[os.startTimer(d)] = d end
for _ = 1, 5 do
  local _, id = os.pullEvent("timer")
  local late = (os.clock() - t0) - due[id]
  print(due[id], late > -1e-9 and late < 0.2) -- 1.004 - 0.004 - 1 is -1e-16
end
print(realSeconds() - r0 < 1)
`, virtual, realSeconds)
	want := "1\ttrue\n1\ttrue\n59.5\ttrue\n3600\ttrue\n7200.25\ttrue\ntrue\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

// Alarms follow the in-game clock (an hour is 50 s): one an hour ahead
// fires between timers at 49.5 s and 50.5 s, when os.time() reaches it.
func TestVirtualClockAlarms(t *testing.T) {
	out := runOK(t, `
local target = (os.time() + 1) % 24
local alarm = os.setAlarm(target)
local names = { [alarm] = "alarm" }
names[os.startTimer(49.5)] = "before"
names[os.startTimer(50.5)] = "after"
names[os.setAlarm((target + 2) % 24)] = "later alarm"
local order = {}
for _ = 1, 4 do
  local ev, id = os.pullEvent()
  if ev == "timer" or ev == "alarm" then
    order[#order + 1] = names[id]
    if id == alarm then
      local d = (os.time() - target) % 24
      print("on time", d < 0.002 or d)
    end
  end
end
print(table.concat(order, ", "))
print(math.floor(os.clock() + 0.5))
`, virtual)
	want := "on time\ttrue\nbefore, alarm, after, later alarm\n150\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

// While an HTTP request is in flight the clock keeps real speed: the
// response (300 ms later) comes before an hour's timer, which then fires
// at once by a jump.
func TestVirtualClockWaitsForHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "late answer")
	}))
	defer srv.Close()
	out := runOK(t, fmt.Sprintf(`
local t0, r0 = os.clock(), realSeconds()
local timer = os.startTimer(3600)
http.request(%q)
local ev, url, h = os.pullEvent()
print(ev, h and h.readAll())
local dc, dr = os.clock() - t0, realSeconds() - r0
print(dc >= 0.25 and dc < 5 or dc, math.abs(dc - dr) < 0.5 or dc - dr) -- read apart; a loaded machine delays the second
local _, id = os.pullEvent("timer")
print(id == timer, math.floor(os.clock() - t0 + 0.5), realSeconds() - r0 < 5)
`, srv.URL), virtual, realSeconds, computertest.Extensions(crafthttp.Install))
	want := "http_success\tlate answer\ntrue\ttrue\ntrue\t3600\ttrue\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

// slowReader gives its text after a delay, as a person typing would.
type slowReader struct {
	delay time.Duration
	r     io.Reader
}

func (s *slowReader) Read(p []byte) (int, error) {
	if s.delay > 0 {
		time.Sleep(s.delay)
		s.delay = 0
	}
	return s.r.Read(p)
}

// While a line of stdin is being read the clock does not jump either.
func TestVirtualClockWaitsForStdin(t *testing.T) {
	out := runOK(t, `
local t0 = os.clock()
local timer = os.startTimer(3600)
print(read())
local dc = os.clock() - t0
print(dc >= 0.25 and dc < 5 or dc)
local _, id = os.pullEvent("timer")
print(id == timer, math.floor(os.clock() - t0 + 0.5))
`, virtual, computertest.Stdin(&slowReader{delay: 300 * time.Millisecond, r: strings.NewReader("typed\n")}))
	want := "typed\ntrue\ntrue\t3600\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

// Without --clock=virtual nothing changes: a sleep takes its real time.
func TestRealClockUnchanged(t *testing.T) {
	out := runOK(t, `
local r0, c0 = realSeconds(), os.clock()
sleep(0.3)
local dr, dc = realSeconds() - r0, os.clock() - c0
print(dr >= 0.29 or dr, dc >= 0.29 and math.abs(dc - dr) < 0.5 or dc)
`, realSeconds)
	if out != "true\ttrue\n" {
		t.Fatalf("got %q", out)
	}
}

// --seed fixes math.random: the same seed gives the same numbers, as
// math.randomseed(N) does in the program; another seed other numbers.
func TestSeed(t *testing.T) {
	const draw = `local t = {} for i = 1, 8 do t[i] = math.random(1, 1000000) end print(table.concat(t, " "), math.random())`
	a := runOK(t, draw, seeded(42))
	b := runOK(t, draw, seeded(42))
	c := runOK(t, draw, seeded(43))
	inProgram := runOK(t, "math.randomseed(42) "+draw)
	unseeded1, unseeded2 := runOK(t, draw), runOK(t, draw)
	if a != b {
		t.Errorf("seed 42 twice: %q and %q", a, b)
	}
	if a == c {
		t.Errorf("seeds 42 and 43 both gave %q", a)
	}
	if a != inProgram {
		t.Errorf("--seed 42 gave %q, math.randomseed(42) %q", a, inProgram)
	}
	if unseeded1 == unseeded2 {
		t.Errorf("unseeded runs repeat: %q", unseeded1)
	}
}
