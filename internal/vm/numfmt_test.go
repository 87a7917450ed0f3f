package vm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/craftos/craftos/internal/lstring"
	lua "github.com/yuin/gopher-lua"
)

// Numbers become text as lua5.2's "%.14g" on every path (values measured
// with Lua 5.2.4 on x86-64, where 0/0 has its sign bit set).
func TestNumberTextAllPaths(t *testing.T) {
	runCases(t, []luaCase{
		{name: "concat", src: `print("Progress: " .. 2/3*100 .. "%", 1e15 .. "", 2^63 .. "", -0.0 .. "", 1/0 .. "", -1/0 .. "", (0/0) .. "", -(0/0) .. "")`,
			want: "Progress: 66.666666666667%\t1e+15\t9.2233720368548e+18\t-0\tinf\t-inf\t-nan\tnan\n"},
		{name: "every path agrees", src: `
for _, v in ipairs({2/3*100, 1e15, -0.0, 1/0, 0/0, 1e100, 123456789012345, 99999999999999, 1e14, 5e-324, 1e-5}) do
  local s = tostring(v)
  assert(v .. "" == s and string.format("%s", v) == s and table.concat({v}) == s and ("x"):rep(1) .. v == "x" .. s, s)
  print(s)
end`, want: "66.666666666667\n1e+15\n-0\ninf\n-nan\n1e+100\n1.2345678901234e+14\n99999999999999\n1e+14\n4.9406564584125e-324\n1e-05\n"},
		{name: "string coercion", src: `print(string.rep(1.5, 2), ("x"):rep(2) .. 1.0, #(1e100 .. ""), string.upper(1e15), 10 .. 20)`,
			want: "1.51.5\txx1\t6\t1E+15\t1020\n"},
		{name: "arithmetic on numeric strings", src: `print("10" + 1, "0x10" + 0, " 5 " * 2, "1e2" + 0, "10" .. 1, "0xA.8" + 0, "010" + 0, "1e400" + 0, math.floor("3.7"))`,
			want: "11\t16\t10\t100\t101\t10.5\t10\tinf\t3\n"},
		{name: "strings that are not numbers", src: `
for _, s in ipairs({"abc", "inf", "nan", "0b11", "1_000", "0x", "1e", "- 1", "0o7"}) do
  print(select(2, pcall(function() return s + 1 end)))
end
print(select(2, pcall(function() return "10" < 5 end)))`,
			want: "test:3: attempt to perform arithmetic on upvalue 's' (a string value)\n" +
				"test:3: attempt to perform arithmetic on upvalue 's' (a string value)\n" +
				"test:3: attempt to perform arithmetic on upvalue 's' (a string value)\n" +
				"test:3: attempt to perform arithmetic on upvalue 's' (a string value)\n" +
				"test:3: attempt to perform arithmetic on upvalue 's' (a string value)\n" +
				"test:3: attempt to perform arithmetic on upvalue 's' (a string value)\n" +
				"test:3: attempt to perform arithmetic on upvalue 's' (a string value)\n" +
				"test:3: attempt to perform arithmetic on upvalue 's' (a string value)\n" +
				"test:3: attempt to perform arithmetic on upvalue 's' (a string value)\n" +
				"test:5: attempt to compare string with number\n"},
	})
}

// randomNumber draws from every kind of double: random bit patterns (all
// exponents, subnormals, NaNs), integers, short decimals and values at the
// edges of "%.14g"'s integer and exponent forms.
func randomNumber(r *rand.Rand, i int) float64 {
	switch i % 6 {
	case 0:
		return math.Float64frombits(r.Uint64())
	case 1:
		return float64(r.Int64N(1<<53) - 1<<52)
	case 2:
		return float64(r.IntN(2000000)-1000000) / math.Pow(10, float64(r.IntN(12)))
	case 3:
		return math.Pow(10, float64(r.IntN(40)-20)) * (1 + float64(r.IntN(3)-1)*1e-15)
	case 4:
		return r.NormFloat64() * math.Pow(10, float64(r.IntN(30)-15))
	default:
		return float64(r.IntN(1000)) + 0.5
	}
}

// LNumber.String (gopher-lua's own "%.14g") is byte-identical to
// lstring.FormatNumber, which the lstring corpus holds to lua5.2.
func TestNumberStringMatchesLstring(t *testing.T) {
	n := 1000000
	if testing.Short() {
		n = 50000
	}
	r := rand.New(rand.NewPCG(52, 14))
	for i := 0; i < n; i++ {
		f := randomNumber(r, i)
		if got, want := lua.LNumber(f).String(), lstring.FormatNumber(f); got != want {
			t.Fatalf("%v (bits %#x): LNumber.String %q, lstring %q", f, math.Float64bits(f), got, want)
		}
	}
}

// The cost of "%.14g": a string-building loop of numbers and fib(27),
// whose arithmetic never makes text.
func BenchmarkNumberText(b *testing.B) {
	b.Run("concat-loop", func(b *testing.B) {
		benchLua(b, Options{}, `
			for n = 1, ... do
				local t = {} for i = 1, 1e5 do t[#t+1] = i .. "," .. i/3 end
			end`)
	})
	b.Run("fib27", func(b *testing.B) {
		benchLua(b, Options{}, `
			local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
			for i = 1, ... do fib(27) end`)
	})
	for _, f := range []float64{42, 123456, 1.0 / 3, 2.0 / 3 * 100, 1e15} {
		b.Run(fmt.Sprintf("String(%v)", f), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_ = lua.LNumber(f).String()
			}
		})
	}
}
