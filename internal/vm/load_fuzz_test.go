package vm

import (
	"strings"
	"testing"
	"time"
)

// FuzzLoad feeds chunks to the front end (lexer, parser, AST rewrite, code
// generator): whatever the input, compile returns a prototype or an error
// quickly, never panics and never overflows the Go stack (a fatal error
// that no pcall catches). Run: make fuzz-load.
func FuzzLoad(f *testing.F) {
	rep := strings.Repeat
	seeds := []string{
		"", "return", "x = 1", "local a <const> = 1",
		"return " + rep("#", 300) + `""`, "return " + rep("not ", 300) + "x",
		"return " + rep("(", 300) + "x" + rep(")", 300), rep("do ", 250) + rep("end ", 250),
		rep("return function() ", 250) + rep("end ", 250), "return " + rep("{", 250) + rep("}", 250),
		"return a" + rep(".b", 2000), "x = 1" + rep(" + 1", 2000), "x = 'a'" + rep(" .. 'a'", 250),
		"f" + rep("()", 500), "a" + rep(", a", 250) + " = 1", rep("::a:: ", 2) + "goto a",
		"for k, v in next, {1, 2} do print(k, v) end", "for i = 1, 10, 2 do end",
		"repeat local x = 1 until x", "while true do break end", "if a then elseif b then else end",
		"local function f(...) return ... end", "function a.b.c:d(x, y, ...) return self end",
		"t = {1, 2; x = 1, [2] = 3, f(), ...}", "goto l; do ::l:: end ::l::",
		`s = "\x41\z   \u{48}\065\n\\" .. [==[ ]] ]==] .. 'a'`, "--[[ comment ]] --[==[\n]==]",
		"x = 0x1p4 + 1e10 + .5 + 5. + 0xA.8 + 3..2", "x = a:b'c':d{e}",
		"local a, b, c = ... ; a, b.c, d[1] = b, c, a", "return -0.0, 1/0, 0/0, 7 % -3, 2^53",
		"\v\f\r\n\t x", "x = \"abc", "x = [[", "f(", "::", "goto", "a.b:c = 1",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		start := time.Now()
		proto, err := compile(src, "=fuzz")
		if (proto == nil) == (err == nil) {
			t.Fatalf("compile returned %v, %v", proto, err)
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
		if d := time.Since(start); d > 5*time.Second && len(src) < 1<<20 {
			t.Fatalf("compile of %d bytes took %v", len(src), d)
		}
	})
}
