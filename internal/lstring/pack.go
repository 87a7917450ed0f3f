package lstring

import (
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/luaarg"
)

// string.pack, string.unpack and string.packsize: Lua 5.3's lstrlib.c
// formats and error texts, on CC:Tweaked's Cobalt machine (size_t is 4
// bytes, so T and s default to 4; lua_Integer and long are 8). Numbers are
// doubles: an integer format takes a number with an exact int64 value, and
// unpacked integers become the nearest double, as in Cobalt.

const (
	sizeofSizeT = 4  // Cobalt's size_t
	maxIntSize  = 16 // MAXINTSIZE
	nativeAlign = 8  // MAXALIGN
	szInt       = 8  // sizeof(lua_Integer)
)

type kOption int

const (
	kInt kOption = iota
	kUint
	kFloat
	kChar
	kString
	kZstr
	kPadding
	kPaddAlign
	kNop
)

// packHeader is the format's state: the byte order and the largest
// alignment (1 until '!' sets it, so nothing is aligned by default).
type packHeader struct {
	L        *lua.LState
	fname    string
	little   bool
	maxAlign int
	fmt      string
}

func digit(c byte) bool { return c >= '0' && c <= '9' }

func (h *packHeader) getNum(df int) int {
	if h.fmt == "" || !digit(h.fmt[0]) {
		return df
	}
	a := 0
	for {
		a = a*10 + int(h.fmt[0]-'0')
		h.fmt = h.fmt[1:]
		if h.fmt == "" || !digit(h.fmt[0]) || a > (math.MaxInt32-9)/10 {
			return a
		}
	}
}

func (h *packHeader) getNumLimit(df int) int {
	sz := h.getNum(df)
	if sz > maxIntSize || sz <= 0 {
		luaarg.RaiseText(h.L, "integral size ("+strconv.Itoa(sz)+") out of limits [1,16]")
	}
	return sz
}

// getOption reads one option and its size.
func (h *packHeader) getOption() (kOption, int) {
	opt := h.fmt[0]
	h.fmt = h.fmt[1:]
	switch opt {
	case 'b':
		return kInt, 1
	case 'B':
		return kUint, 1
	case 'h':
		return kInt, 2
	case 'H':
		return kUint, 2
	case 'l', 'j':
		return kInt, 8
	case 'L', 'J':
		return kUint, 8
	case 'T':
		return kUint, sizeofSizeT
	case 'f':
		return kFloat, 4
	case 'd', 'n':
		return kFloat, 8
	case 'i':
		return kInt, h.getNumLimit(4)
	case 'I':
		return kUint, h.getNumLimit(4)
	case 's':
		return kString, h.getNumLimit(sizeofSizeT)
	case 'c':
		size := h.getNum(-1)
		if size == -1 {
			luaarg.RaiseText(h.L, "missing size for format option 'c'")
		}
		return kChar, size
	case 'z':
		return kZstr, 0
	case 'x':
		return kPadding, 1
	case 'X':
		return kPaddAlign, 0
	case ' ':
	case '<', '=': // Cobalt's native order is little-endian
		h.little = true
	case '>':
		h.little = false
	case '!':
		h.maxAlign = h.getNumLimit(nativeAlign)
	default:
		luaarg.RaiseText(h.L, "invalid format option '"+string(opt)+"'")
	}
	return kNop, 0
}

// getDetails reads an option and the padding that aligns it at total.
func (h *packHeader) getDetails(total int) (opt kOption, size, toAlign int) {
	opt, size = h.getOption()
	align := size
	if opt == kPaddAlign {
		// X takes its alignment from the next option, which it consumes.
		bad := h.fmt == ""
		if !bad {
			var next kOption
			next, align = h.getOption()
			bad = next == kChar || align == 0
		}
		if bad {
			luaarg.ArgError(h.L, 1, h.fname, "invalid next option for option 'X'")
		}
	}
	if align <= 1 || opt == kChar {
		return opt, size, 0
	}
	align = min(align, h.maxAlign)
	if align&(align-1) != 0 {
		luaarg.ArgError(h.L, 1, h.fname, "format asks for alignment not power of 2")
	}
	return opt, size, (align - total&(align-1)) & (align - 1)
}

// packInteger is luaL_checkinteger on a double: an exact int64 value.
func packInteger(L *lua.LState, n int, fname string) int64 {
	f := luaarg.CheckNumber(L, n, fname)
	if f != math.Floor(f) || f < -9223372036854775808.0 || f >= 9223372036854775808.0 {
		luaarg.ArgError(L, n, fname, "number has no integer representation")
	}
	return int64(f)
}

func packInt(b []byte, v uint64, little bool, size int, neg bool) []byte {
	buf := make([]byte, size)
	for i := 0; i < size; i++ {
		var c byte
		if i < 8 {
			c = byte(v >> (8 * i))
		} else if neg {
			c = 0xFF // sign-extend past 8 bytes
		}
		if little {
			buf[i] = c
		} else {
			buf[size-1-i] = c
		}
	}
	return append(b, buf...)
}

