package fs

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// symlinks makes links inside the computer folder: out -> the outside
// folder, outfile -> a file there, in -> a folder inside, abs -> "/".
func symlinks(t *testing.T, root, outside string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	if err := os.Mkdir(filepath.Join(root, "inner"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "inner", "ok.txt"), []byte("inside"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"out":     outside,
		"outrel":  "../outside",
		"outfile": filepath.Join(outside, "secret.txt"),
		"in":      "inner",
		"infile":  "inner/ok.txt",
		"abs":     "/",
		"dangle":  "../outside/nothing-here",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
}

// outsideUntouched checks nothing outside the computer folder changed.
func outsideUntouched(t *testing.T, outside string) {
	t.Helper()
	entries, err := os.ReadDir(outside)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "secret.txt" {
		t.Errorf("outside folder now holds %v", names)
	}
	data, err := os.ReadFile(filepath.Join(outside, "secret.txt"))
	if err != nil || string(data) != "secret" {
		t.Errorf("outside file now %q, %v", data, err)
	}
}

func TestSandboxPaths(t *testing.T) {
	f, _, outside := newFS(t)
	for _, p := range []string{
		"..", "../outside", "../outside/secret.txt", `..\outside\secret.txt`,
		"/../outside/secret.txt", "a/../../outside/secret.txt", "rom/../../outside/secret.txt",
		"../../../../../../etc/passwd",
	} {
		if f.Exists(p) || f.IsDir(p) {
			t.Errorf("%q is visible", p)
		}
		if _, err := f.Open(p, "r"); err == nil || !strings.HasSuffix(err.Error(), ": Invalid Path") {
			t.Errorf("open %q for reading: %v", p, err)
		}
		for _, mode := range []string{"w", "a", "r+", "w+"} {
			if _, err := f.Open(p, mode); err == nil || !strings.HasSuffix(err.Error(), ": Invalid Path") {
				t.Errorf("open %q (%s): %v", p, mode, err)
			}
		}
		if _, err := f.List(p); err == nil {
			t.Errorf("list %q worked", p)
		}
		if _, _, err := f.Attributes(p); err == nil {
			t.Errorf("attributes of %q worked", p)
		}
		if err := f.MakeDir(p + "/new"); err == nil {
			t.Errorf("makeDir under %q worked", p)
		}
		if err := f.Delete(p); err == nil {
			t.Errorf("delete %q worked", p)
		}
		if err := f.Copy(p, "stolen"); err == nil {
			t.Errorf("copy from %q worked", p)
		}
		if err := f.Copy("rom/startup.lua", p+"/planted"); err == nil {
			t.Errorf("copy to %q worked", p)
		}
		if err := f.Move(p, "stolen"); err == nil {
			t.Errorf("move from %q worked", p)
		}
	}
	// Absolute host paths are just names inside the computer.
	abs := filepath.Join(outside, "secret.txt")
	if f.Exists(abs) {
		t.Errorf("host path %q reaches the host", abs)
	}
	writeFile(t, f, abs, "planted")
	outsideUntouched(t, outside)
}

func TestSandboxSymlinks(t *testing.T) {
	f, root, outside := newFS(t)
	symlinks(t, root, outside)

	// Links inside the folder work like what they point to.
	if got := readAll(t, f, "infile"); got != "inside" {
		t.Errorf("infile = %q", got)
	}
	if names, err := f.List("in"); err != nil || strings.Join(names, ",") != "ok.txt" {
		t.Errorf("list in = %v, %v", names, err)
	}
	writeFile(t, f, "in/new.txt", "via link")
	if got := readAll(t, f, "inner/new.txt"); got != "via link" {
		t.Errorf("write through inner link = %q", got)
	}

	// Links leading out exist (so they can be deleted) but give nothing.
	for _, p := range []string{"out", "outrel", "outfile", "abs", "dangle"} {
		if f.IsDir(p) {
			t.Errorf("%s is a folder", p)
		}
		if _, err := f.Open(p, "r"); err == nil {
			t.Errorf("read %s worked", p)
		}
		for _, mode := range []string{"w", "a", "r+", "w+"} {
			if _, err := f.Open(p, mode); err == nil {
				t.Errorf("open %s (%s) worked", p, mode)
			}
		}
		if _, err := f.List(p); err == nil {
			t.Errorf("list %s worked", p)
		}
		if n, err := f.Size(p); err == nil && n == int64(len("secret")) && p == "outfile" {
			t.Errorf("size of %s leaks the outside file's size", p)
		}
		if err := f.Copy(p, p+"-copy"); err == nil && f.Exists(p+"-copy") && readAllMaybe(f, p+"-copy") == "secret" {
			t.Errorf("copy of %s read the outside file", p)
		}
	}
	for _, p := range []string{"out/secret.txt", "outrel/secret.txt", "abs/etc/passwd", "out/new.txt", "outrel/x/y"} {
		if f.Exists(p) {
			t.Errorf("%s exists", p)
		}
		if _, err := f.Open(p, "r"); err == nil {
			t.Errorf("read %s worked", p)
		}
		if _, err := f.Open(p, "w"); err == nil {
			t.Errorf("write %s worked", p)
		}
		if _, err := f.Open(p, "a"); err == nil {
			t.Errorf("append %s worked", p)
		}
		if _, _, err := f.Attributes(p); err == nil {
			t.Errorf("attributes of %s worked", p)
		}
		if err := f.MakeDir(p); err == nil {
			t.Errorf("makeDir %s worked", p)
		}
		if err := f.Delete(p); err != nil && !strings.HasSuffix(err.Error(), "Access denied") {
			t.Errorf("delete %s: %v", p, err)
		}
		if err := f.Copy("rom/startup.lua", p); err == nil {
			t.Errorf("copy into %s worked", p)
		}
		if err := f.Move("infile", p); err == nil {
			t.Errorf("move into %s worked", p)
		}
	}
	if err := f.Move("out", "renamed"); err != nil {
		t.Errorf("renaming an outward link: %v", err)
	}
	if err := f.Delete("renamed"); err != nil {
		t.Errorf("deleting an outward link: %v", err)
	}
	if err := f.Delete("abs"); err != nil {
		t.Errorf("deleting a link to /: %v", err)
	}
	if _, err := os.Stat("/etc"); err != nil && runtime.GOOS != "windows" {
		t.Errorf("deleting a link removed its target: %v", err)
	}
	if n, _ := f.FreeSpace(""); n <= 0 {
		t.Errorf("free space = %d", n)
	}
	outsideUntouched(t, outside)
}

func readAllMaybe(f *FS, p string) string {
	h, err := f.Open(p, "r")
	if err != nil {
		return ""
	}
	defer h.Close()
	b, _ := h.ReadAll()
	return string(b)
}

// A symlink loop inside the folder ends fs.copy instead of recursing
// forever.
func TestCopySymlinkLoop(t *testing.T) {
	f, root, _ := newFS(t)
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	f.MakeDir("loop")
	if err := os.Symlink("..", filepath.Join(root, "loop", "up")); err != nil {
		t.Fatal(err)
	}
	if err := f.Copy("loop", "elsewhere"); err == nil || err.Error() != "Too many directories to copy" {
		t.Errorf("copy of a loop: %v", err)
	}
}

func TestROMIsReadOnly(t *testing.T) {
	f, root, _ := newFS(t)
	writeFile(t, f, "src.txt", "x")
	for _, p := range []string{"rom", "rom/startup.lua", "rom/apis", "rom/new.lua", "ROM/new.lua", "/rom/apis/x/y", `rom\apis\colors.lua`} {
		if !f.IsReadOnly(p) {
			t.Errorf("%q is not read-only", p)
		}
		for _, mode := range []string{"w", "wb", "a", "ab", "r+", "r+b", "w+", "w+b"} {
			if _, err := f.Open(p, mode); err == nil {
				t.Errorf("open %q (%s) worked", p, mode)
			}
		}
		if err := f.MakeDir(p); err == nil {
			t.Errorf("makeDir %q worked", p)
		}
		if err := f.Delete(p); err == nil {
			t.Errorf("delete %q worked", p)
		}
		if err := f.Copy("src.txt", p); err == nil {
			t.Errorf("copy to %q worked", p)
		}
		if err := f.Move("src.txt", p); err == nil {
			t.Errorf("move to %q worked", p)
		}
		if err := f.Move(p, "taken"); err == nil {
			t.Errorf("move of %q worked", p)
		}
	}
	// Nothing landed in the computer folder under a "rom" name.
	if _, err := os.Stat(filepath.Join(root, "rom")); err == nil {
		t.Error("a rom folder appeared in the computer folder")
	}
	if _, err := os.Stat(filepath.Join(root, "ROM")); err == nil {
		t.Error("a ROM folder appeared in the computer folder")
	}
}
