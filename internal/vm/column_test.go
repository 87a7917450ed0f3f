package vm

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// columnProbe runs a case's code in a coroutine that dies by its error, then
// prints the currentcolumn of the frame at the error's line, as CC:Tweaked's
// cc.internal.exception.report looks it up.
const columnProbe = `local src = %s
local co = coroutine.create(assert(load(src, "=case")))
local ok, err = coroutine.resume(co)
assert(not ok, "no error")
local line = tonumber(err:match("^case:(%%d+):"))
for level = 0, 15 do
  local f = debug.getinfo(co, level, "Sl")
  if not f then break end
  if f.short_src == "case" and f.what ~= "C" and f.currentline == line then
    print(f.currentcolumn)
    return
  end
end
print("no frame")
`

// TestCurrentColumn checks the column each main kind of runtime error
// points at: Cobalt's choice (its parser's token positions), which
// CC:Tweaked's shell marks under the failing line: a call's '(' (or string
// or table argument), an index's '.', '[' or ':', an operator, a numeric
// for's 'for', a generic for's iterator. The mark line's '^' is the column.
func TestCurrentColumn(t *testing.T) {
	cases := []struct{ name, code, mark string }{
		{"call a nil global", `foo()`, `   ^`},
		{"call with a string", `foo "x"`, `    ^`},
		{"call with a table", `foo {}`, `    ^`},
		{"call a nil field", `local t = {} t.x()`, `                ^`},
		{"call a nil method", `local t = {} t:nope()`, `                   ^`},
		{"method on nil", `local t = nil t:m()`, `               ^`},
		{"index nil with a dot", `local t = nil local x = t.y`, `                         ^`},
		{"index nil with a bracket", `local t = nil print(t[1])`, `                     ^`},
		{"assign into nil", `local t = {} t.a.b = 1`, `                ^`},
		{"arithmetic", `local x = 1 + nil`, `            ^`},
		{"concatenation", `local s = "a" .. {}`, `              ^`},
		{"unary minus", `local n = -{}`, `          ^`},
		{"length", `local n = #nil`, `          ^`},
		{"comparison", `local b = {} < {}`, `             ^`},
		{"error()", `error("boom")`, `     ^`},
		{"bad argument", `string.rep()`, `          ^`},
		{"numeric for", `  for i = nil, 2 do end`, `  ^`},
		{"generic for", `for k in nil do end`, `         ^`},
		{"second line", "local a = 1\nlocal b = a()", "\n           ^"},
		{"tabs count as one", "\tlocal t = nil\tt.x = 1", "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t^"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mark := c.mark[strings.LastIndex(c.mark, "\n")+1:]
			want := strings.IndexByte(mark, '^') + 1
			tm := newTestMachine(t, Options{})
			if err := tm.run(fmt.Sprintf(columnProbe, strconv.Quote(c.code))); err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(tm.output()); got != strconv.Itoa(want) {
				t.Fatalf("%q: currentcolumn = %s, want %d", c.code, got, want)
			}
		})
	}
}

// A column on another line than the instruction's (an expression split over
// lines) would mark the wrong text: there is none.
func TestCurrentColumnOtherLine(t *testing.T) {
	tm := newTestMachine(t, Options{})
	if err := tm.run(fmt.Sprintf(columnProbe, strconv.Quote("local t = nil\nlocal x = t\n  .y"))); err != nil {
		t.Fatal(err)
	}
	if got := tm.output(); got != "nil\n" {
		t.Fatalf("currentcolumn = %q, want nil", got)
	}
}

// currentcolumn in live frames (an xpcall handler), and absent for Go
// functions and for a function given by value.
func TestCurrentColumnLive(t *testing.T) {
	runCases(t, []luaCase{{name: "xpcall handler", src: `local t
print(select(2, xpcall(function() return t.x end, function(m)
  return debug.getinfo(2, "l").currentcolumn
end)))
print(debug.getinfo(1, "l").currentcolumn)
print(debug.getinfo(print, "l").currentcolumn)
print(debug.getinfo(1, "S").currentcolumn)`, want: "43\n20\nnil\nnil\n"}})
}
