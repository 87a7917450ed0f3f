package romcode

import (
	"bytes"
	"testing"

	"github.com/craftos/craftos/internal/vm"
	"github.com/craftos/craftos/rom"
)

// rom.bin must be what the ROM and the compiler give today: a stale one
// would leave a start compiling the files that changed (or, after a
// compiler change, run ROM code compiled by the old compiler).
func TestCompiledROMIsFresh(t *testing.T) {
	chunks, err := Sources(rom.FS(), rom.BIOS())
	if err != nil {
		t.Fatal(err)
	}
	want, err := vm.BuildCompiled(chunks)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal([]byte(blob), want) {
		Use()
		var changed []string
		for _, c := range chunks {
			if n, ok := vm.CompiledSize(c.Name); !ok || n != len(c.Source) {
				changed = append(changed, c.Name)
			}
		}
		t.Fatalf("internal/romcode/rom.bin is stale (changed or new: %v; or the compiler changed): run `make rom-compiled` (go generate ./internal/romcode) and commit it", changed)
	}
}

// Every chunk the bios loads is in the blob under the name it loads it
// with, so a boot compiles nothing.
func TestCompiledROMCoversTheROM(t *testing.T) {
	Use()
	chunks, err := Sources(rom.FS(), rom.BIOS())
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks) < 50 || chunks[0].Name != "@bios.lua" {
		t.Fatalf("%d chunks, first %q", len(chunks), chunks[0].Name)
	}
	for _, c := range chunks {
		if _, ok := vm.CompiledSize(c.Name); !ok {
			t.Errorf("%s: not in rom.bin", c.Name)
		}
	}
	for _, name := range []string{"@/rom/apis/colors.lua", "@/rom/programs/shell.lua", "@/rom/modules/main/cc/expect.lua"} {
		if _, ok := vm.CompiledSize(name); !ok {
			t.Errorf("%s missing", name)
		}
	}
}
