package fs_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// mounted runs src on a computer with /src mounted read-only and /data
// writable (--mount /src=...:ro --mount /data=...).
func mounted(t *testing.T, src string) (root, ro, rw string) {
	t.Helper()
	root, ro, rw = t.TempDir(), t.TempDir(), t.TempDir()
	computertest.WriteFile(t, ro, "lib/util.lua", "return 42")
	computertest.WriteFile(t, rw, "notes.txt", "hello")
	runLuaWith(t, src, computertest.Root(root), computertest.Configure(func(c *computer.Config) {
		c.Mounts = []computer.Mount{
			{Path: "src", Dir: ro, ReadOnly: true},
			{Path: "data", Dir: rw},
		}
	}))
	return root, ro, rw
}

// A read-only mount refuses every write with CC:Tweaked's texts, and is
// read, listed, and named by fs.getDrive.
func TestMountReadOnly(t *testing.T) {
	_, ro, _ := mounted(t, `
eq("list root", table.concat(fs.list("/"), ","), "data,rom,src")
eq("exists", fs.exists("src"), true)
eq("isDir", fs.isDir("/src"), true)
eq("list", table.concat(fs.list("src"), ","), "lib")
eq("read", read("src/lib/util.lua"), "return 42")
eq("dofile", dofile("src/lib/util.lua"), 42)
eq("readOnly", fs.isReadOnly("src"), true)
eq("readOnly file", fs.isReadOnly("src/lib/util.lua"), true)
eq("readOnly new", fs.isReadOnly("src/new"), true)
eq("drive", fs.getDrive("src/lib"), "src")
eq("drive missing", fs.getDrive("src/nothing"), nil)
eq("capacity", fs.getCapacity("src"), nil)
eq("free", fs.getFreeSpace("src"), 0)
eq("open w", opened("src/x", "w"), "/src/x: Access denied")
eq("open a", opened("src/lib/util.lua", "a"), "/src/lib/util.lua: Access denied")
eq("open r+", opened("src/lib/util.lua", "r+"), "/src/lib/util.lua: Access denied")
errEq("makeDir", "/src/x: Access denied", fs.makeDir, "src/x")
errEq("delete", "/src/lib: Access denied", fs.delete, "src/lib")
errEq("delete mount", "/src: Access denied", fs.delete, "src")
errEq("copy into", "/src/copy: Access denied", fs.copy, "rom/startup.lua", "src/copy")
errEq("move out", "Access denied", fs.move, "src/lib", "moved")
errEq("move in", "Access denied", fs.move, "data/notes.txt", "src/notes.txt")
fs.copy("src/lib", "copied")
eq("copy out", read("copied/util.lua"), "return 42")
eq("copy drive", fs.getDrive("copied"), "hdd")
`)
	if data, err := os.ReadFile(filepath.Join(ro, "lib", "util.lua")); err != nil || string(data) != "return 42" {
		t.Errorf("mounted file now %q, %v", data, err)
	}
	if entries, _ := os.ReadDir(ro); len(entries) != 1 {
		t.Errorf("read-only folder now holds %d entries", len(entries))
	}
}

// A writable mount is written through to its host folder, has a capacity
// and free space of its own, and files move between it and the root.
func TestMountWritable(t *testing.T) {
	root, _, rw := mounted(t, `
eq("read", read("data/notes.txt"), "hello")
write("data/new/file.txt", "written")
eq("readOnly", fs.isReadOnly("data/new"), false)
eq("drive", fs.getDrive("data/new/file.txt"), "data")
eq("root drive", fs.getDrive("startup"), nil)
eq("root drive", fs.getDrive("/"), "hdd")
eq("capacity", fs.getCapacity("data"), fs.getCapacity("/"))
eq("free", fs.getFreeSpace("data") < fs.getCapacity("data"), true)
write("moveme", "across")
fs.move("moveme", "data/moved")
eq("moved in", read("data/moved"), "across")
eq("source gone", fs.exists("moveme"), false)
fs.move("data/moved", "back")
eq("moved out", read("back"), "across")
eq("gone from mount", fs.exists("data/moved"), false)
errEq("move mount", "Access denied", fs.move, "data", "elsewhere")
errEq("delete mount", "/data: Access denied", fs.delete, "data")
eq("up and out", fs.exists("data/../data/notes.txt"), true)
errEq("escape", "/..: Invalid Path", fs.list, "data/../..")
`)
	if data, err := os.ReadFile(filepath.Join(rw, "new", "file.txt")); err != nil || string(data) != "written" {
		t.Errorf("host file %q, %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(root, "data")); err == nil {
		t.Error("the mount point was made in the root folder")
	}
	if data, err := os.ReadFile(filepath.Join(root, "back")); err != nil || string(data) != "across" {
		t.Errorf("moved back %q, %v", data, err)
	}
}

// A symlink inside a mounted folder that leads out of it is refused, as in
// the root folder: nothing outside is read or written.
func TestMountSymlinkEscape(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	outside, rw := t.TempDir(), t.TempDir()
	computertest.WriteFile(t, outside, "secret.txt", "secret")
	for name, target := range map[string]string{
		"out":     outside,
		"outfile": filepath.Join(outside, "secret.txt"),
		"outrel":  "../" + filepath.Base(outside),
	} {
		if err := os.Symlink(target, filepath.Join(rw, name)); err != nil {
			t.Fatal(err)
		}
	}
	runLuaWith(t, `
-- Refused as links leading out of the root folder are (texts may vary).
eq("read out", opened("data/outfile", "r"), "/data/outfile: Access denied")
eq("write through", opened("data/outfile", "w"), "/data/outfile: Access denied")
eq("write out", opened("data/out/new.txt", "w") ~= "<opened>", true)
eq("exists out", fs.exists("data/out/secret.txt"), false)
eq("list out", pcall(fs.list, "data/out"), false)
eq("list rel", pcall(fs.list, "data/outrel"), false)
eq("makeDir out", pcall(fs.makeDir, "data/out/x"), false)
eq("copy out", pcall(fs.copy, "data/outfile", "stolen"), false)
fs.delete("data/out")
eq("link removed", fs.exists("data/out"), false)
`, computertest.Configure(func(c *computer.Config) {
		c.Mounts = []computer.Mount{{Path: "data", Dir: rw}}
	}))
	entries, _ := os.ReadDir(outside)
	if len(entries) != 1 {
		t.Errorf("outside folder now holds %d entries", len(entries))
	}
	if data, _ := os.ReadFile(filepath.Join(outside, "secret.txt")); string(data) != "secret" {
		t.Errorf("outside file now %q", data)
	}
}
