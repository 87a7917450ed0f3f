// Package lstring implements Lua 5.2 (CraftOS) compatible string functions
// for gopher-lua: number-to-text conversion, an interruptible Lua pattern
// matcher, string.find/match/gmatch/gsub/rep/format and tostring.
package lstring

import (
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// FormatNumber renders f exactly as PUC Lua 5.2 does ("%.14g").
func FormatNumber(f float64) string {
	// Fast path: integers that print identically with %d and %.14g.
	if f == math.Trunc(f) && f > -1e14 && f < 1e14 && (f != 0 || !math.Signbit(f)) {
		return strconv.FormatInt(int64(f), 10)
	}
	return string(formatG(nil, f, 14, false, false))
}

// ToString converts any value to text the way Lua 5.2's tostring does,
// without consulting __tostring.
func ToString(v lua.LValue) string {
	switch x := v.(type) {
	case lua.LNumber:
		return FormatNumber(float64(x))
	case lua.LString:
		return string(x)
	case lua.LBool:
		if x {
			return "true"
		}
		return "false"
	case *lua.LNilType:
		return "nil"
	case nil:
		return "nil"
	}
	return v.String()
}

// nonFinite returns C's text for inf/nan (glibc prints the NaN sign bit).
func nonFinite(f float64, upper bool) string {
	var s string
	switch {
	case math.IsNaN(f):
		s = "nan"
	default:
		s = "inf"
	}
	if math.Signbit(f) {
		s = "-" + s
	}
	if upper {
		s = strings.ToUpper(s)
	}
	return s
}

// formatG appends C's %.<prec>g conversion of f (sign included) to buf.
// alt is the '#' flag (keep trailing zeros and the point).
func formatG(buf []byte, f float64, prec int, alt, upper bool) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(buf, nonFinite(f, upper)...)
	}
	if prec == 0 {
		prec = 1
	}
	// The exponent X is the one %e would produce at precision P-1.
	e := strconv.AppendFloat(nil, f, 'e', prec-1, 64)
	i := strings.LastIndexByte(string(e), 'e')
	x, _ := strconv.Atoi(string(e[i+1:]))
	var out []byte
	if x < prec && x >= -4 {
		out = strconv.AppendFloat(nil, f, 'f', prec-1-x, 64)
		if !alt {
			out = trimZeros(out)
		} else if prec-1-x == 0 {
			out = append(out, '.')
		}
	} else {
		mant := e[:i]
		if !alt {
			mant = trimZeros(mant)
		} else if prec == 1 {
			mant = append(mant, '.')
		}
		out = append(mant[:len(mant):len(mant)], e[i:]...)
		if upper {
			out[len(mant)] = 'E'
		}
	}
	return append(buf, out...)
}

// trimZeros removes trailing fractional zeros and a dangling point.
func trimZeros(b []byte) []byte {
	if strings.IndexByte(string(b), '.') < 0 {
		return b
	}
	for len(b) > 0 && b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if len(b) > 0 && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// isSpace is C's isspace in the "C" locale.
func isSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

// ParseNumber converts text to a number like Lua 5.2's luaO_str2d:
// decimal or hexadecimal (with optional fraction and binary exponent),
// surrounding whitespace allowed, "inf"/"nan" rejected.
func ParseNumber(s string) (float64, bool) {
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	s = s[i:j]
	if s == "" || strings.ContainsAny(s, "nN") {
		return 0, false
	}
	if strings.ContainsAny(s, "xX") {
		return hex2number(s)
	}
	for k := 0; k < len(s); k++ {
		// ParseFloat accepts '_' and other oddities that strtod does not.
		c := s[k]
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// hex2number parses [sign] 0x hexdigits [. hexdigits] [p [sign] digits].
func hex2number(s string) (float64, bool) {
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return 0, false
	}
	s = s[2:]
	var m float64
	exp := 0
	any := false
	i := 0
	for ; i < len(s) && hexDigit(s[i]) >= 0; i++ {
		m = m*16 + float64(hexDigit(s[i]))
		any = true
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && hexDigit(s[i]) >= 0; i++ {
			m = m*16 + float64(hexDigit(s[i]))
			exp -= 4
			any = true
		}
	}
	if !any {
		return 0, false
	}
	if i < len(s) && (s[i] == 'p' || s[i] == 'P') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i >= len(s) {
			return 0, false
		}
		e := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if e < 100000 {
				e = e*10 + int(s[i]-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != len(s) {
		return 0, false
	}
	f := math.Ldexp(m, exp)
	if neg {
		f = -f
	}
	return f, true
}
