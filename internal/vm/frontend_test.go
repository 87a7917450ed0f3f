package vm

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// The front end (lexer, parser, code generator) against PUC Lua 5.2: each
// table's programs run in lua5.2 and here, and their outputs must match.

// luaQuote writes s as a Lua string literal both Lua 5.2 and craftos read
// back byte for byte.
func luaQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == ' ' || c == '_' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "\\%03d", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// runLua52 runs a program with lua5.2 and returns its output (skipping the
// test without lua5.2).
func runLua52(t *testing.T, src string) string {
	t.Helper()
	lua52, err := exec.LookPath("lua5.2")
	if err != nil {
		t.Skip("lua5.2 not on PATH")
	}
	path := filepath.Join(t.TempDir(), "prog.lua")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(lua52, path).CombinedOutput()
	if err != nil {
		t.Fatalf("lua5.2: %v\n%s", err, out)
	}
	return string(out)
}

// runHere runs a program on a craftos machine and returns its output.
func runHere(t *testing.T, src string) string {
	t.Helper()
	tm := newTestMachine(t, Options{})
	if err := tm.run(src); err != nil {
		t.Fatalf("craftos: %v\noutput:\n%s", err, tm.output())
	}
	return tm.output()
}

// compareLines runs one program per case (each printing one line or more)
// in both, as a single program, and compares case by case.
func compareCases(t *testing.T, names []string, progs []string) {
	t.Helper()
	var b strings.Builder
	for i, p := range progs {
		fmt.Fprintf(&b, "print(%q)\ndo\n%s\nend\n", "#case "+fmt.Sprint(i), p)
	}
	want := splitCases(runLua52(t, b.String()))
	got := splitCases(runHere(t, b.String()))
	for i := range progs {
		if got[i] != want[i] {
			prog := progs[i]
			if len(prog) > 300 {
				prog = prog[:300] + "..."
			}
			t.Errorf("%s:\n%s\n got: %q\nwant: %q", names[i], prog, got[i], want[i])
		}
	}
}

func splitCases(out string) map[int]string {
	res := map[int]string{}
	cur := -1
	for _, line := range strings.SplitAfter(out, "\n") {
		var n int
		if _, err := fmt.Sscanf(line, "#case %d\n", &n); err == nil && strings.HasPrefix(line, "#case ") {
			cur = n
			continue
		}
		res[cur] += line
	}
	return res
}

// loadResult is a program printing what load returns for src ("ok" or its
// error message).
func loadResult(src, chunkname string) string {
	return fmt.Sprintf("local f, e = load(%s, %s) print(f and 'ok' or e)", luaQuote(src), luaQuote(chunkname))
}

func TestNumeralsAsPUC(t *testing.T) {
	exprs := []string{
		"0013673, 0010, 010, 00, 0.0, 007.5",
		"0x1p4, 0xA.8p0, 0x.8, 0X1P-2, 0x1P+2, 0xa.p1, 0x10, 0XfF",
		"0xfffffffffffff800, 0x7fffffffffffffff, 0x10000000000000000, 0x8000000000000000",
		"1e+2, 1E-2, 1e2, 2.5e3, 5., .5, 3.",
		"1e400, -1e400, 1e-400, 2e-310, 1e308 * 10",
		"123456789012345678901234567890, 0.1, 1/3",
		"2^53, 2^53 + 1, 2^63, -2^63",
		"-0.0, 0, -0, 1 - 1",
	}
	var names, progs []string
	for _, e := range exprs {
		names = append(names, e)
		progs = append(progs, "print("+e+")")
	}
	for _, src := range []string{
		"return 3..2", "return 1e", "return 1e+", "return 0x", "return 0xg", "return 0x1p",
		"return 08", "return 1.2.3", "return 0x1.8", "return 3x", "return 1..2", "return .5.",
		"return 0x1e+2", "return 1ee2", "return 5.e3", "return 0x.p1",
	} {
		names = append(names, src)
		progs = append(progs, loadResult(src, "=x")+" if f then print(f()) end")
	}
	compareCases(t, names, progs)
}

func TestWhitespaceAsPUC(t *testing.T) {
	var names, progs []string
	for _, src := range []string{
		"x \v\f = 1 return x", "x\r= 2 return x", "x\r\n=\n\r3 return x", "\t\v\f\r\nreturn 4",
		"return 1 +\r\n\r\n\r\n", "return '\r'", "--c\rreturn 5", "x = 1 -- \f\v\nreturn x",
	} {
		names = append(names, fmt.Sprintf("%q", src))
		progs = append(progs, loadResult(src, "=x")+" if f then print(f()) end")
	}
	compareCases(t, names, progs)
}

