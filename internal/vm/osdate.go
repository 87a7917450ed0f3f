package vm

import (
	"math"
	"strconv"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// OSDate is os.date([format [, time]]) as PUC Lua 5.2's os_date with C's
// strftime in the C locale, which CC:Tweaked's os.date follows: "!" for UTC,
// "*t" for a table, "%c" by default.
func OSDate(L *lua.LState) int {
	format := "%c"
	if L.Get(1) != lua.LNil {
		format = luaarg.CheckString(L, 1, "date")
	}
	var t time.Time
	if L.Get(2) == lua.LNil {
		t = time.Now()
	} else {
		secs := luaarg.CheckNumber(L, 2, "date")
		// time_t is the number truncated; gmtime/localtime fail (nil) past
		// the years a C int holds.
		if math.IsNaN(secs) || math.Abs(secs) > 1<<55 {
			L.Push(lua.LNil)
			return 1
		}
		t = time.Unix(int64(secs), 0)
	}
	utc := strings.HasPrefix(format, "!")
	if utc {
		format = format[1:]
		t = t.UTC()
	} else {
		t = t.Local()
	}
	if y := int64(t.Year()) - 1900; y > math.MaxInt32 || y < math.MinInt32 {
		L.Push(lua.LNil)
		return 1
	}
	if format == "*t" {
		L.Push(dateTable(L, t))
		return 1
	}
	if i := strings.IndexByte(format, 0); i >= 0 {
		format = format[:i] // C's strings end at the first NUL
	}
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		conv, n := dateConversion(format[i+1:])
		if n == 0 {
			luaarg.ArgError(L, 1, "date", "invalid conversion specifier '%"+format[i+1:]+"'")
		}
		strftime(&b, conv, t, utc)
		i += n
	}
	L.Push(lua.LString(b.String()))
	return 1
}

// dateConversion checks the conversion after a '%' against Lua 5.2's
// LUA_STRFTIMEOPTIONS (C99's, with the E and O modifiers, which change
// nothing in the C locale); it returns the conversion character and how
// many bytes it took, 0 when it is invalid.
func dateConversion(s string) (byte, int) {
	const single = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"
	if s == "" {
		return 0, 0
	}
	if strings.IndexByte(single, s[0]) >= 0 {
		return s[0], 1
	}
	if len(s) >= 2 {
		switch {
		case s[0] == 'E' && strings.IndexByte("cCxXyY", s[1]) >= 0,
			s[0] == 'O' && strings.IndexByte("deHImMSuUVwWy", s[1]) >= 0:
			return s[1], 2
		}
	}
	return 0, 0
}

var (
	weekdays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	months   = []string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
)

