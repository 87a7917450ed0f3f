package lstring

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/luatest"
)

const hexFn = `local function hex(s) return (s:gsub(".", function(c) return ("%02x"):format(c:byte()) end)) end `

// packCases avoid the two places where CraftOS follows Cobalt rather than
// lua5.3 on x86-64: T and s without a size (size_t is 4 bytes in Cobalt),
// and integral floats (5.3 prints 3.0).
var packCases = []string{
	hexFn + `out(hex(string.pack("i4", 100)), hex(string.pack(">i4", 100)), hex(string.pack("<i2", -2)))`,
	hexFn + `out(hex(string.pack("b B h H l L j J", -1, 255, -300, 65535, -5, 7, 2^40, 2^52)))`,
	hexFn + `out(hex(string.pack("i3 I3 i1 I1", -8388608, 16777215, 127, 0)))`,
	hexFn + `out(hex(string.pack("i16", -2)), hex(string.pack(">I9", 258)), hex(string.pack("i12", 3)))`,
	hexFn + `out(hex(string.pack("f d n", 1.5, -0.25, 1e300)), hex(string.pack(">d", 2.5)))`,
	hexFn + `out(hex(string.pack("z c5 s2 s1", "hi", "abc", "xyz", "")))`,
	hexFn + `out(hex(string.pack("!4 b i4 b i8", 1, 2, 3, 4)), hex(string.pack("!b h", 1, 2)), hex(string.pack("! b d", 1, 0.5)))`,
	hexFn + `out(hex(string.pack("!8 b Xi8 b", 1, 2)), hex(string.pack("b x x h", 1, 2)), hex(string.pack("!2 b Xd", 1)))`,
	hexFn + `out(hex(string.pack("= < > i2", 1)), hex(string.pack("")), hex(string.pack("s4", "ab")))`,
	`out(string.unpack("i4", string.pack("i4", -123456)))`,
	`out(string.unpack("<i2 >i2", "\1\2\1\2"))`,
	`out(string.unpack("B b H h", "\255\255\255\255\1\128"))`,
	`out(string.unpack("z z", "ab\0cd\0rest"))`,
	`out(string.unpack("s1 c3", "\3abcxyz"))`,
	`out(string.unpack("d f", string.pack("d f", 1.25, -2.5)))`,
	`out(string.unpack("i4", string.pack("i4", 7) .. string.pack("i4", 8), 5))`,
	`out(string.unpack("i4", "xxxx\1\0\0\0", -4))`,
	`out(string.unpack("i16", string.pack("i16", -3)))`, `out(string.unpack("I9", string.pack("I9", 2^40)))`,
	`out(string.unpack("j", string.pack("j", 2^40)))`, `out(string.unpack("!4 b i4", string.pack("!4 b i4", 1, 2)))`,
	`out(string.unpack("b Xi4 i4", "\1\0\0\0\2\0\0\0"))`, `out(string.unpack("!4 b Xi4 i4", "\1\0\0\0\2\0\0\0"))`,
	`out(string.packsize("i4 i8 d b"), string.packsize("!8 b d"), string.packsize("!4 h i8"), string.packsize(""), string.packsize("c10 x"))`,
	// errors
	`string.pack("i17", 1)`, `string.pack("i0", 1)`, `string.pack("q", 1)`, `string.pack("c", "a")`,
	`string.pack("i1", 128)`, `string.pack("i1", -129)`, `string.pack("I1", 256)`, `string.pack("I1", -1)`,
	`string.pack("i4", 1.5)`, `string.pack("i4", "x")`, `string.pack("i4", "12")`,
	`string.pack("c2", "abc")`, `string.pack("z", "a\0b")`, `string.pack("s1", ("x"):rep(256))`,
	`string.pack("!3 i4", 1)`, `string.pack("!4 i3", 1)`, `string.pack("X", 1)`, `string.pack("Xc1", 1)`, `string.pack("Xz", 1)`,
	`string.pack(nil)`, `string.pack("d", "x")`, `string.pack("j", 2^63)`, `string.pack("j", -2^63)`,
	`string.unpack("i4", "abc")`, `string.unpack("i4", "abcd", 2)`, `string.unpack("i4", "abcd", 6)`, `string.unpack("i4", "abcd", 0)`,
	`string.unpack("i4", "abcd", -10)`, `string.unpack("z", "abc")`, `string.unpack("s1", "\5ab")`,
	`string.unpack("i9", "\0\0\0\0\0\0\0\0\1")`, `string.unpack("i9", "\255\255\255\255\255\255\255\255\255")`,
	`string.unpack("i4", "abcd", 5)`, `out(string.unpack("", "abc", 4))`,
	`string.packsize("s")`, `string.packsize("z")`, `string.packsize("i4", 1)`, `string.packsize("c2147483647 c2")`,
}

func TestPackLua53(t *testing.T) {
	lua53, err := exec.LookPath("lua5.3")
	if err != nil {
		t.Skip("lua5.3 not on PATH")
	}
	want := luatest.RunPUC(t, lua53, packCases)
	for i, c := range packCases {
		if got := runGo(c); got != want[i] {
			t.Errorf("case %d %s\n got: %q\nwant: %q", i, c, got, want[i])
		}
	}
}

// Where CraftOS follows CC:Tweaked's Cobalt: size_t is 4 bytes (T, and s
// without a size), numbers are doubles; bytes computed by hand.
func TestPackCobalt(t *testing.T) {
	cases := []struct{ code, want string }{
		{hexFn + `out(hex(string.pack("T", 258)), hex(string.pack("s", "ab")), string.packsize("T"))`, "02010000\t020000006162\t4\n"},
		{`out(string.unpack("s", "\2\0\0\0ab!"))`, "ab\t7\n"},
		{`out(string.unpack("j", string.pack("j", 2^53 + 2)))`, "9.007199254741e+15\t9\n"},
		{`out(string.unpack("J", string.pack("J", -1)))`, "-1\t9\n"},
		{`out(string.unpack("n", string.pack("n", 3)))`, "3\t9\n"},
		{`string.pack("T", 2^32)`, "ERR: case:1: bad argument #2 to 'pack' (unsigned overflow)\n"},
	}
	for _, c := range cases {
		if got := runGo(c.code); got != c.want {
			t.Errorf("%s\n got: %q\nwant: %q", c.code, got, c.want)
		}
	}
	if !strings.Contains(runGo(`out(type(string.pack))`), "function") {
		t.Error("string.pack missing")
	}
}