// badChunks are syntax errors of every kind PUC's lexer and parser report.
var badChunks = []string{
	"x = ", "f(", "f(1", "f(1,", "local 1", "local function", "local function 1",
	"x = \"abc", "x = 'abc\ndef'", "x = \"ab\\", "x = + 1", "x = * 2", "x = 1 +",
	"function f() ", "function f() return 1", "function f end", "function (", "function f(a,) end",
	"function f(1) end", "function f(a, ...,b) end", "function a.b:c.d() end",
	"x = 3..2", "x = 1e", "x = 0x", "x = 1.2.3", "x = 08x",
	"x = [==[ab", "x = [==[ab]=]", "x = [=", "x = [=[", "--[[ abc", "--[==[ abc ]]",
	"x = \"a\\q\"", "x = \"\\300\"", "x = \"\\xZZ\"", "x = \"\\x5\"", "x = \"\\999\"", "x = \"\\",
	"goto x", "do goto x end", "::x:: ::x::", "::x:: do ::x:: end goto y",
	"do local a goto l local b ::l:: print(b) end", "goto 1", ":: x", "::x",
	"break", "do break end", "if x then break end", "function f() break end",
	"end", "x = 1 end", "return 1 2", "return return", "until x",
	"a.b:c = 1", "a:b", "a:b.c()", "x", "x.y", "(f())", "(a) = 1", "f() = 1", "a, f() = 1, 2",
	"a, b", "a, b += 1", "x = ~1", "x = a ~ b", "x = @", "x = $", "x = \x01", "x = \xc3\xa9",
	"if x then", "if x then else", "if x then elseif", "if x end", "if x then x = 1 else x = 2",
	"while x do", "while x", "for i do end", "for i = 1 do end", "for i = 1, 2 end", "for a, 1 in x do end",
	"for a, b in do end", "for i = 1, 2, 3, 4 do end", "repeat x = 1", "repeat until", "do do end",
	"x = {", "x = {1, 2", "x = {1 2}", "x = {[1] 2}", "x = {a = }", "x = {,}", "x = {1,,}",
	"x = t[1", "x = t[]", "x = t.", "x = t.1", "f{", "f'", "x = function", "x = function() end end",
	"function f() x = ... end", "local t = {...} function g() return ... end",
	"local x <const> = 1", "x = 1 // 2", "x = a & b", "x = #", "x = not", "x = -",
	"x = 1\n\n\nf(", "f(\n1,\n2", "function f()\n\nreturn\n", "do\n\n\nx = 1", "x = [[\na\nb\n",
	"x = 'a' .. ", "x = a.b.c:d", "local a, = 1", "local function f() end end", "return ;;",
}

func TestSyntaxErrorsAsPUC(t *testing.T) {
	var names, progs []string
	for _, src := range badChunks {
		names = append(names, fmt.Sprintf("%q", src))
		progs = append(progs, loadResult(src, "=x"))
	}
	// chunk names as errors show them
	for _, name := range []string{"@file.lua", "x = ", "first line\nsecond", strings.Repeat("long ", 20), "=" + strings.Repeat("n", 80)} {
		names = append(names, "name "+name)
		progs = append(progs, loadResult("x = = 1", name))
	}
	compareCases(t, names, progs)
}

