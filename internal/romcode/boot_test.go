package romcode_test

import (
	"testing"

	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/vm"
)

// A boot of our ROM decodes the compiled chunks it loads and compiles only
// the program it runs (it once compiled the whole ROM at every start).
func TestBootCompilesOnlyTheProgram(t *testing.T) {
	computertest.Run(t, `print("warm")`) // the first computer of the process
	before := vm.SourceCompiles()
	res := computertest.Run(t, `print("hi") print(textutils.serialise({1}))`)
	if res.Stdout != "hi\n{\n  1,\n}\n" || res.Status != 0 {
		t.Fatalf("status %d, stdout %q, stderr %q", res.Status, res.Stdout, res.Stderr)
	}
	if n := vm.SourceCompiles() - before; n != 1 {
		t.Fatalf("a boot compiled %d chunks from source, want 1 (the program)", n)
	}
}
