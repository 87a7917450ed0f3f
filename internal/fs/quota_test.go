package fs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// smallFS is a computer folder of the given capacity, with a ROM file to copy.
func smallFS(t *testing.T, capacity int64) (*FS, string) {
	t.Helper()
	root := t.TempDir()
	f, err := New(root, nil, Options{Capacity: capacity})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, root
}

func free(t *testing.T, f *FS) int64 {
	t.Helper()
	n, err := f.FreeSpace("")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func hostSize(t *testing.T, root, name string) int64 {
	t.Helper()
	st, err := os.Stat(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

// Writes stop at the capacity with "Out of space" (CC:Tweaked's text, from
// write), the refused write leaves nothing, and the earlier data stays.
func TestQuotaWrite(t *testing.T) {
	f, root := smallFS(t, 10_000)
	// Root 500, out of 10000 + 500.
	if got := free(t, f); got != 10_000 {
		t.Fatalf("free = %d", got)
	}
	h, err := f.Open("a", "w")
	if err != nil {
		t.Fatal(err)
	}
	if got := free(t, f); got != 9_500 { // a new file costs 500
		t.Errorf("free after open = %d", got)
	}
	if err := h.Write(make([]byte, 9_000)); err != nil { // 500 of it already paid
		t.Fatal(err)
	}
	if got := free(t, f); got != 1_000 {
		t.Errorf("free after 9000 bytes = %d", got)
	}
	if err := h.Write(make([]byte, 1_001)); errText(err) != "Out of space" {
		t.Errorf("write past capacity: %v", err)
	}
	if err := h.Write(make([]byte, 1_000)); err != nil {
		t.Errorf("write to capacity: %v", err)
	}
	if err := h.Write([]byte{1}); errText(err) != "Out of space" {
		t.Errorf("one byte more: %v", err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if got := hostSize(t, root, "a"); got != 10_000 {
		t.Errorf("file size = %d, want 10000", got)
	}
	if got := free(t, f); got != 0 {
		t.Errorf("free when full = %d", got)
	}
	// Full: no new file, no folder.
	if _, err := f.Open("b", "w"); errText(err) != "/b: Out of space" {
		t.Errorf("open when full: %v", err)
	}
	if err := f.MakeDir("d/e"); errText(err) != "/d/e: Out of space" {
		t.Errorf("makeDir when full: %v", err)
	}
	if f.Exists("b") || f.Exists("d") {
		t.Error("a refused open or makeDir left something")
	}
	// Overwriting in place costs nothing; truncating gives the space back.
	h, _ = f.Open("a", "r+")
	if err := h.Write([]byte("rewrite")); err != nil {
		t.Errorf("overwrite in place: %v", err)
	}
	h.Close()
	h, _ = f.Open("a", "w")
	if got := free(t, f); got != 9_500 {
		t.Errorf("free after truncating = %d", got)
	}
	h.Close()
	// Deleting gives back the file's share.
	if err := f.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if got := free(t, f); got != 10_000 {
		t.Errorf("free after delete = %d", got)
	}
}

// Seeking is free, but writing one byte at 2^40 asks for 2^40 bytes: it is
// refused and no sparse file of a terabyte appears.
func TestQuotaSparseWrite(t *testing.T) {
	f, root := smallFS(t, DefaultCapacity)
	for _, mode := range []string{"wb", "r+b", "w+b"} {
		h, err := f.Open("sparse", mode)
		if err != nil {
			t.Fatal(err)
		}
		if pos, msg, err := h.Seek("set", 1<<40); pos != 1<<40 || msg != "" || err != nil {
			t.Errorf("%s seek = %d, %q, %v", mode, pos, msg, err)
		}
		if err := h.Write([]byte{1}); errText(err) != "Out of space" {
			t.Errorf("%s write at 2^40: %v", mode, err)
		}
		if err := h.Close(); err != nil {
			t.Fatal(err)
		}
		if got := hostSize(t, root, "sparse"); got != 0 {
			t.Errorf("%s: file size %d", mode, got)
		}
	}
	// Appending is charged at the end of the file.
	h, _ := f.Open("sparse", "ab")
	if err := h.Write(make([]byte, 600)); err != nil {
		t.Fatal(err)
	}
	h.Close()
	if got := free(t, f); got != DefaultCapacity-600 {
		t.Errorf("free = %d", got)
	}
}

// Two handles on one file: the second pays only for what the first has not.
func TestQuotaTwoHandles(t *testing.T) {
	f, _ := smallFS(t, 10_000)
	a, _ := f.Open("x", "w")
	b, _ := f.Open("x", "r+")
	if err := a.Write(make([]byte, 4_000)); err != nil {
		t.Fatal(err)
	}
	if err := b.Write(make([]byte, 4_000)); err != nil { // over a's bytes
		t.Fatal(err)
	}
	if got := free(t, f); got != 6_000 {
		t.Errorf("free = %d, want 6000", got)
	}
	a.Close()
	b.Close()
}

// fs.copy charges what it copies: a copy that does not fit fails with
// "Out of space" and leaves no truncated file.
func TestQuotaCopy(t *testing.T) {
	f, _ := smallFS(t, 10_000)
	writeFile(t, f, "d/big", strings.Repeat("x", 4_000))
	writeFile(t, f, "small", "y")
	// Root, d, big (4000), small (500).
	if got := free(t, f); got != 10_500-500-500-4_000-500 {
		t.Fatalf("free = %d", got)
	}
	if err := f.Copy("d/big", "big2"); err != nil {
		t.Fatal(err)
	}
	if got := free(t, f); got != 1_000 {
		t.Errorf("free after copy = %d", got)
	}
	// d2 (500) and d2/big's first 500 bytes fit, the rest does not.
	if err := f.Copy("d", "d2"); errText(err) != "Out of space" {
		t.Errorf("copy past capacity: %v", err)
	}
	if f.Exists("d2/big") {
		t.Error("a truncated copy was left")
	}
	if err := f.Delete("d2"); err != nil {
		t.Fatal(err)
	}
	if got := free(t, f); got != 1_000 {
		t.Errorf("free after cleaning up = %d", got)
	}
	// Moving costs nothing.
	if err := f.Move("big2", "e/big3"); err != nil {
		t.Fatal(err)
	}
	if got := free(t, f); got != 500 { // the folder e made for it
		t.Errorf("free after move = %d", got)
	}
}

// The used space of an existing folder is measured (as CC:Tweaked measures
// it), and a folder fuller than the capacity takes no more.
func TestQuotaMeasured(t *testing.T) {
	root := t.TempDir()
	for name, size := range map[string]int{"a": 10, "sub/b": 2_000, "sub/deep/c": 0} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := New(root, nil, Options{Capacity: 5_000})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// 3 folders (root, sub, deep) and a, b, c: 1500 + 500 + 2000 + 500.
	if got := free(t, f); got != 5_500-4_500 {
		t.Errorf("free = %d", got)
	}
	h, _ := f.Open("a", "ab")
	if err := h.Write(make([]byte, 1_490)); err != nil { // to 1500 bytes
		t.Errorf("append within capacity: %v", err)
	}
	if err := h.Write([]byte{1}); errText(err) != "Out of space" {
		t.Errorf("append past capacity: %v", err)
	}
	h.Close()
}

// A delete before anything measured the folder is counted once.
func TestQuotaDeleteFirst(t *testing.T) {
	root := t.TempDir()
	for _, n := range []string{"a", "b"} {
		if err := os.WriteFile(filepath.Join(root, n), make([]byte, 3_000), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := New(root, nil, Options{Capacity: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if got := free(t, f); got != 10_500-500-3_000 {
		t.Errorf("free = %d, want %d", got, 10_500-500-3_000)
	}
}

// The boot walk stops early on a huge tree instead of taking minutes.
func TestMeasureBounded(t *testing.T) {
	f, root := smallFS(t, 10_000)
	for i := range 10 {
		os.WriteFile(filepath.Join(root, "f"+string(rune('a'+i))), nil, 0o644)
	}
	if used, cut := f.measure(".", 5, time.Now().Add(time.Minute)); !cut || used > 6*minFileSize {
		t.Errorf("measure with limit 5 = %d, cut %v", used, cut)
	}
	if used, cut := f.measure(".", 100, time.Now().Add(time.Minute)); cut || used != 11*minFileSize {
		t.Errorf("measure = %d, cut %v", used, cut)
	}
}