// deepChunks are nested (or merely long) constructs: PUC limits nesting to
// LUAI_MAXCCALLS levels ("too many C levels"); long chains are not nesting.
func deepChunks() []struct{ name, src string } {
	rep := strings.Repeat
	return []struct{ name, src string }{
		{"# x1e6", "return " + rep("#", 1e6) + `""`},
		{"# x190", "return " + rep("#", 190) + `""`},
		{"not x1e6", "return " + rep("not ", 1e6) + "x"},
		{"- x1e5", "return " + rep("- ", 1e5) + "1"},
		{"( x1e6", "return " + rep("(", 1e6) + "x"},
		{"( x197", "return " + rep("(", 197) + "x" + rep(")", 197)},
		{"( x198", "return " + rep("(", 198) + "x" + rep(")", 198)},
		{"function x1e5", rep("return function() ", 1e5) + rep("end ", 1e5)},
		{"function stat x1e5", rep("function f() ", 1e5) + rep("end ", 1e5)},
		{"function x60", rep("return function() ", 60) + rep("end ", 60)},
		{"do x1e5", rep("do ", 1e5) + rep("end ", 1e5)},
		{"do x198", rep("do ", 198) + rep("end ", 198)},
		{"do x199", rep("do ", 199) + rep("end ", 199)},
		{"while x300", rep("while x do ", 300) + rep("end ", 300)},
		{"if x1e5", rep("if x then ", 1e5) + rep("end ", 1e5)},
		{"repeat x250", rep("repeat ", 250) + rep("until x ", 250)},
		{"for x250", rep("for i = 1, 2 do ", 250) + rep("end ", 250)},
		{"{ x1e5", "return " + rep("{", 1e5) + rep("}", 1e5)},
		{"{ x98", "return " + rep("{", 98) + rep("}", 98)},
		{"{ x99", "return " + rep("{", 99) + rep("}", 99)},
		{"a.b x1e5", "return a" + rep(".b", 1e5)},
		{"a[1] x1e5", "return a" + rep("[1]", 1e5)},
		{"f() x1e5", "return f" + rep("()", 1e5)},
		{"a:b() x1e4", "return a" + rep(":b()", 1e4)},
		{"+ x1e5", "x = 1" + rep(" + 1", 1e5)},
		{"x + x1e5", "x = x" + rep(" + x", 1e5)},
		{"== x1e5", "x = 1" + rep(" == 1", 1e5)},
		// (1e5 takes PUC 40 s: its jump lists are quadratic)
		{"and x1e4", "x = a" + rep(" and b", 1e4)},
		{"or x1e4", "x = a" + rep(" or b", 1e4)},
		{".. x1e5", "x = 'a'" + rep(" .. 'a'", 1e5)},
		{".. x150", "x = 'a'" + rep(" .. 'a'", 150)},
		{"^ x1e5", "x = 1" + rep(" ^ 1", 1e5)},
		{"args x300", "f(" + rep("f(", 300) + rep(")", 301)},
		{"assign x300", "a" + rep(", a", 300) + " = 1"},
		{"assign x190", "a" + rep(", a", 190) + " = 1"},
		{"labels x300", rep("::a:: ", 1) + rep(";", 300)},
		{"nested labels", "do " + func() string {
			var b strings.Builder
			for i := 0; i < 300; i++ {
				fmt.Fprintf(&b, "::l%d:: ", i)
			}
			return b.String()
		}() + "end"},
		{"locals 200", "local " + strings.TrimSuffix(rep("a, ", 200), ", ")},
		{"locals 201", "local " + strings.TrimSuffix(rep("a, ", 201), ", ")},
		{"params 201", "function f(" + strings.TrimSuffix(rep("a, ", 201), ", ") + ") end"},
	}
}

func TestDeepNestingAsPUC(t *testing.T) {
	var names, progs []string
	for _, c := range deepChunks() {
		names = append(names, c.name)
		progs = append(progs, loadResult(c.src, "=x"))
	}
	start := time.Now()
	compareCases(t, names, progs)
	t.Logf("%d deep cases in %v (both)", len(progs), time.Since(start))
}

