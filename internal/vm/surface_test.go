package vm

import (
	"strings"
	"testing"
)

// The Lua 5.2 surface CraftOS programs rely on. Expected outputs are PUC Lua
// 5.2.4's (checked with Debian's lua5.2), except where CraftOS differs
// (utf8 and \u{} from 5.3, loadstring's names) or gopher-lua cannot follow.

func TestLoad(t *testing.T) {
	runCases(t, []luaCase{
		{name: "string chunk", src: `print(load("return 1 + ...", "=chunk")(2))`, want: "3\n"},
		{name: "reader function", src: `
			local parts, i = {"return ", "4", "2", nil}, 0
			print(load(function() i = i + 1 return parts[i] end)())`, want: "42\n"},
		{name: "reader ends on empty string", src: `
			local parts, i = {"return 1", "", "+ 1"}, 0
			print(load(function() i = i + 1 return parts[i] end)())`, want: "1\n"},
		{name: "reader returning a non-string", src: `print(load(function() return 1 end))`,
			want: "nil\treader function must return a string\n"},
		{name: "env", src: `
			local env = {x = 5}
			print(load("y = x * 2 return y", "n", "t", env)(), env.y, y)`, want: "10\t10\tnil\n"},
		{name: "env with reader", src: `
			local done
			local f = load(function() if done then return nil end done = true return "return z" end, "r", "t", {z = "zed"})
			print(f())`, want: "zed\n"},
		{name: "default env is _G", src: `g = 7 print(load("return g")())`, want: "7\n"},
		{name: "mode b refuses text", src: `print(load("return 1", "n", "b"))`,
			want: "nil\tattempt to load a text chunk (mode is 'b')\n"},
		{name: "mode t accepts text", src: `print(load("return 1", "n", "t")())`, want: "1\n"},
		{name: "binary refused", src: `print((load("\27Lua")))`, want: "nil\n"},
		{name: "syntax error with =name", src: `print(load("x=", "=mychunk"))`,
			want: "nil\tmychunk:1: unexpected symbol near <eof>\n"},
		{name: "syntax error with @name", src: `print(load("return 1 +", "@file.lua"))`,
			want: "nil\tfile.lua:1: unexpected symbol near <eof>\n"},
		{name: "syntax error names the source", src: `print(load("x="))`,
			want: "nil\t[string \"x=\"]:1: unexpected symbol near <eof>\n"},
		{name: "short source is kept", src: `print(load("x = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 +"))`,
			want: "nil\t[string \"x = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 +\"]:1: unexpected symbol near <eof>\n"},
		{name: "long source is cut", src: `print(load("x = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 +"))`,
			want: "nil\t[string \"x = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + ...\"]:1: unexpected symbol near <eof>\n"},
		{name: "multi-line source shows first line", src: `print(load("local a = 1\nx ="))`,
			want: "nil\t[string \"local a = 1...\"]:2: unexpected symbol near <eof>\n"},
		{name: "runtime error position", src: `print(pcall(load("local a = 1\nerror('e')", "=mine")))`,
			want: "false\tmine:2: e\n"},
		{name: "bad chunk argument", src: `print(pcall(load, true))`, want: "false\tbad argument #1 to 'load' (function expected, got boolean)\n"},
		{name: "number chunk", src: `print(load(42))`, want: "nil\t[string \"42\"]:1: unexpected symbol near '42'\n"},
		{name: "loadstring", src: `print(loadstring("return 2 * 21")())`, want: "42\n"},
		{name: "loadstring name gets =", src: `print(loadstring("x=", "name"))`,
			want: "nil\tname:1: unexpected symbol near <eof>\n"},
		{name: "loadstring keeps @", src: `print(loadstring("x x", "@foo.lua"))`,
			want: "nil\tfoo.lua:1: syntax error near 'x'\n"},
		{name: "loadstring default name", src: `print(loadstring("x="))`,
			want: "nil\t[string \"x=\"]:1: unexpected symbol near <eof>\n"},
	})
}

func TestSyntaxErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"x = = 1", "c:1: unexpected symbol near '='"},
		{"local x = 1\nlocal y = \n", "c:3: unexpected symbol near <eof>"},
		{"x = }", "c:1: unexpected symbol near '}'"},
		{"f(", "c:1: unexpected symbol near <eof>"},
		{"a b", "c:1: syntax error near 'b'"},
		{"x = 'abc", "c:1: unfinished string near <eof>"},
		{"x = 'abc\ny = 1", "c:1: unfinished string near ''abc'"},
		{"x = \"abc\ny = 1", "c:1: unfinished string near '\"abc'"},
		{"x = [[abc", "c:1: unfinished long string near <eof>"},
		{"\n\nbreak", "c:3: <break> at line 3 not inside a loop"},
		{"goto nowhere", "no visible label 'nowhere' for <goto>"},
		{`return "\xZZ"`, "c:1: hexadecimal digit expected near"},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			tm := newTestMachine(t, Options{})
			_, err := tm.Load(c.src, "=c")
			if err == nil || !strings.HasPrefix(err.Error(), c.want) && !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want %q", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), "c:") {
				t.Fatalf("error %q does not start with the chunk name and line", err)
			}
		})
	}
}

func TestTablePackUnpack(t *testing.T) {
	runCases(t, []luaCase{
		{name: "pack", src: `local t = table.pack(1, nil, 3) print(t.n, t[1], t[2], t[3])`, want: "3\t1\tnil\t3\n"},
		{name: "pack none", src: `local t = table.pack() print(t.n, #t)`, want: "0\t0\n"},
		{name: "unpack range", src: `print(table.unpack({1, 2, 3}, 2)) print(table.unpack({1, 2, 3}, 2, 3)) print(table.unpack({1}, 1, 3))`,
			want: "2\t3\n2\t3\n1\tnil\tnil\n"},
		{name: "unpack empty range", src: `print(select("#", table.unpack({1, 2}, 3, 2)))`, want: "0\n"},
		{name: "global unpack", src: `print(unpack({"a", "b"}))`, want: "a\tb\n"},
		{name: "unpack 300000 nils", src: `print(select("#", table.unpack({}, 1, 300000)))`, want: "300000\n"},
		{name: "unpack 300000 values", src: `
			local t = {}
			for i = 1, 300000 do t[i] = i end
			print(select("#", table.unpack(t)), select(300000, table.unpack(t)))
			local p = table.pack(table.unpack(t))
			print(p.n, p[1], p[150000], p[300000])`, want: "300000\t300000\n300000\t1\t150000\t300000\n"},
		{name: "unpack too many", src: `print(pcall(table.unpack, {}, 1, 1e8))`, want: "false\ttoo many results to unpack\n"},
	})
}

func TestBit32(t *testing.T) {
	// Values from PUC Lua 5.2.4.
	runCases(t, []luaCase{
		{name: "and or xor not", src: `print(bit32.band(0xFF, 0x0F), bit32.bor(1, 2), bit32.bxor(5, 3), bit32.bnot(0), bit32.band(-1), bit32.band(), bit32.bor(), bit32.band(0xF0, 0x3C, 0x18))`,
			want: "15\t3\t6\t4294967295\t4294967295\t4294967295\t0\t16\n"},
		{name: "shifts", src: `print(bit32.lshift(1, 31), bit32.lshift(1, 32), bit32.rshift(0x80000000, 31), bit32.arshift(0x80000000, 31), bit32.arshift(-1, 4), bit32.rshift(-1, 4), bit32.lshift(0xFF, -4), bit32.arshift(0x70000000, 4))`,
			want: "2147483648\t0\t1\t4294967295\t4294967295\t268435455\t15\t117440512\n"},
		{name: "rotates", src: `print(bit32.lrotate(1, 33), bit32.rrotate(1, 1), bit32.lrotate(0x80000000, 1), bit32.rrotate(0x12345678, 8))`,
			want: "2\t2147483648\t1\t2014458966\n"},
		{name: "extract replace btest", src: `print(bit32.extract(0xF0, 4, 4), bit32.extract(0xFF, 0), bit32.replace(0, 7, 4, 3), bit32.replace(0xFFFFFFFF, 0, 0), bit32.btest(1, 2), bit32.btest(3, 2))`,
			want: "15\t1\t112\t4294967294\tfalse\ttrue\n"},
		{name: "wraps large and negative", src: `print(bit32.band(2^32 + 5), bit32.band(-2), bit32.bnot(5))`,
			want: "5\t4294967294\t4294967290\n"},
		{name: "bad argument", src: `print(pcall(function() bit32.band("x") end))`,
			want: "false\ttest:1: bad argument #1 to 'band' (number expected, got string)\n"},
	})
}

