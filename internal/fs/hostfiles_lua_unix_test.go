//go:build unix

package fs_test

import (
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/fs"
)

// The same from Lua, with CC:Tweaked's texts.
func TestLuaSpecialFiles(t *testing.T) {
	root := t.TempDir()
	names := fs.SpecialFiles(t, root)
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
