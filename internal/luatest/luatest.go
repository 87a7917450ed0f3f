// Package luatest runs one-line Lua cases through a PUC Lua interpreter
// (lua5.2, or lua5.3 for the 5.3 functions CraftOS has), so tests can
// compare craftos's answers with the reference's. Each case's output is what
// it passes to out(...), or "ERR: msg" / "COMPILE: msg".
package luatest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// Driver runs CASES (set by CasesSource), calling emit(s) with each case's
// output. craftos's side defines emit in Go; RunPUC defines it in Lua.
const Driver = `
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

// Quote writes s as a Lua string literal using only decimal escapes.
func Quote(s string) string {
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

// CaseCode is a case as a chunk: an expression becomes out(expression).
func CaseCode(c string) string {
	if strings.Contains(c, "out(") {
		return c
	}
	return "out(" + c + ")"
}

// CasesSource is the Lua table CASES the driver runs.
func CasesSource(cases []string) string {
	var src strings.Builder
	src.WriteString("CASES = {\n")
	for _, c := range cases {
		src.WriteString(Quote(CaseCode(c)) + ",\n")
	}
	src.WriteString("}\n")
	return src.String()
}

// Interpreter is the path of a PUC interpreter; the test is skipped when
// it is not installed (CI installs lua5.2 and lua5.3).
func Interpreter(t testing.TB, name string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		t.Skip(name + " not on PATH")
	}
	return bin
}

// RunPUC runs every case through the interpreter in one process (TZ=UTC)
// and returns their outputs.
func RunPUC(t testing.TB, interpreter string, cases []string) []string {
	t.Helper()
	src := CasesSource(cases) + "function emit(s) io.write(#s, '\\n', s) end\n" + Driver
	f := t.TempDir() + "/cases.lua"
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(interpreter, f)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", interpreter, err)
	}
	var res []string
	for len(outb) > 0 {
		nl := bytes.IndexByte(outb, '\n')
		n, err := strconv.Atoi(string(outb[:max(nl, 0)]))
		if nl < 0 || err != nil || nl+1+n > len(outb) {
			t.Fatalf("bad driver output: %q", outb[:min(len(outb), 100)])
		}
		res = append(res, string(outb[nl+1:nl+1+n]))
		outb = outb[nl+1+n:]
	}
	if len(res) != len(cases) {
		t.Fatalf("%s produced %d results for %d cases", interpreter, len(res), len(cases))
	}
	return res
}