func TestUTF8(t *testing.T) {
	runCases(t, []luaCase{
		{name: "char", src: `print(utf8.char(72, 228, 8364, 128512) == "H\195\164\226\130\172\240\159\152\128")`, want: "true\n"},
		{name: "charpattern", src: `print(utf8.charpattern == "[\0-\x7F\xC2-\xF4][\x80-\xBF]*")`, want: "true\n"},
		{name: "len", src: `print(utf8.len("h\195\164ll\226\130\172"), utf8.len(""), utf8.len("abc", 2), utf8.len("\255"))`, want: "5\t0\t2\tnil\t1\n"},
		{name: "codepoint", src: `print(utf8.codepoint("\226\130\172"), utf8.codepoint("abc", 1, 3))`, want: "8364\t97\t98\t99\n"},
		{name: "codes", src: `for p, c in utf8.codes("a\195\169\226\130\172") do print(p, c) end`, want: "1\t97\n2\t233\n4\t8364\n"},
		{name: "offset", src: `print(utf8.offset("a\195\169\226\130\172", 3), utf8.offset("a\195\169\226\130\172", -1), utf8.offset("abc", 5))`, want: "4\t4\tnil\n"},
	})
}

func TestStringAndMathAdditions(t *testing.T) {
	runCases(t, []luaCase{
		{name: "rep with sep", src: `print(string.rep("ab", 3, ","), "[" .. string.rep("x", 0, ",") .. "]", string.rep("x", 1, ","), "[" .. string.rep("x", -1) .. "]", ("-"):rep(3))`,
			want: "ab,ab,ab\t[]\tx\t[]\t---\n"},
		{name: "math.log base", src: `print(math.log(8, 2), math.log(100, 10), math.log(1), math.log(27, 3), math.log(0), math.log(math.exp(2)))`,
			want: "3\t2\t0\t3\t-inf\t2\n"},
		{name: "math.huge", src: `print(math.huge, -math.huge, math.huge > 2^1023)`, want: "inf\t-inf\ttrue\n"},
	})
}

func TestEscapes(t *testing.T) {
	runCases(t, []luaCase{
		{name: "hex", src: `print("\x41\x62\x7a", #"\x00\xff")`, want: "Abz\t2\n"},
		{name: "z on one line", src: `print("a\z     b", 'c\z
d')`, want: "ab\tcd\n"},
		{name: "z keeps line numbers", src: "local s = \"first \\z\n\n      second\"\nprint(s)\nerror('here')",
			want: "first second\n", err: "test:5: here"},
		{name: "z twice in one string", src: "local s = 'a\\z\n b\\z\n c'\nprint(s) error('x')",
			want: "abc\n", err: "test:4: x"},
		{name: "unicode", src: `print("\u{48}\u{20AC}" == "H\226\130\172", #"\u{7FF}", #"\u{10FFFF}", #"\u{7FFFFFFF}")`,
			want: "true\t2\t4\t6\n"},
		{name: "long strings and comments untouched", src: "-- \"\\x\" in a comment\nprint([[\\x41\\z]], [==[\\u{48}]==]) --[[ \\q ]] print(\"\\65\\t|\")",
			want: "\\x41\\z\t\\u{48}\nA\t|\n"},
		{name: "escaped quote and backslash", src: `print("a\"b\\x41", 'it\'s')`, want: "a\"b\\x41\tit's\n"},
	})
}

func TestGoto(t *testing.T) {
	runCases(t, []luaCase{
		{name: "continue", src: `
			for i = 1, 4 do
				if i % 2 == 0 then goto continue end
				print(i)
				::continue::
			end`, want: "1\n3\n"},
		{name: "skip block", src: `do goto skip; print("no") ::skip:: end print("yes")`, want: "yes\n"},
		{name: "nested break out", src: `
			for i = 1, 3 do
				for j = 1, 3 do
					if i * j == 4 then goto done end
				end
			end
			::done:: print("out")`, want: "out\n"},
		{name: "backward loop", src: `
			local i = 1
			::top::
			if i <= 3 then io = nil print(i) i = i + 1 goto top end`, want: "1\n2\n3\n"},
	})
}

