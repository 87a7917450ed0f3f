package computer

import (
	iofs "io/fs"
	"path"
	"strings"

	"github.com/craftos/craftos/internal/vm"
)

// precompileROM registers the bios and the ROM's Lua files for sharing
// between every computer of the process (see vm.Precompile), under the
// chunk names the bios loads them with, what a boot loads first: bios, the
// APIs, the modules the bios and the APIs run, the shell. The rest of the ROM is registered
// too, so a reboot or a second computer parses nothing twice.
func precompileROM(cfg Config) {
	if cfg.ROM == nil {
		return
	}
	chunks := []vm.Chunk{{Name: "@bios.lua", Source: string(cfg.BIOS)}}
	var later []vm.Chunk
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
		data, err := iofs.ReadFile(cfg.ROM, p)
		if err != nil {
			return nil
		}
		c := vm.Chunk{Name: "@/rom/" + p, Source: string(data)}
		if first[p] || strings.HasPrefix(p, "apis/") || strings.HasPrefix(p, "modules/main/cc/internal/") {
			chunks = append(chunks, c)
		} else {
			later = append(later, c)
		}
		return nil
	})
	vm.Precompile(append(chunks, later...))
}
