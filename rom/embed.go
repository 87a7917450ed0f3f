// Package rom embeds craftos's own ROM: the bios and the folder mounted
// read-only at /rom inside every computer.
package rom

import (
	"embed"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
)

//go:embed bios.lua startup.lua apis modules programs all:autorun help
var files embed.FS

// BIOS returns bios.lua's source.
func BIOS() []byte {
	b, err := files.ReadFile("bios.lua")
	if err != nil {
		panic("rom: bios.lua missing from the build: " + err.Error())
	}
	return b
}

// FS is the tree mounted at /rom.
func FS() iofs.FS { return files }

// Load returns the ROM to boot: the embedded one when dir is empty, or a
// folder holding bios.lua beside a rom/ folder (CraftOS-PC's and
// CC:Tweaked's layout).
func Load(dir string) (iofs.FS, []byte, error) {
	if dir == "" {
		return FS(), BIOS(), nil
	}
	bios, err := os.ReadFile(filepath.Join(dir, "bios.lua"))
	if err != nil {
		return nil, nil, fmt.Errorf("--rom %s: %w (expected bios.lua beside a rom/ folder)", dir, err)
	}
	romDir := filepath.Join(dir, "rom")
	if st, err := os.Stat(romDir); err != nil || !st.IsDir() {
		return nil, nil, fmt.Errorf("--rom %s: no rom/ folder beside bios.lua", dir)
	}
	return os.DirFS(romDir), bios, nil
}
