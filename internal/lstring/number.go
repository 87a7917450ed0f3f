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
