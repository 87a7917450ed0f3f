package vm

import (
	"fmt"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// dateInstants cover midnight, noon, year boundaries, a leap day, ISO-week
// edges (2020-12-31 is week 53, 2021-01-03 still week 53 of 2020,
// 2026-12-28 week 53, 2008-12-29 week 1 of 2009, 2010-01-03 week 53 of
// 2009), times before 1970 and year 1.
var dateInstants = []int64{
	0, 1700000000, 1609372800, 1609675200, 1798502399, 1709209805, 1609459199,
	1609459200, 1230512523, 1262523600, 946684800, 946641599, -1, -2203891200,
	-62135596800, 2114380800, 1798761600, 1325376000, 1700000000 + 43200,
}

// dateConversions is every conversion Lua 5.2 accepts.
var dateConversions = strings.Fields("a A b B c C d D e F g G h H I j m M n p r R S t T u U V w W x X y Y z Z %% " +
	"Ec EC Ex EX Ey EY Od Oe OH OI Om OM OS Ou OU OV Ow OW Oy")

// withOSDate gives a test machine os.date and os.time (local time is UTC
// during the test, as lua5.2 runs with TZ=UTC).
func withOSDate(t *testing.T) func(*testMachine) {
	old := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = old })
	return func(tm *testMachine) {
		os := tm.L.NewTable()
		os.RawSetString("date", tm.L.NewFunction(OSDate))
		os.RawSetString("time", tm.L.NewFunction(func(L *lua.LState) int {
			L.Push(OSTime(L, L.Get(1)))
			return 1
		}))
		tm.L.SetGlobal("os", os)
	}
}

func TestOSDatePUC(t *testing.T) {
	var cases []string
	for _, ts := range dateInstants {
		var all []string
		for _, c := range dateConversions {
			all = append(all, "%"+c)
		}
		f := strings.Join(all, "|")
		cases = append(cases,
			fmt.Sprintf(`os.date(%q, %d)`, "!"+f, ts),
			fmt.Sprintf(`os.date(%q, %d)`, f, ts),
			fmt.Sprintf(`local t = os.date("!*t", %d) out(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday, t.isdst)`, ts),
			fmt.Sprintf(`local t = os.date("*t", %d) out(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday, t.isdst)`, ts),
		)
	}
	cases = append(cases,
		`os.date("!%a %x %T %D %R %j", 1700000000)`,
		`os.date("%Ez")`, `os.date("%Ez abc")`, `os.date("%")`, `os.date("abc%")`, `os.date("%Q")`, `os.date("%E")`, `os.date("%Oa")`,
		`os.date("!*tx", 0)`, `os.date("*t", "x")`, `os.date("!%c", 1.5)`, `os.date("!%c", -1.5)`, `os.date("!%c", "86400")`,
		`os.date("!%c", 2^60)`, `os.date(5)`, `os.date("!%d\0%d", 0)`, `os.date("!%%%d%%", 0)`, `os.date({})`,
		`type(os.date())`, `os.date() == os.date("%c")`, `os.date("!x", nil)`,
		// os.time normalises as mktime
		`os.time({year = 2020, month = 13, day = 0})`,
		`os.time({year = 2020, month = 1, day = 1, hour = -5, min = -70, sec = 3600.9})`,
		`os.time({year = 2020, month = 3, day = 0})`, `os.time({year = 2021, month = -1, day = 31})`,
		`os.time({year = 2020, month = 1, day = 1.7})`, `os.time({year = "2020", month = "2", day = "3"})`,
		`os.time({year = 2020, month = 1, day = 1, hour = 0})`, `os.time({year = 1969, month = 12, day = 31, hour = 23, min = 59, sec = 58})`,
		`os.time({year = 2020, month = 1})`, `os.time({year = 2020, day = 1})`, `os.time({month = 1, day = 1})`,
		`os.time({year = 2020, month = 1, day = "x"})`, `os.time({year = 2020, month = 1, day = 1, isdst = false})`, `os.time({year = 2020, month = 1, day = 1, isdst = true})`,
		`os.time(setmetatable({}, {__index = function(_, k) return ({year = 2000, month = 1, day = 1})[k] end}))`,
		`os.time({year = 2000, month = 1, day = 1, sec = 1e6})`, `os.time({year = -5000, month = 1, day = 1})`,
	)
	compareWithPUC(t, cases, withOSDate(t))
}

// CraftOS keeps os.time's -1 for 1969-12-31 23:59:59 UTC, which PUC turns
// into nil because C's mktime reports failure with that value.
func TestOSTimeMinusOne(t *testing.T) {
	tm := newTestMachine(t, Options{})
	withOSDate(t)(tm)
	if err := tm.run(`print(os.time({year = 1969, month = 12, day = 31, hour = 23, min = 59, sec = 59}))`); err != nil {
		t.Fatal(err)
	}
	if got := tm.output(); got != "-1\n" {
		t.Fatalf("got %q", got)
	}
}
