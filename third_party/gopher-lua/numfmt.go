package lua

import (
	"math"
	"strconv"
)

// craftos: numbers become text as Lua 5.2's lua_Number2str, C's "%.14g"
// (tostring, .., table.concat, io.write and every string coercion agree):
// 2/3*100 is 66.666666666667, 1e15 is 1e+15, -0.0 is -0, 1/0 is inf, and
// NaN is nan or -nan after its sign bit, as glibc prints it.

// FormatNumber returns f as "%.14g" writes it.
func FormatNumber(f float64) string {
	// Integral values below 1e14 print all their digits with no exponent.
	if f > -1e14 && f < 1e14 {
		if i := int64(f); float64(i) == f && (i != 0 || !math.Signbit(f)) {
			if uint64(i) < uint64(len(smallInts)) {
				return smallInts[i]
			}
			return strconv.FormatInt(i, 10)
		}
	}
	switch {
	case math.IsNaN(f):
		if math.Signbit(f) {
			return "-nan"
		}
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	// Go's 'g' at a fixed precision is C's: the same rounding, trailing
	// zeros dropped, %e past the precision with at least two exponent digits.
	return strconv.FormatFloat(f, 'g', 14, 64)
}

// smallInts saves the allocation for the commonest numbers.
var smallInts = func() (s [256]string) {
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return
}()
