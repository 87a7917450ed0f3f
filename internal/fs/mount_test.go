package fs

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// MountFirstFree names disks as CC:Tweaked does (disk, disk2, ...),
// skipping paths that exist; Unmount frees the name; a disk's drive is the
// name given (its drive's side).
func TestMountFirstFree(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "disk2"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := New(root, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []string
	for range 3 {
		p, err := f.MountFirstFree("disk", t.TempDir(), false, "left")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p)
	}
	if want := []string{"disk", "disk3", "disk4"}; !slices.Equal(got, want) {
		t.Errorf("paths %v, want %v", got, want)
	}
	if d, _ := f.Drive("disk3"); d != "left" {
		t.Errorf("drive %q", d)
	}
	names, _ := f.List("")
	if want := []string{"disk", "disk2", "disk3", "disk4"}; !slices.Equal(names, want) {
		t.Errorf("list %v, want %v", names, want)
	}
	f.Unmount("/disk")
	if f.Exists("disk") {
		t.Error("disk still there after Unmount")
	}
	if p, _ := f.MountFirstFree("disk", t.TempDir(), true, "right"); p != "disk" {
		t.Errorf("after unmount: %q", p)
	}
}

// Mount refuses the root, /rom, paths above the root, a path already
// mounted and host paths that are not folders.
func TestMountRefusals(t *testing.T) {
	f, err := New(t.TempDir(), os.DirFS(t.TempDir()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := f.Mount("data", dir, false, ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, dir string }{
		{"", dir}, {"/", dir}, {"..", dir}, {"a/../../b", dir}, {"rom", dir}, {"ROM/x", dir},
		{"data", dir}, {"Data", dir}, {"other", file}, {"other", filepath.Join(dir, "missing")},
	} {
		if err := f.Mount(c.path, c.dir, false, ""); err == nil {
			t.Errorf("Mount(%q, %q) worked", c.path, c.dir)
		}
	}
	if err := f.Mount("data/inner", t.TempDir(), true, ""); err != nil {
		t.Errorf("a mount inside a mount: %v", err)
	}
	if !f.IsReadOnly("data/inner/x") || f.IsReadOnly("data/x") {
		t.Error("the inner mount is not the one found first")
	}
}
