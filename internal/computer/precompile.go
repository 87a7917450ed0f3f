package computer

import (
	iofs "io/fs"
	"path"
	"strings"

	"github.com/craftos/craftos/internal/romcode"
	"github.com/craftos/craftos/internal/vm"
)

// precompileROM makes the ROM's compiled form shared by every computer of
// the process. Our own ROM was compiled at build time (package romcode): a
// boot decodes just the chunks it loads, so nothing is read or compiled
// here for a file whose length matches its compiled source (Load checks
// the source's hash before using it). Any other file (another ROM from
// --rom, or an edited one) is registered with vm.Precompile, under the
// chunk name the bios loads it with, and compiled in the background in the
// order a boot loads it: bios, the APIs, the modules the bios and the APIs
// run, the shell, then the rest, so a reboot or a second computer parses
// nothing twice.
func precompileROM(cfg Config) {
	if cfg.ROM == nil {
		return
	}
	romcode.Use()
	var chunks, later []vm.Chunk
	if !compiledLen(romcode.BIOSChunkName, int64(len(cfg.BIOS))) {
		chunks = append(chunks, vm.Chunk{Name: romcode.BIOSChunkName, Source: string(cfg.BIOS)})
	}
	first := map[string]bool{
		"modules/main/cc/expect.lua":      true,
		"modules/main/cc/internal/fs.lua": true,
		"modules/main/cc/require.lua":     true,
		"programs/shell.lua":              true,
	}
	iofs.WalkDir(cfg.ROM, ".", func(p string, d iofs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".lua" {
			return nil
		}
		name := romcode.ChunkName(p)
		if info, err := d.Info(); err == nil && compiledLen(name, info.Size()) {
			return nil
		}
		data, err := iofs.ReadFile(cfg.ROM, p)
		if err != nil {
			return nil
		}
		c := vm.Chunk{Name: name, Source: string(data)}
		if first[p] || strings.HasPrefix(p, "apis/") || strings.HasPrefix(p, "modules/main/cc/internal/") {
			chunks = append(chunks, c)
		} else {
			later = append(later, c)
		}
		return nil
	})
	vm.Precompile(append(chunks, later...))
}

// compiledLen reports whether the build-time compiled ROM has chunk name
// from a source of size bytes.
func compiledLen(name string, size int64) bool {
	n, ok := vm.CompiledSize(name)
	return ok && int64(n) == size
}
