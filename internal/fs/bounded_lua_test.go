package fs_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// sparse makes a host file of size bytes that uses no disk.
func sparse(t *testing.T, root, name string, size int64) {
	t.Helper()
	f, err := os.Create(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Skipf("no sparse files of %d bytes here: %v", size, err)
	}
}

// A read never asks for more than the file holds, the disk's capacity and
// the memory limit: a 1 TiB sparse file (the old code: "fatal error:
// runtime: out of memory") and a line of 100 MiB with no newline are
// "not enough memory" even with the memory limit off.
func TestLuaReadsBoundedByCapacity(t *testing.T) {
	root := t.TempDir()
	sparse(t, root, "huge", 1<<40)
	sparse(t, root, "nonl", 100<<20)
	computertest.WriteFile(t, root, "small", "one\ntwo")
	runLuaWith(t, `
local nem = "not enough memory"
local h = fs.open("huge", "rb")
eq("readAll 1 TiB", err(h.readAll), nem)
eq("read 2^40", err(h.read, 2^40), nem)
eq("read 2^31", err(h.read, 2^31), nem)
eq("read small", #h.read(100), 100)
eq("seek end", h.seek("end"), 2^40)
eq("read at end", h.read(2^40), nil)
eq("readAll at end", h.readAll(), "")
h.seek("end", -10)
eq("read the tail", #h.read(2^40), 10)
h.close()
h = fs.open("nonl", "r")
eq("readLine 100 MiB", err(h.readLine), nem)
eq("position kept", h.seek(), 0)
h.seek("set", 100 * 2^20 - 5)
eq("short last line", #h.readLine(), 5)
h.close()
h = fs.open("small", "r")
eq("read(2^40) of a small file", h.read(2^40), "one\ntwo")
h.close()
h = fs.open("small", "r")
eq("line", h.readLine(), "one")
eq("last line", h.readLine(), "two")
h.close()
`, computertest.Root(root), computertest.Configure(func(c *computer.Config) {
		c.Limits.MemoryLimit = 0
		c.Limits.DiskCapacity = 64 << 20
	}))
}

// Within the capacity, the memory limit bounds every read, readLine too.
func TestLuaReadsBoundedByMemory(t *testing.T) {
	root := t.TempDir()
	sparse(t, root, "big", 80<<20)
	runLuaWith(t, `
local nem = "not enough memory"
local h = fs.open("big", "rb")
eq("readAll", err(h.readAll), nem)
eq("read(n)", err(h.read, 2^40), nem)
eq("readLine", err(h.readLine), nem)
eq("read(1000)", #h.read(1000), 1000)
h.close()
`, computertest.Root(root), computertest.Configure(func(c *computer.Config) {
		c.Limits.MemoryLimit = 48 << 20
	}))
}

// Writing one byte at 2^40 is "Out of space" (CC:Tweaked counts the size
// the file would have); nothing is written, seeking itself is allowed.
func TestLuaOutOfSpace(t *testing.T) {
	root := t.TempDir()
	runLuaWith(t, `
local h = fs.open("sparse", "wb")
eq("seek 2^40", h.seek("set", 2^40), 2^40)
errEq("write at 2^40", "Out of space", h.write, 1)
h.close()
eq("nothing written", fs.getSize("sparse"), 0)

local cap = fs.getCapacity("")
eq("capacity", cap, 100000)
eq("free", fs.getFreeSpace(""), 100000 - 500) -- sparse costs 500
h = fs.open("fill", "wb")
h.write(("x"):rep(99000)) -- its first 500 bytes were paid on open
errEq("write past capacity", "Out of space", h.write, ("x"):rep(600))
h.write(("x"):rep(500))
eq("free when full", fs.getFreeSpace(""), 0)
errEq("writeLine when full", "Out of space", h.writeLine, "")
h.close()
eq("file kept", fs.getSize("fill"), 99500)
local none, msg = fs.open("more", "w")
eq("open when full", msg, "/more: Out of space")
errEq("makeDir when full", "/dir: Out of space", fs.makeDir, "dir")
errEq("copy when full", "/copy: Out of space", fs.copy, "sparse", "copy")
fs.delete("fill")
eq("free after delete", fs.getFreeSpace(""), 100000 - 500)
`, computertest.Root(root), computertest.Configure(func(c *computer.Config) {
		c.Limits.DiskCapacity = 100000
	}))
}