// Big inputs compile in time proportional to their size.
func TestCompileTimeLinear(t *testing.T) {
	big := func(n int, gen func(b *strings.Builder, i int)) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			gen(&b, i)
		}
		return b.String()
	}
	cases := []struct {
		name string
		src  func(n int) string
	}{
		{"statements", func(n int) string {
			return big(n, func(b *strings.Builder, i int) {
				fmt.Fprintf(b, "do local v = t.field%d + %d * (x or 1) .. 'string %d' end\n", i, i, i)
			})
		}},
		{"table items", func(n int) string {
			return "return {" + big(n, func(b *strings.Builder, i int) { fmt.Fprintf(b, "%d,", i) }) + "}"
		}},
		{"table strings", func(n int) string {
			return "return {" + big(n, func(b *strings.Builder, i int) { fmt.Fprintf(b, "k%d = 's%d',", i, i) }) + "}"
		}},
		{"string", func(n int) string { return "return '" + strings.Repeat("abc\\n", n) + "'" }},
		{"long string", func(n int) string { return "return [[" + strings.Repeat("abc\n", n) + "]]" }},
		{"comment", func(n int) string { return "--[[" + strings.Repeat("abc\n", n) + "]] return 1" }},
		// Not here: chains (a.b.c..., x + x + ...) are one AST level per link
		// and the code generator recurses on them, so the garbage collector's
		// scans of the deep Go stack make them superlinear (1e5 links: 0.3 s).
		{"do blocks", func(n int) string { return strings.Repeat("do end ", n) }},
		{"functions", func(n int) string {
			return big(n/4, func(b *strings.Builder, i int) { fmt.Fprintf(b, "function f%d(a, b) return a + b end\n", i) })
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			timeIt := func(n int) time.Duration {
				src := c.src(n)
				best := time.Hour
				for k := 0; k < 3; k++ {
					start := cpuTime()
					if _, err := compile(src, "=x"); err != nil {
						t.Fatalf("n=%d: %v", n, err)
					}
					best = min(best, cpuTime()-start)
				}
				return best
			}
			n := 2000
			if raceEnabled {
				n = 500
			}
			// 16x the input: linear is ~16x, quadratic ~256x; leave room
			// for noise (the machine is shared) and the garbage collector,
			// and measure again before calling it quadratic.
			var small, large time.Duration
			for try := 0; try < 3; try++ {
				small, large = timeIt(n), timeIt(16*n)
				if large <= 64*small+50*time.Millisecond {
					return
				}
			}
			t.Errorf("16x the input took %v vs %v: not linear", large, small)
		})
	}
}

// Huge inputs of each shape compile in bounded time.
func TestCompileHugeInputs(t *testing.T) {
	size := 5 << 20
	if raceEnabled {
		size = 1 << 20
	}
	var stmts strings.Builder
	for i := 0; stmts.Len() < size; i++ {
		fmt.Fprintf(&stmts, "do local v = t.f%d(%d, 'str', x + y * z) if v then w = v end end\n", i, i)
	}
	var fn200 strings.Builder
	fn200.WriteString("local function f()\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&fn200, "local l%d = %d\n", i, i)
	}
	fn200.WriteString("return l0 + l199 end return f()")
	cases := []struct{ name, src string }{
		{"5 MB of statements", stmts.String()},
		{"1e6 table items", "return {" + strings.Repeat("1,", size/5) + "}"},
		{"200 locals", fn200.String()},
		{"10 MB string", "return '" + strings.Repeat("x", 2*size) + "'"},
		{"10 MB long string", "return [[" + strings.Repeat("x", 2*size) + "]]"},
	}
	for _, c := range cases {
		start := time.Now()
		if _, err := compile(c.src, "=x"); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: took %v", c.name, d)
		}
	}
}

// Chains far longer than PUC's test cases: an error, not a Go stack
// overflow (which would kill the process).
func TestVeryLongChainsFail(t *testing.T) {
	n := 1000000
	for _, src := range []string{
		"return a" + strings.Repeat(".b", n), "return x" + strings.Repeat("+x", n),
		"return f" + strings.Repeat("()", n), "return a" + strings.Repeat(":b()", n),
		"return a" + strings.Repeat(" and x", n), "return a" + strings.Repeat(" == x", n),
		"f(a" + strings.Repeat("[1]", n) + ")", "return a" + strings.Repeat(" .. x", n),
	} {
		_, err := compile(src, "=x")
		if err == nil || !strings.Contains(err.Error(), "syntax levels") && !strings.Contains(err.Error(), "C levels") {
			t.Errorf("%s...: %v, want a nesting error", src[:12], err)
		}
	}
}

// A compile asked to stop stops, and load reports "Too long without yielding".
func TestCompileInterrupted(t *testing.T) {
	src := "return {" + strings.Repeat("1, x + y, 'a',", 3e5) + "}"
	calls := 0
	_, err := compileInterruptible(src, "=x", func() bool { calls++; return calls > 3 })
	if err != errInterrupted {
		t.Fatalf("err = %v, want interrupted", err)
	}
	calls = 0
	// in the code generator
	if _, err := compileInterruptible(src, "=x", func() bool { calls++; return calls > 2000 }); err != errInterrupted {
		t.Fatalf("err = %v (after %d polls), want interrupted", err, calls)
	}

	tm := newTestMachine(t, Options{})
	tm.L.SetGlobal("bigchunk", lua.LString(strings.Repeat("x = 1 + y\n", 2e6)))
	tm.L.SetGlobal("arm", tm.L.NewFunction(func(L *lua.LState) int {
		go func() {
			time.Sleep(20 * time.Millisecond)
			tm.setAbort(abortSoft)
		}()
		return 0
	}))
	err = tm.run(`
		arm()
		local ok, e = pcall(load, bigchunk)
		print(ok, e)`)
	if err != nil {
		t.Fatal(err)
	}
	if got := tm.output(); !strings.Contains(got, "false") || !strings.Contains(got, ErrTooLongWithoutYielding) {
		t.Fatalf("output %q, want load to raise %q", got, ErrTooLongWithoutYielding)
	}
}

