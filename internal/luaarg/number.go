package luaarg

import (
	"math"
	"strconv"
	"strings"
)

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
