// Command gen writes rom.bin, craftos's ROM compiled (see package
// romcode). Run by `go generate ./internal/romcode`.
package main

import (
	"fmt"
	"os"

	"github.com/craftos/craftos/internal/romcode"
	"github.com/craftos/craftos/internal/vm"
	"github.com/craftos/craftos/rom"
)

func main() {
	out := "rom.bin"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	if err := run(out); err != nil {
		fmt.Fprintln(os.Stderr, "romcode/gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	chunks, err := romcode.Sources(rom.FS(), rom.BIOS())
	if err != nil {
		return err
	}
	blob, err := vm.BuildCompiled(chunks)
	if err != nil {
		return err
	}
	return os.WriteFile(out, blob, 0o644)
}