// strftime writes one conversion as glibc's strftime does in the C locale.
func strftime(b *strings.Builder, c byte, t time.Time, utc bool) {
	num := func(n, width int, pad byte) {
		s := strconv.Itoa(abs(n))
		if n < 0 {
			b.WriteByte('-')
		}
		for i := len(s); i < width; i++ {
			b.WriteByte(pad)
		}
		b.WriteString(s)
	}
	year, wday, yday := t.Year(), int(t.Weekday()), t.YearDay()-1
	switch c {
	case 'a':
		b.WriteString(weekdays[wday][:3])
	case 'A':
		b.WriteString(weekdays[wday])
	case 'b', 'h':
		b.WriteString(months[t.Month()-1][:3])
	case 'B':
		b.WriteString(months[t.Month()-1])
	case 'c':
		for _, x := range "a b e H:M:S Y" {
			if x == ' ' || x == ':' {
				b.WriteRune(x)
			} else {
				strftime(b, byte(x), t, utc)
			}
		}
	case 'C':
		num(floorDiv(year, 100), 2, '0')
	case 'd':
		num(t.Day(), 2, '0')
	case 'D', 'x':
		compose(b, "m/d/y", t, utc)
	case 'e':
		num(t.Day(), 2, ' ')
	case 'F':
		compose(b, "Y-m-d", t, utc)
	case 'g':
		y, _ := t.ISOWeek()
		num(mod(y, 100), 2, '0')
	case 'G':
		y, _ := t.ISOWeek()
		num(y, 1, '0')
	case 'H':
		num(t.Hour(), 2, '0')
	case 'I':
		num((t.Hour()+11)%12+1, 2, '0')
	case 'j':
		num(yday+1, 3, '0')
	case 'm':
		num(int(t.Month()), 2, '0')
	case 'M':
		num(t.Minute(), 2, '0')
	case 'n':
		b.WriteByte('\n')
	case 'p':
		if t.Hour() < 12 {
			b.WriteString("AM")
		} else {
			b.WriteString("PM")
		}
	case 'r':
		compose(b, "I:M:S p", t, utc)
	case 'R':
		compose(b, "H:M", t, utc)
	case 'S':
		num(t.Second(), 2, '0')
	case 't':
		b.WriteByte('\t')
	case 'T', 'X':
		compose(b, "H:M:S", t, utc)
	case 'u':
		num((wday+6)%7+1, 1, '0')
	case 'U':
		num((yday+7-wday)/7, 2, '0')
	case 'V':
		_, w := t.ISOWeek()
		num(w, 2, '0')
	case 'w':
		num(wday, 1, '0')
	case 'W':
		num((yday+7-(wday+6)%7)/7, 2, '0')
	case 'y':
		num(mod(year, 100), 2, '0')
	case 'Y':
		num(year, 1, '0')
	case 'z':
		_, off := t.Zone()
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		b.WriteByte(sign)
		num(off/3600*100+off%3600/60, 4, '0')
	case 'Z':
		if utc {
			b.WriteString("GMT") // glibc's gmtime names UTC so
		} else {
			name, _ := t.Zone()
			b.WriteString(name)
		}
	case '%':
		b.WriteByte('%')
	}
}

// compose writes conversions separated by the punctuation between them.
func compose(b *strings.Builder, spec string, t time.Time, utc bool) {
	for i := 0; i < len(spec); i++ {
		if c := spec[i]; c == ' ' || c == ':' || c == '/' || c == '-' {
			b.WriteByte(c)
		} else {
			strftime(b, c, t, utc)
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func mod(a, b int) int { return a - floorDiv(a, b)*b }

// dateTable is os.date("*t"): the fields of C's struct tm.
func dateTable(L *lua.LState, t time.Time) *lua.LTable {
	tbl := L.CreateTable(0, 9)
	set := func(k string, v int) { tbl.RawSetString(k, lua.LNumber(v)) }
	set("year", t.Year())
	set("month", int(t.Month()))
	set("day", t.Day())
	set("hour", t.Hour())
	set("min", t.Minute())
	set("sec", t.Second())
	set("wday", int(t.Weekday())+1)
	set("yday", t.YearDay())
	tbl.RawSetString("isdst", lua.LBool(t.IsDST()))
	return tbl
}

// OSTime is os.time(table) as PUC Lua 5.2's: fields read through
// metamethods and truncated, day, month and year required (checked in
// that order), out-of-range fields normalised as mktime does, in local
// time; nil when the result cannot be represented.
func OSTime(L *lua.LState, t lua.LValue) lua.LValue {
	field := func(key string, def int) int {
		var f float64
		ok := false
		switch x := L.GetField(t, key).(type) {
		case lua.LNumber:
			f, ok = float64(x), true
		case lua.LString:
			f, ok = luaarg.ParseNumber(string(x))
		}
		if !ok {
			if def < 0 {
				luaarg.Raise(L, "field '%s' missing in date table", key)
			}
			return def
		}
		return int(cInt(f))
	}
	sec := field("sec", 0)
	min := field("min", 0)
	hour := field("hour", 12)
	day := field("day", -1)
	month := field("month", -1)
	year := field("year", -1)
	isdst := L.GetField(t, "isdst")
	when := time.Date(year, time.Month(month), day, hour, min, sec, 0, time.Local)
	// tm_isdst set against the zone's rule moves the time by the hour of
	// difference, as glibc's mktime does.
	if isdst != lua.LNil {
		if want := lua.LVAsBool(isdst); want && !when.IsDST() {
			when = when.Add(-time.Hour)
		} else if !want && when.IsDST() {
			when = when.Add(time.Hour)
		}
	}
	return lua.LNumber(when.Unix())
}
