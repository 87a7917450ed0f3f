package computer_test

import "testing"

// The library behaviour only a whole computer shows: os.date as wired into
// CraftOS's os API, require of the standard libraries, and the copies
// os.queueEvent makes (CC:Tweaked's CobaltLuaMachine.toObject / toValue).
func TestLibsOnComputer(t *testing.T) {
	runRT(t, []rtCase{
		{name: "os.date is strftime", src: `print(os.date("!%a %x %T %D %R %j", 1700000000))
print(os.date("!%G-W%V-%u", 1609675200), os.date("!%c", 0))
local d = os.date("!*t", 1709209805) print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, d.isdst)
print(select(2, pcall(os.date, "%Ez")))
print(pcall(os.time, {year = 2020}))`,
			want: "Tue 11/14/23 22:13:20 11/14/23 22:13 318\n2020-W53-7\tThu Jan  1 00:00:00 1970\n" +
				"2024\t2\t29\t12\t30\t5\t5\t60\tfalse\nbad argument #1 to 'date' (invalid conversion specifier '%Ez')\n" +
				"false\tfield 'day' missing in date table\n"},
		{name: "os.time normalises", src: `print(os.time({year = 2020, month = 13, day = 0, hour = 0}) - os.time({year = 2020, month = 12, day = 31, hour = 0}))`,
			want: "0\n"},
		{name: "require finds the standard libraries", src: `
for _, name in ipairs({"debug", "string", "table", "math", "coroutine", "os", "io", "bit32", "utf8", "package", "_G"}) do
  local ok, lib = pcall(require, name)
  print(name, ok, lib == _ENV[name] or (name == "package" and lib == package) or (name == "_G" and lib == _G))
end`,
			want: "debug\ttrue\ttrue\nstring\ttrue\ttrue\ntable\ttrue\ttrue\nmath\ttrue\ttrue\ncoroutine\ttrue\ttrue\n" +
				"os\ttrue\ttrue\nio\ttrue\ttrue\nbit32\ttrue\ttrue\nutf8\ttrue\ttrue\npackage\ttrue\ttrue\n_G\ttrue\ttrue\n"},
		{name: "queueEvent copies a table when queued", src: `
local t = {1, 2, x = {y = 3}}
os.queueEvent("e", t)
t[1], t.x.y, t.z = "changed", "changed", "new"
local _, got = os.pullEvent("e")
print(got ~= t, got[1], got[2], got.x.y, got.z)`, want: "true\t1\t2\t3\tnil\n"},
		{name: "queueEvent copies each argument apart", src: `
local t = {1}
os.queueEvent("e", t, t)
local _, a, b = os.pullEvent("e")
print(a ~= b, a[1], b[1])`, want: "true\t1\t1\n"},
		{name: "queueEvent keeps sharing and cycles inside one argument", src: `
local inner = {v = 1}
local t = {a = inner, b = inner}
t.self = t
os.queueEvent("e", t)
local _, got = os.pullEvent("e")
print(got.a == got.b, got.self == got, got.a ~= inner, got.a.v)`, want: "true\ttrue\ttrue\t1\n"},
		{name: "queueEvent drops functions, coroutines and metatables", src: `
local co = coroutine.create(print)
os.queueEvent("e", print, co, {f = print, [print] = 1, n = 1}, setmetatable({}, {__index = {k = 1}}), nil, "s", 2, true)
local ev = table.pack(os.pullEvent("e"))
local t = ev[4]
local keys = 0 for _ in pairs(t) do keys = keys + 1 end
print(ev.n, ev[2], ev[3], keys, t.n, getmetatable(ev[5]), ev[5].k, ev[6], ev[7], ev[8], ev[9])`,
			want: "9\tnil\tnil\t1\t1\tnil\tnil\tnil\ts\t2\ttrue\n"},
	})
}
