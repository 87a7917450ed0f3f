// Package romcode is craftos's ROM compiled at build time: the bios and
// every Lua file of rom/, as vm.BuildCompiled writes them, embedded in the
// binary so a start decodes the chunks a boot loads instead of compiling
// the whole ROM (PUC Lua's luac output plays this part for PUC).
//
// rom.bin is generated: run `go generate ./internal/romcode` (or `make
// rom-compiled`) after changing the ROM, gopher-lua's compiler or craftos's
// rewriter; TestCompiledROMIsFresh fails until then. A stale file is never
// used wrongly: a chunk whose source changed compiles from source.
package romcode

import (
	_ "embed"
	iofs "io/fs"
	"path"
	"sync"

	"github.com/craftos/craftos/internal/vm"
)

//go:generate go run ./gen

//go:embed rom.bin
var blob string

var once sync.Once

// Use makes the compiled ROM available to every machine's Load (once per
// process; later calls do nothing).
func Use() {
	once.Do(func() {
		// A malformed blob fails TestCompiledROMIsFresh; at run time the
		// ROM then compiles from source.
		_ = vm.UseCompiled(blob)
	})
}

// ChunkName is the chunk name the bios loads the ROM file p (a path in
// the ROM tree, "apis/colors.lua") under.
func ChunkName(p string) string { return "@/rom/" + p }

// BIOSChunkName is the bios's chunk name.
const BIOSChunkName = "@bios.lua"

// Sources lists the chunks to compile: the bios, then every .lua file of
// the ROM tree under the name the bios loads it with.
func Sources(rom iofs.FS, bios []byte) ([]vm.Chunk, error) {
	chunks := []vm.Chunk{{Name: BIOSChunkName, Source: string(bios)}}
	err := iofs.WalkDir(rom, ".", func(p string, d iofs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".lua" {
			return err
		}
		data, err := iofs.ReadFile(rom, p)
		if err != nil {
			return err
		}
		chunks = append(chunks, vm.Chunk{Name: ChunkName(p), Source: string(data)})
		return nil
	})
	return chunks, err
}