func strPack(L *lua.LState) int {
	h := &packHeader{L: L, fname: "pack", little: true, maxAlign: 1, fmt: luaarg.CheckString(L, 1, "pack")}
	var b []byte
	arg := 1
	for h.fmt != "" {
		opt, size, toAlign := h.getDetails(len(b))
		L.CheckAlloc(int64(len(b) + toAlign + size)) // c2000000000 is one option
		for ; toAlign > 0; toAlign-- {
			b = append(b, 0)
		}
		arg++
		switch opt {
		case kInt:
			n := packInteger(L, arg, "pack")
			if size < szInt {
				lim := int64(1) << (size*8 - 1)
				if !(-lim <= n && n < lim) {
					luaarg.ArgError(L, arg, "pack", "integer overflow")
				}
			}
			b = packInt(b, uint64(n), h.little, size, n < 0)
		case kUint:
			n := packInteger(L, arg, "pack")
			if size < szInt && uint64(n) >= uint64(1)<<(size*8) {
				luaarg.ArgError(L, arg, "pack", "unsigned overflow")
			}
			b = packInt(b, uint64(n), h.little, size, false)
		case kFloat:
			f := luaarg.CheckNumber(L, arg, "pack")
			if size == 4 {
				b = packInt(b, uint64(math.Float32bits(float32(f))), h.little, 4, false)
			} else {
				b = packInt(b, math.Float64bits(f), h.little, 8, false)
			}
		case kChar:
			s := luaarg.CheckString(L, arg, "pack")
			if len(s) > size {
				luaarg.ArgError(L, arg, "pack", "string longer than given size")
			}
			b = append(b, s...)
			for i := len(s); i < size; i++ {
				b = append(b, 0)
			}
		case kString:
			s := luaarg.CheckString(L, arg, "pack")
			if size < 8 && uint64(len(s)) >= uint64(1)<<(size*8) {
				luaarg.ArgError(L, arg, "pack", "string length does not fit in given size")
			}
			b = packInt(b, uint64(len(s)), h.little, size, false)
			b = append(b, s...)
		case kZstr:
			s := luaarg.CheckString(L, arg, "pack")
			if strings.IndexByte(s, 0) >= 0 {
				luaarg.ArgError(L, arg, "pack", "string contains zeros")
			}
			b = append(append(b, s...), 0)
		case kPadding:
			b = append(b, 0)
			arg--
		default:
			arg--
		}
	}
	L.Push(lua.LString(b))
	return 1
}

func strPackSize(L *lua.LState) int {
	h := &packHeader{L: L, fname: "packsize", little: true, maxAlign: 1, fmt: luaarg.CheckString(L, 1, "packsize")}
	total := 0
	for h.fmt != "" {
		opt, size, toAlign := h.getDetails(total)
		size += toAlign
		if total > math.MaxInt32-size {
			luaarg.ArgError(L, 1, "packsize", "format result too large")
		}
		total += size
		if opt == kString || opt == kZstr {
			luaarg.ArgError(L, 1, "packsize", "variable-length format")
		}
	}
	L.Push(lua.LNumber(total))
	return 1
}

func unpackInt(L *lua.LState, s string, little bool, size int, signed bool) int64 {
	var res uint64
	limit := min(size, szInt)
	for i := limit - 1; i >= 0; i-- {
		res <<= 8
		if little {
			res |= uint64(s[i])
		} else {
			res |= uint64(s[size-1-i])
		}
	}
	if size < szInt {
		if signed {
			mask := uint64(1) << (size*8 - 1)
			res = (res ^ mask) - mask
		}
	} else if size > szInt {
		var mask byte
		if signed && int64(res) < 0 {
			mask = 0xFF
		}
		for i := limit; i < size; i++ {
			c := s[i]
			if !little {
				c = s[size-1-i]
			}
			if c != mask {
				luaarg.RaiseText(L, strconv.Itoa(size)+"-byte integer does not fit into Lua Integer")
			}
		}
	}
	return int64(res)
}

func strUnpack(L *lua.LState) int {
	h := &packHeader{L: L, fname: "unpack", little: true, maxAlign: 1, fmt: luaarg.CheckString(L, 1, "unpack")}
	data := luaarg.CheckString(L, 2, "unpack")
	ld := int64(len(data))
	pos := luaarg.OptInteger(L, 3, "unpack", 1)
	switch { // posrelat
	case pos < 0 && -pos > ld:
		pos = 0
	case pos < 0:
		pos = ld + pos + 1
	}
	pos-- // 0-based; -1 stands for C's wrapped size_t
	if pos < 0 || pos > ld {
		luaarg.ArgError(L, 3, "unpack", "initial position out of string")
	}
	n := 0
	for h.fmt != "" {
		opt, size, toAlign := h.getDetails(int(pos))
		if pos+int64(toAlign)+int64(size) > ld {
			luaarg.ArgError(L, 2, "unpack", "data string too short")
		}
		pos += int64(toAlign)
		at := data[pos:]
		n++
		switch opt {
		case kInt, kUint:
			L.Push(lua.LNumber(unpackInt(L, at, h.little, size, opt == kInt)))
		case kFloat:
			bits := uint64(unpackInt(L, at, h.little, size, false))
			if size == 4 {
				L.Push(lua.LNumber(math.Float32frombits(uint32(bits))))
			} else {
				L.Push(lua.LNumber(math.Float64frombits(bits)))
			}
		case kChar:
			L.Push(lua.LString(at[:size]))
		case kString:
			l := uint64(unpackInt(L, at, h.little, size, false))
			if l > uint64(ld-pos-int64(size)) {
				luaarg.ArgError(L, 2, "unpack", "data string too short")
			}
			L.Push(lua.LString(at[size : size+int(l)]))
			pos += int64(l)
		case kZstr:
			l := strings.IndexByte(at, 0)
			if l < 0 { // 5.3 and Cobalt read to the end (5.4 refuses)
				l = len(at)
			}
			L.Push(lua.LString(at[:l]))
			pos += int64(l) + 1
		default:
			n--
		}
		pos += int64(size)
	}
	L.Push(lua.LNumber(pos + 1))
	return n + 1
}
