package vm

import (
	"fmt"
	"strings"
	"testing"
)

// A function with more jump labels than an instruction's 18-bit offset can
// number: every jump must still land where it should (the label ids once
// wrapped, silently).
func TestJumpsPastLabelIDRange(t *testing.T) {
	var src strings.Builder
	src.WriteString("local n, m = 0, 0\n")
	const ifs = 70000 // two labels each: past 2^17
	for i := 0; i < ifs; i++ {
		fmt.Fprintf(&src, "if %d %% 3 == 0 then n = n + 1 else m = m + 1 end\n", i)
	}
	src.WriteString("print(n, m)\n")
	tm := newTestMachine(t, Options{})
	if err := tm.run(src.String()); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%d\t%d\n", (ifs+2)/3, ifs-(ifs+2)/3)
	if got := tm.output(); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
