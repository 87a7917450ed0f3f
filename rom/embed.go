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

//go:embed bios.lua startup.lua motd.txt apis modules programs all:autorun help
var files embed.FS

// BIOS returns bios.lua's source.
func BIOS() []byte {
	b, err := files.ReadFile("bios.lua")
	if err != nil {
		panic("rom: bios.lua missing from the build: " + err.Error())
	}
	return b
}

// FS is the tree mounted at /rom: the embedded files without bios.lua,
// which the bios loads from outside the ROM in CraftOS's layout.
func FS() iofs.FS { return romFS{files} }

// romFS hides bios.lua at the top of the embedded tree.
type romFS struct{ embed.FS }

func hidden(name string) bool { return name == "bios.lua" }

func (r romFS) Open(name string) (iofs.File, error) {
	if hidden(name) {
		return nil, &iofs.PathError{Op: "open", Path: name, Err: iofs.ErrNotExist}
	}
	return r.FS.Open(name)
}

func (r romFS) ReadFile(name string) ([]byte, error) {
	if hidden(name) {
		return nil, &iofs.PathError{Op: "read", Path: name, Err: iofs.ErrNotExist}
	}
	return r.FS.ReadFile(name)
}

func (r romFS) ReadDir(name string) ([]iofs.DirEntry, error) {
	entries, err := r.FS.ReadDir(name)
	if err != nil || name != "." {
		return entries, err
	}
	kept := entries[:0:0]
	for _, e := range entries {
		if !hidden(e.Name()) {
			kept = append(kept, e)
		}
	}
	return kept, nil
}

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
	// Through os.Root, so a symlink inside the ROM folder cannot lead a
	// program outside it. The root stays open for the process's life.
	root, err := os.OpenRoot(romDir)
	if err != nil {
		return nil, nil, fmt.Errorf("--rom %s: %w", dir, err)
	}
	return root.FS(), bios, nil
}