func TestConstantsAsPUC(t *testing.T) {
	progs := []string{
		"local a, b = 0, -0.0 print(a, b)",
		"local a, b = -0.0, 0 print(a, b)",
		"local t = {0, -0, 0.0, -0.0} print(t[1], t[2], t[3], t[4])",
		"print(1/0, -1/0, 0/0 ~= 0/0, 2^53+1, 7 % -3, -7 % 3, 5.5 % -2)",
		"print(1e308 % 3, 5.3 % 2, -5.3 % 2, 2^0.5, 10^-2, 3^200, 2^-1074)",
		"print(1 % 0 ~= 1 % 0, -(0), 0 * -1, -(-0))",
		"print(3 - 3, -3 + 3, 0 / -5, -0 / 5)",
		"print(2^63, -2^63, 1e15 + 0.5, 0.1 + 0.2)",
		"local x = 1 print(x + 2 * 3, (x + 2) * 3, 2 * 3 + x, -2 ^ 2, 2 ^ -1)",
		"print(('x'):rep(3) .. 1 .. 2)",
	}
	compareCases(t, progs, progs) // each program names its own case
}

// Generic for with every explist shape (a table constructor last ran the
// loop once: gopher-lua read its control variable from the wrong register).
func TestGenericForExplistAsPUC(t *testing.T) {
	progs := []string{
		"for k, v in next, {1, 2} do print(k, v) end",
		"for k in next, {1, 2} do print(k) end",
		"for k, v in next, {'a', 'b'}, nil do print(k, v) end",
		"local function f(s, c) if c < 3 then return c + 1, s end end for a, b, c, d in f, 's', 0 do print(a, b, c, d) end",
		"for k, v in pairs({10, 20}) do print(k, v) end",
		"for k, v in ipairs({10, 20, nil, 40}) do print(k, v) end",
		"local function f(s, c) if c < 2 then return c + 1 end end for k, v in f, nil, 0, 'extra1', 'extra2' do print(k, v) end",
		"local function gen() return next, {5, 6} end for k, v in gen() do print(k, v) end",
		"local function gen() return {5, 6} end for k, v in next, gen() do print(k, v) end",
		"local function it(...) return next, {...} end for k, v in it(1, 2, 3) do print(k, v) end",
		"local function run(...) for k, v in next, ... do print(k, v) end end run({8, 9})",
		"local function run(...) for k, v in ... do print(k, v) end end run(next, {3, 4})",
		"for k, v in next, {x = 1} do print(k, v) end",
		"for k, v in (next), ({1}) do print(k, v) end",
		"local t = {} for i, v in next, {1, 2, 3} do t[#t + 1] = function() return i, v end end print(t[1](), t[3]())",
	}
	compareCases(t, progs, progs) // each program names its own case
}

// Escapes in short strings, read by the lexer (they were a source rewrite).
func TestEscapesAsPUC(t *testing.T) {
	progs := []string{
		`print(#"\x41\x4a\x7e", "\x41\x4a\x7e", "\65\066\0677", "a\z
		      b", "\z  ", "x\
y")`,
		`print("\a\b\f\n\r\t\v\\\"\'" == string.char(7, 8, 12, 10, 13, 9, 11, 92, 34, 39))`,
		`print(#"\0\00\000", ("\0001"):byte(1, -1))`,
		`print(#'\z

		', 'a\z  b' .. "c")`,
		`local s = "line1\
line2" print(s, debug.getinfo(1, "l").currentline)`,
		"print(\"a\\z\n\n\nb\", debug.getinfo(1, 'l').currentline)",
		"print([[\nfirst newline skipped]], [==[\r\nx]]y]==], #[[\r\n\n]])",
	}
	compareCases(t, progs, progs) // each program names its own case
}
