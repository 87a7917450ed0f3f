//go:build unix

package fs

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// specialFiles places what a host can put in the computer folder besides
// files and folders: a FIFO, a socket, and (as root) /dev/zero's device
// node. Each could block a read forever or never reach its end.
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
	// 1, 5 is /dev/zero; mknod needs root.
	if err := syscall.Mknod(filepath.Join(root, "zero"), syscall.S_IFCHR|0o666, 1<<8|5); err == nil {
		names = append(names, "zero")
	}
	return names
}

// within fails the test if op does not return in time (the old code
// blocked in open(2) on a FIFO, or read /dev/zero until memory ran out).
func within(t *testing.T, name string, op func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); op() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s did not return within 5s", name)
	}
}

func TestSpecialFilesRefused(t *testing.T) {
	f, root, _ := newFS(t)
	names := specialFiles(t, root)
	for _, n := range names {
		for _, mode := range []string{"r", "rb", "w", "wb", "a", "ab", "r+", "r+b", "w+", "w+b"} {
			within(t, n+" open "+mode, func() {
				h, err := f.Open(n, mode)
				if err == nil {
					h.Close()
				}
				if got, want := errText(err), "/"+n+": Not a file"; got != want {
					t.Errorf("open %s (%s) = %q, want %q", n, mode, got, want)
				}
			})
		}
		within(t, n+" queries", func() {
			if !f.Exists(n) || f.IsDir(n) {
				t.Errorf("%s: exists %v, isDir %v", n, f.Exists(n), f.IsDir(n))
			}
			if _, _, err := f.Attributes(n); err != nil {
				t.Errorf("attributes %s: %v", n, err)
			}
			if _, err := f.Size(n); err != nil {
				t.Errorf("size %s: %v", n, err)
			}
			if _, err := f.List(n); errText(err) != "/"+n+": Not a directory" {
				t.Errorf("list %s: %v", n, err)
			}
			if err := f.Copy(n, n+".copy"); errText(err) != "/"+n+": Not a file" {
				t.Errorf("copy %s: %v", n, err)
			}
			if f.Exists(n + ".copy") {
				t.Errorf("copy of %s left a file", n)
			}
			if _, err := f.ReadFile(n); errText(err) != "/"+n+": Not a file" {
				t.Errorf("ReadFile %s: %v", n, err)
			}
		})
	}
	// Listed (as CC:Tweaked lists them), and a folder holding them copies
	// up to the first one, which fails.
	list, err := f.List("")
	if err != nil || !strings.Contains(strings.Join(list, ","), "fifo") {
		t.Errorf("list = %v, %v", list, err)
	}
	within(t, "copy root folder", func() {
		if err := f.MakeDir("d"); err != nil {
			t.Fatal(err)
		}
		if err := f.Move("fifo", "d/fifo"); err != nil {
			t.Errorf("move fifo: %v", err)
		}
		if err := f.Copy("d", "d2"); errText(err) != "/d/fifo: Not a file" {
			t.Errorf("copy folder with fifo: %v", err)
		}
	})
	within(t, "delete", func() {
		for _, n := range append(names[1:], "d") {
			if err := f.Delete(n); err != nil || f.Exists(n) {
				t.Errorf("delete %s: %v", n, err)
			}
		}
	})
}

// A FIFO swapped in after the stat (the race a stat-then-open check loses)
// is still refused: the open does not block and fstat on the handle sees it.
func TestOpenHostRefusesSwappedFIFO(t *testing.T) {
	f, root, _ := newFS(t)
	if err := syscall.Mkfifo(filepath.Join(root, "p"), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, flag := range []int{os.O_RDONLY, os.O_WRONLY, os.O_RDWR, os.O_WRONLY | os.O_CREATE | os.O_TRUNC} {
		within(t, "openHost", func() {
			if _, err := f.openHost("p", flag); err != errNotRegular {
				t.Errorf("openHost(flag %#x) = %v", flag, err)
			}
		})
	}
}

// SpecialFiles is specialFiles for the Lua-level tests (package fs_test).
var SpecialFiles = specialFiles