func TestNumberText(t *testing.T) {
	// %.14g, from the spec's table; -0 is computed (a literal -0.0 shares
	// the constant slot of 0 in gopher-lua's compiler).
	runCases(t, []luaCase{
		{name: "tostring", src: `local z = 0
			print(0.1 + 0.2, 1/3, 1e15, 2^63, -z, 1/0, -1/0, 100, 1e100, 2^53, 123.456, 1e-5, -1e15, 1e14, 5e-324)`,
			want: "0.3\t0.33333333333333\t1e+15\t9.2233720368548e+18\t-0\tinf\t-inf\t100\t1e+100\t9.007199254741e+15\t123.456\t1e-05\t-1e+15\t1e+14\t4.9406564584125e-324\n"},
		{name: "nan", src: `local s = tostring(0/0) print(s == "nan" or s == "-nan")`, want: "true\n"},
		{name: "format %s and concat", src: `print(string.format("%s|%s", 0.1 + 0.2, 2^63), table.concat({1/3, 10, 1e15}, " "))`,
			want: "0.3|9.2233720368548e+18\t0.33333333333333 10 1e+15\n"},
		{name: "integers stay integers", src: `print(3, -7, 2^31, 1e14 + 1, 10 / 2)`, want: "3\t-7\t2147483648\t1e+14\t5\n"},
	})
}

func TestErrorLevels(t *testing.T) {
	runCases(t, []luaCase{
		{name: "levels", src: `
local function lvl(n) error("boom", n) end
local function caller(n) lvl(n) end
print(pcall(lvl, 1))
print(pcall(caller, 2))
print(pcall(function() caller(3) end))
print(pcall(error, "x", 0))
print(pcall(error, "y", 2))`, want: "false\ttest:2: boom\nfalse\ttest:3: boom\nfalse\ttest:6: boom\nfalse\tx\nfalse\ttest:8: y\n"},
		{name: "default level is 1", src: "\nprint(pcall(function() error('d') end))", want: "false\ttest:2: d\n"},
		{name: "non-string values", src: `
local t = {code = 1}
local ok, e = pcall(error, t) print(ok, e == t)
print(pcall(error))
print(pcall(error, 42))
print(pcall(error, 42, 1))`, want: "false\ttrue\nfalse\tnil\nfalse\t42\nfalse\t42\n"},
		{name: "uncaught reaches resume", src: `error("top")`, err: "test:1: top"},
	})
}

func TestPCallXPCall(t *testing.T) {
	runCases(t, []luaCase{
		{name: "pcall extra args", src: `print(pcall(function(...) return select("#", ...), ... end, 1, nil, 3))`, want: "true\t3\t1\tnil\t3\n"},
		{name: "pcall returns all", src: `print(select("#", pcall(function() end)), pcall(function() return 1, 2 end))`, want: "1\ttrue\t1\t2\n"},
		{name: "pcall a Go function", src: `print(pcall(string.rep, "a", 3)) print(pcall(string.rep))`,
			want: "true\taaa\nfalse\tbad argument #1 to 'string.rep' (string expected, got no value)\n"},
		{name: "pcall nil", src: `print(pcall(nil))`, want: "false\tattempt to call a nil value\n"},
		{name: "pcall with no argument", src: `print(pcall(pcall))`, want: "false\tbad argument #1 to 'pcall' (value expected)\n"},
		{name: "pcall __call", src: `print(pcall(setmetatable({}, {__call = function(_, x) return x * 2 end}), 21))`, want: "true\t42\n"},
		{name: "runtime error has a position", src: `print(select(2, pcall(function() local x = nil; return x.y end)):match("^test:1: attempt to index"))`, want: "test:1: attempt to index\n"},
		{name: "Go function error under pcall has no position", src: `
local ok, e = pcall(bit32.band, "x") print(ok, e:match("^bad argument #1 to '[%w.]*band' %(number expected, got string%)$") ~= nil)
print(pcall(function() bit32.band("x") end))`,
			want: "false\ttrue\nfalse\ttest:3: bad argument #1 to 'band' (number expected, got string)\n"},
		{name: "xpcall extra args", src: `print(xpcall(function(a, b) return a + b end, print, 2, 3))`, want: "true\t5\n"},
		{name: "xpcall handler result", src: `print(xpcall(function() error("bad") end, function(m) return "handled: " .. m end))`,
			want: "false\thandled: test:1: bad\n"},
		{name: "xpcall handler gets a traceback", src: `
local function fails() error("deep") end
local ok, tb = xpcall(function() fails() end, debug.traceback)
print(ok)
print(tb:match("^test:2: deep\nstack traceback:\n") ~= nil, tb:find("test:2: in function", 1, true) ~= nil, tb:find("test:3:", 1, true) ~= nil)`,
			want: "false\ntrue\ttrue\ttrue\n"},
		{name: "xpcall handler sees the error stack", src: `
local where
xpcall(function() local x = 1 error("e") end, function(m) where = debug.getinfo(3, "l").currentline return m end)
print(where)`, want: "3\n"},
		{name: "nested pcall", src: `print(pcall(pcall, error, "x"))`, want: "true\tfalse\tx\n"},
		{name: "deep pcall nesting", src: `
local function nest(n) if n == 0 then return "bottom" end return select(2, pcall(nest, n - 1)) end
print(nest(150))`, want: "bottom\n"},
	})
}

