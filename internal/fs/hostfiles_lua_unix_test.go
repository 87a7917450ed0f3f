//go:build unix

package fs_test

import (
	"net"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computertest"
)

// specialFiles is a FIFO, a socket and (as root) a /dev/zero node.
func specialFiles(t *testing.T, root string) []string {
	t.Helper()
	names := []string{"fifo", "sock"}
	if err := syscall.Mkfifo(filepath.Join(root, "fifo"), 0o666); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("unix", filepath.Join(root, "sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	if err := syscall.Mknod(filepath.Join(root, "zero"), syscall.S_IFCHR|0o666, 1<<8|5); err == nil {
		names = append(names, "zero")
	}
	return names
}

// The same from Lua, with CC:Tweaked's texts.
func TestLuaSpecialFiles(t *testing.T) {
	root := t.TempDir()
	names := specialFiles(t, root)
	src := luaPrelude + `
for _, n in ipairs({` + `"` + strings.Join(names, `", "`) + `"` + `}) do
    eq(n .. " exists", fs.exists(n), true)
    eq(n .. " isDir", fs.isDir(n), false)
    eq(n .. " size", fs.getSize(n), 0)
    eq(n .. " attributes", fs.attributes(n).isDir, false)
    for _, mode in ipairs({ "r", "rb", "w", "a", "r+", "w+" }) do
        eq(n .. " open " .. mode, opened(n, mode), "/" .. n .. ": Not a file")
    end
    eq(n .. " copy", err(fs.copy, n, "c"), "/" .. n .. ": Not a file")
    eq(n .. " copied nothing", fs.exists("c"), false)
end
local listed = table.concat(fs.list(""), ",")
eq("listed", listed:find("fifo", 1, true) ~= nil, true)
` + luaEpilogue
	run := computertest.Start(t, src, computertest.Root(root))
	res := run.Wait(t, 20*time.Second)
	checkLua(t, res)
}
