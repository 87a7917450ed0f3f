package lstring

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// newState returns a gopher-lua state with Open applied and a global
// out(...) that records tostring'd values joined by tabs, one line per call.
func newState(interrupt func(*lua.LState)) (*lua.LState, *bytes.Buffer) {
	L := lua.NewState()
	Open(L, interrupt)
	buf := &bytes.Buffer{}
	L.SetGlobal("out", L.NewFunction(func(L *lua.LState) int {
		for i := 1; i <= L.GetTop(); i++ {
			if i > 1 {
				buf.WriteByte('\t')
			}
			buf.WriteString(ToString(toLValue(L, L.Get(i))))
		}
		buf.WriteByte('\n')
		return 0
	}))
	return L, buf
}

// caseCode turns a corpus entry into a chunk.
func caseCode(c string) string {
	if strings.Contains(c, "out(") {
		return c
	}
	return "out(" + c + ")"
}

// runGo runs one case in gopher-lua; errors become "ERR: msg".
func runGo(c string) string {
	L, buf := newState(nil)
	defer L.Close()
	fn, err := L.Load(strings.NewReader(caseCode(c)), "case")
	if err != nil {
		return "COMPILE: " + err.Error()
	}
	L.Push(fn)
	if err := L.PCall(0, 0, nil); err != nil {
		if le, ok := err.(*lua.ApiError); ok {
			buf.WriteString("ERR: " + toLStringNoMeta(le.Object) + "\n")
		} else {
			buf.WriteString("ERR: " + err.Error() + "\n")
		}
	}
	return buf.String()
}

func toLStringNoMeta(v lua.LValue) string { return ToString(v) }

// luaQuote writes s as a Lua string literal using only decimal escapes.
func luaQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 32 && c < 127 && c != '"' && c != '\\' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "\\%03d", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

const puchDriver = `
local buf
function out(...)
  local t = {}
  for i = 1, select('#', ...) do t[i] = tostring((select(i, ...))) end
  buf[#buf + 1] = table.concat(t, "\t") .. "\n"
end
for i, code in ipairs(CASES) do
  buf = {}
  local f, e = load(code, "=case")
  if not f then buf[#buf + 1] = "COMPILE: " .. e else
    local ok, err = pcall(f)
    if not ok then buf[#buf + 1] = "ERR: " .. tostring(err) .. "\n" end
  end
  local s = table.concat(buf)
  io.write(#s, "\n", s)
end
`

// runPUC runs all cases through lua5.2 in one process.
func runPUC(t *testing.T, lua52 string, cases []string) []string {
	var src strings.Builder
	src.WriteString("CASES = {\n")
	for _, c := range cases {
		src.WriteString(luaQuote(caseCode(c)) + ",\n")
	}
	src.WriteString("}\n" + puchDriver)
	f, err := os.CreateTemp(t.TempDir(), "corpus*.lua")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(src.String())
	f.Close()
	outb, err := exec.Command(lua52, f.Name()).Output()
	if err != nil {
		t.Fatalf("lua5.2: %v", err)
	}
	var res []string
	for len(outb) > 0 {
		nl := bytes.IndexByte(outb, '\n')
		n, err := strconv.Atoi(string(outb[:nl]))
		if err != nil {
			t.Fatalf("bad driver output: %q", outb[:min(len(outb), 100)])
		}
		res = append(res, string(outb[nl+1:nl+1+n]))
		outb = outb[nl+1+n:]
	}
	if len(res) != len(cases) {
		t.Fatalf("lua5.2 produced %d results for %d cases", len(res), len(cases))
	}
	return res
}

func TestDifferentialPUC(t *testing.T) {
	lua52, err := exec.LookPath("lua5.2")
	if err != nil {
		t.Skip("lua5.2 not on PATH")
	}
	if len(corpus) < 150 {
		t.Fatalf("corpus has only %d cases", len(corpus))
	}
	want := runPUC(t, lua52, corpus)
	for i, c := range corpus {
		got := runGo(c)
		if got != want[i] {
			t.Errorf("case %d %s\n got: %q\nwant: %q", i, c, got, want[i])
		}
	}
}