// gopher-lua closes every open upvalue of a thread when an error unwinds it;
// protectedCall confines that to the frames the error really leaves.
func TestUpvaluesSurviveCaughtErrors(t *testing.T) {
	runCases(t, []luaCase{
		{name: "counter", src: `
local count = 0
local function inc() count = count + 1 end
print(pcall(function() inc(); error("x") end))
inc()
print("count", count)`, want: "false\ttest:4: x\ncount\t2\n"},
		{name: "closure shares local after error", src: `
local function mk()
  local v = 0
  local get = function() return v end
  pcall(function() v = 1; error("e") end)
  v = v + 1
  return get(), v
end
print(mk())`, want: "2\t2\n"},
		{name: "after caught error in Go callback", src: `
local n = 0
local bump = function() n = n + 1 end
pcall(string.gsub, "abc", ".", function() bump() error("stop") end)
bump()
local get = function() return n end
n = n + 10
print(get(), n)`, want: "12\t12\n"},
		{name: "loop closures", src: `
local fns = {}
for i = 1, 3 do
  local x = i
  fns[i] = function() x = x + 10 return x end
  pcall(error, "e")
  x = x + 100
end
print(fns[1](), fns[2](), fns[3]())`, want: "111\t112\t113\n"},
		{name: "after xpcall", src: `
local v = 1
local f = function() return v end
xpcall(function() error("x") end, function(m) return m end)
v = 2
print(f())`, want: "2\n"},
	})
}

func TestBaseFunctions(t *testing.T) {
	runCases(t, []luaCase{
		{name: "setmetatable needs a table", src: `print(pcall(setmetatable, 1, {})) print(pcall(setmetatable, "", {})) print(getmetatable("").__index == string, ("x"):upper())`,
			want: "false\tbad argument #1 to 'setmetatable' (table expected, got number)\nfalse\tbad argument #1 to 'setmetatable' (table expected, got string)\ntrue\tX\n"},
		{name: "setmetatable second argument", src: `print(pcall(setmetatable, {}, 1))`,
			want: "false\tbad argument #2 to 'setmetatable' (nil or table expected)\n"},
		{name: "protected metatable", src: `
local p = setmetatable({}, {__metatable = "locked"})
print(getmetatable(p), pcall(setmetatable, p, {}))`, want: "locked\tfalse\tcannot change a protected metatable\n"},
		{name: "tonumber", src: `print(tonumber("0x10"), tonumber("  12  "), tonumber("1e2"), tonumber("z", 36), tonumber("8", 8), tonumber("ff", 16), tonumber(""), tonumber("0x"), tonumber("1e"))`,
			want: "16\t12\t100\t35\tnil\t255\tnil\tnil\tnil\n"},
		{name: "numeric strings as numbers", src: `print(math.log("8", "2"), bit32.band(" 0x0f ", "12"), select(2, pcall(math.log, "inf")), select(2, pcall(bit32.bnot, "1_0")))`,
			want: "3\t12\tbad argument #1 to 'log' (number expected, got string)\tbad argument #1 to 'bnot' (number expected, got string)\n"},
		{name: "version and missing functions", src: `print(_VERSION, dofile, loadfile, os, io, require, package)`,
			want: "Lua 5.2\tnil\tnil\tnil\tnil\tnil\tnil\n"},
		{name: "rawlen", src: `print(rawlen({1, 2}), rawlen("abc"), pcall(rawlen, 1))`,
			want: "2\t3\tfalse\tbad argument #1 to 'rawlen' (table or string expected)\n"},
	})
}
