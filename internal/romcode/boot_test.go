package romcode_test

import (
	iofs "io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/vm"
	"github.com/craftos/craftos/rom"
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

// A ROM file that differs from the one compiled into rom.bin, even with
// the same length, runs from its source (its SHA-256 does not match); one
// of another length too.
func TestEditedROMFileRunsFromSource(t *testing.T) {
	edited := fstest.MapFS{}
	err := iofs.WalkDir(rom.FS(), ".", func(p string, d iofs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := iofs.ReadFile(rom.FS(), p)
		edited[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	colors := string(edited["apis/colors.lua"].Data)
	same := strings.Replace(colors, "white = 0x1\n", "white = 0x7\n", 1)
	if same == colors {
		t.Fatal("colors.lua has no `white = 0x1` line to edit")
	}
	edited["apis/colors.lua"] = &fstest.MapFile{Data: []byte(same)}
	edited["apis/colours.lua"] = &fstest.MapFile{Data: append(edited["apis/colours.lua"].Data, "\nmarker = 42\n"...)}
	res := computertest.Run(t, `print(colors.white, colours.marker, colors.orange)`,
		computertest.Configure(func(c *computer.Config) { c.ROM = edited }))
	if res.Stdout != "7\t42\t2\n" {
		t.Fatalf("stdout %q, stderr %q", res.Stdout, res.Stderr)
	}
}
