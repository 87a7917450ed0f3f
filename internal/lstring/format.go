package lstring

import (
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// spec is one parsed conversion of string.format (C printf flags).
type spec struct {
	minus, plus, space, alt, zero bool
	width, prec                   int // -1 when absent
	conv                          byte
}

// pad applies width to body, where the first `lead` bytes of body (sign,
// 0x prefix) stay in front of any zero padding.
func (sp *spec) pad(b []byte, body string, lead int, zeroOK bool) []byte {
	n := sp.width - len(body)
	if n <= 0 {
		return append(b, body...)
	}
	switch {
	case sp.minus:
		b = append(b, body...)
		for ; n > 0; n-- {
			b = append(b, ' ')
		}
	case sp.zero && zeroOK:
		b = append(b, body[:lead]...)
		for ; n > 0; n-- {
			b = append(b, '0')
		}
		b = append(b, body[lead:]...)
	default:
		for ; n > 0; n-- {
			b = append(b, ' ')
		}
		b = append(b, body...)
	}
	return b
}

func (sp *spec) sign(neg bool) string {
	switch {
	case neg:
		return "-"
	case sp.plus:
		return "+"
	case sp.space:
		return " "
	}
	return ""
}

// fmtInt formats an integer conversion (d i o u x X) like C.
func (sp *spec) fmtInt(b []byte, neg bool, u uint64) []byte {
	var digits string
	switch sp.conv {
	case 'o':
		digits = strconv.FormatUint(u, 8)
	case 'x':
		digits = strconv.FormatUint(u, 16)
	case 'X':
		digits = strings.ToUpper(strconv.FormatUint(u, 16))
	default:
		digits = strconv.FormatUint(u, 10)
	}
	if sp.prec >= 0 {
		if sp.prec == 0 && u == 0 {
			digits = ""
		}
		if len(digits) < sp.prec {
			digits = strings.Repeat("0", sp.prec-len(digits)) + digits
		}
	}
	prefix := ""
	switch sp.conv {
	case 'd', 'i':
		prefix = sp.sign(neg)
	case 'o':
		if sp.alt && (len(digits) == 0 || digits[0] != '0') {
			digits = "0" + digits
		}
	case 'x':
		if sp.alt && u != 0 {
			prefix = "0x"
		}
	case 'X':
		if sp.alt && u != 0 {
			prefix = "0X"
		}
	}
	return sp.pad(b, prefix+digits, len(prefix), sp.prec < 0)
}

// fmtFloat formats e E f g G a A like glibc.
func (sp *spec) fmtFloat(b []byte, f float64) []byte {
	upper := sp.conv == 'E' || sp.conv == 'G' || sp.conv == 'A'
	neg := math.Signbit(f)
	if math.IsInf(f, 0) || math.IsNaN(f) {
		s := "inf"
		if math.IsNaN(f) {
			s = "nan"
		}
		if upper {
			s = strings.ToUpper(s)
		}
		sg := sp.sign(neg)
		return sp.pad(b, sg+s, len(sg), false)
	}
	a := math.Abs(f)
	prec := sp.prec
	var body []byte
	lead := 0
	switch sp.conv {
	case 'f':
		if prec < 0 {
			prec = 6
		}
		body = strconv.AppendFloat(nil, a, 'f', prec, 64)
		if sp.alt && prec == 0 {
			body = append(body, '.')
		}
	case 'e', 'E':
		if prec < 0 {
			prec = 6
		}
		body = strconv.AppendFloat(nil, a, 'e', prec, 64)
		if sp.alt && prec == 0 {
			i := strings.IndexByte(string(body), 'e')
			body = append(body[:i:i], append([]byte{'.'}, body[i:]...)...)
		}
		if upper {
			body = []byte(strings.ToUpper(string(body)))
		}
	case 'g', 'G':
		if prec < 0 {
			prec = 6
		}
		body = formatG(nil, a, prec, sp.alt, upper)
	case 'a', 'A':
		body = []byte(hexFloat(a, prec, sp.alt))
		lead = 2
		if upper {
			body = []byte(strings.ToUpper(string(body)))
		}
	}
	sg := sp.sign(neg)
	return sp.pad(b, sg+string(body), len(sg)+lead, true)
}

// hexFloat renders a non-negative finite number like glibc's %a.
func hexFloat(a float64, prec int, alt bool) string {
	var s string
	if a != 0 && a < 0x1p-1022 && prec < 0 {
		// glibc keeps subnormals unnormalised: 0x0.<52 bits>p-1022.
		m := math.Float64bits(a) & (1<<52 - 1)
		h := strings.TrimRight(strconv.FormatUint(m|1<<52, 16)[1:], "0")
		s = "0x0." + h + "p-1022"
	} else {
		s = strconv.FormatFloat(a, 'x', prec, 64)
		// Go writes at least two exponent digits; C writes at least one.
		i := strings.IndexByte(s, 'p')
		exp := s[i+2:]
		for len(exp) > 1 && exp[0] == '0' {
			exp = exp[1:]
		}
		s = s[:i+2] + exp
	}
	if alt && !strings.Contains(s, ".") {
		i := strings.IndexByte(s, 'p')
		s = s[:i] + "." + s[i:]
	}
	return s
}

// addQuoted appends s as a Lua 5.2 %q literal.
func addQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\' || c == '\n':
			b = append(b, '\\', c)
		case c == 0 || ctype[c]&clCntrl != 0:
			b = append(b, '\\')
			if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				b = append(b, '0'+c/100, '0'+c/10%10, '0'+c%10)
			} else {
				b = strconv.AppendInt(b, int64(c), 10)
			}
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func strFormat(L *lua.LState) int {
	const def = "string.format"
	top := L.GetTop()
	arg := 1
	fs := luaarg.CheckString(L, 1, def)
	at := func(i int) byte { // C string view: 0 past the end
		if i < len(fs) {
			return fs[i]
		}
		return 0
	}
	b := make([]byte, 0, len(fs)+16)
	for i := 0; i < len(fs); {
		if fs[i] != '%' {
			b = append(b, fs[i])
			i++
			continue
		}
		i++
		if at(i) == '%' {
			b = append(b, '%')
			i++
			continue
		}
		arg++
		if arg > top {
			luaarg.ArgError(L, arg, def, "no value")
		}
		// scanformat: up to 5 flag characters, 2 width and 2 precision digits.
		sp := spec{width: -1, prec: -1}
		start := i
		for c := at(i); c != 0 && strings.IndexByte("-+ #0", c) >= 0; c = at(i) {
			switch c {
			case '-':
				sp.minus = true
			case '+':
				sp.plus = true
			case ' ':
				sp.space = true
			case '#':
				sp.alt = true
			case '0':
				sp.zero = true
			}
			i++
		}
		if i-start >= 6 {
			luaarg.RaiseText(L, "invalid format (repeated flags)")
		}
		for k := 0; k < 2 && isDigit(at(i)); k++ {
			sp.width = max(sp.width, 0)*10 + int(at(i)-'0')
			i++
		}
		hasDot := false
		if at(i) == '.' {
			hasDot = true
			sp.prec = 0
			i++
			for k := 0; k < 2 && isDigit(at(i)); k++ {
				sp.prec = sp.prec*10 + int(at(i)-'0')
				i++
			}
		}
		if isDigit(at(i)) {
			luaarg.RaiseText(L, "invalid format (width or precision too long)")
		}
		sp.conv = at(i)
		i++
		switch sp.conv {
		case 'c':
			c := byte(luaarg.CheckInteger(L, arg, def))
			b = sp.pad(b, string([]byte{c}), 0, false)
		case 'd', 'i':
			n := luaarg.CheckNumber(L, arg, def)
			if !(n >= -9223372036854775808.0 && n < 9223372036854775808.0) {
				luaarg.ArgError(L, arg, def, "not a number in proper range")
			}
			ni := int64(n)
			u := uint64(ni)
			if ni < 0 {
				u = -u
			}
			b = sp.fmtInt(b, ni < 0, u)
		case 'o', 'u', 'x', 'X':
			n := luaarg.CheckNumber(L, arg, def)
			if !(n > -1 && n < 18446744073709551616.0) {
				luaarg.ArgError(L, arg, def, "not a non-negative number in proper range")
			}
			var u uint64
			if n > 0 {
				u = uint64(n)
			}
			b = sp.fmtInt(b, false, u)
		case 'e', 'E', 'f', 'g', 'G', 'a', 'A':
			b = sp.fmtFloat(b, luaarg.CheckNumber(L, arg, def))
		case 'q':
			q := luaarg.CheckString(L, arg, def)
			L.CheckAlloc(int64(len(b) + len(q)))
			b = addQuoted(b, q)
		case 's':
			s := toLString(L, L.Get(arg))
			if !hasDot && len(s) >= 100 {
				L.CheckAlloc(int64(len(b) + len(s)))
				b = append(b, s...) // PUC adds long strings unformatted
				break
			}
			if z := strings.IndexByte(s, 0); z >= 0 {
				s = s[:z] // sprintf stops at NUL
			}
			if sp.prec >= 0 && len(s) > sp.prec {
				s = s[:sp.prec]
			}
			b = sp.pad(b, s, 0, false)
		default:
			luaarg.RaiseText(L, "invalid option '%"+string([]byte{sp.conv})+"' to 'format'")
		}
	}
	L.Push(lua.LString(b))
	return 1
}
