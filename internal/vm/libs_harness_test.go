package vm

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

// The library corpus runs each case on a craftos machine and through
// lua5.2 with the same driver; the outputs must be identical.

// libsDriver runs CASES; emit(s) receives one case's output.
const libsDriver = `
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
  emit(table.concat(buf))
end
`

// libsQuote writes s as a Lua string literal using decimal escapes.
func libsQuote(s string) string {
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

func libsCasesSource(cases []string) string {
	var src strings.Builder
	src.WriteString("CASES = {\n")
	for _, c := range cases {
		if !strings.Contains(c, "out(") {
			c = "out(" + c + ")"
		}
		src.WriteString(libsQuote(c) + ",\n")
	}
	src.WriteString("}\n")
	return src.String()
}

// runLibsPUC runs the cases through a PUC interpreter in one process (TZ=UTC).
func runLibsPUC(t *testing.T, lua52 string, cases []string) []string {
	t.Helper()
	src := libsCasesSource(cases) + "function emit(s) io.write(#s, '\\n', s) end\n" + libsDriver
	f := t.TempDir() + "/cases.lua"
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(lua52, f)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", lua52, err)
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

// runLibsCraftOS runs the cases on one craftos machine; setup may add
// globals (such as os) first.
func runLibsCraftOS(t *testing.T, cases []string, setup func(*testMachine)) []string {
	t.Helper()
	tm := newTestMachine(t, Options{})
	if setup != nil {
		setup(tm)
	}
	var res []string
	tm.L.SetGlobal("emit", tm.L.NewFunction(func(L *lua.LState) int {
		res = append(res, L.CheckString(1))
		return 0
	}))
	if err := tm.run(libsCasesSource(cases) + libsDriver); err != nil {
		t.Fatalf("driver: %v", err)
	}
	if len(res) != len(cases) {
		t.Fatalf("craftos produced %d results for %d cases", len(res), len(cases))
	}
	return res
}

// compareWithPUC runs cases on craftos and lua5.2 and reports every
// difference.
func compareWithPUC(t *testing.T, cases []string, setup func(*testMachine)) {
	t.Helper()
	compareWith(t, "lua5.2", cases, setup)
}

// compareWith compares with another PUC interpreter (lua5.3 for the 5.3
// functions CraftOS has), skipping when it is not installed.
func compareWith(t *testing.T, interpreter string, cases []string, setup func(*testMachine)) {
	t.Helper()
	bin, err := exec.LookPath(interpreter)
	if err != nil {
		t.Skip(interpreter + " not on PATH")
	}
	want := runLibsPUC(t, bin, cases)
	got := runLibsCraftOS(t, cases, setup)
	for i, c := range cases {
		if got[i] != want[i] {
			t.Errorf("case %d %s\n got: %q\nwant: %q", i, c, got[i], want[i])
		}
	}
}
