package fs

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// newFS is a computer folder inside a temp dir (so "outside" exists beside
// it) with a small ROM.
func newFS(t *testing.T) (*FS, string, string) {
	t.Helper()
	base := t.TempDir()
	root := filepath.Join(base, "computer")
	outside := filepath.Join(base, "outside")
	for _, d := range []string{root, outside} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	rom := fstest.MapFS{
		"startup.lua":       {Data: []byte("print('hi')\n")},
		"apis/colors.lua":   {Data: []byte("-- colors\n")},
		"programs/list.lua": {Data: []byte("-- list\n")},
	}
	f, err := New(root, rom, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, root, outside
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func writeFile(t *testing.T, f *FS, p, data string) {
	t.Helper()
	h, err := f.Open(p, "w")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Write([]byte(data)); err != nil {
		t.Fatal(err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestErrorsTexts(t *testing.T) {
	f, _, _ := newFS(t)
	writeFile(t, f, "file", "x")
	if err := f.MakeDir("dir"); err != nil {
		t.Fatal(err)
	}
	open := func(p, mode string) func() error {
		return func() error { _, err := f.Open(p, mode); return err }
	}
	tests := []struct {
		name string
		op   func() error
		want string
	}{
		{"list missing", func() error { _, err := f.List("x"); return err }, "/x: No such file"},
		{"list file", func() error { _, err := f.List("file"); return err }, "/file: Not a directory"},
		{"list rom file", func() error { _, err := f.List("rom/startup.lua"); return err }, "/rom/startup.lua: Not a directory"},
		{"list rom missing", func() error { _, err := f.List("rom/x"); return err }, "/rom/x: No such file"},
		{"list above root", func() error { _, err := f.List("../x"); return err }, "/../x: Invalid Path"},
		{"size missing", func() error { _, err := f.Size("x"); return err }, "/x: No such file"},
		{"size rom missing", func() error { _, err := f.Size("rom/x"); return err }, "/rom/x: No such file"},
		{"attributes missing", func() error { _, _, err := f.Attributes("nope"); return err }, "/nope: No such file"},
		{"open r missing", open("x", "r"), "/x: No such file"},
		{"open r rom missing", open("rom/x", "r"), "/rom/x: No such file"},
		{"open r dir", open("dir", "r"), "/dir: Not a file"},
		{"open r root", open("", "r"), "/: Not a file"},
		{"open r rom", open("rom", "r"), "/rom: Not a file"},
		{"open w root", open("", "w"), "/: Cannot write to directory"},
		{"open a root", open("", "a"), "/: Cannot write to directory"},
		{"open w+ dir", open("dir", "w+"), "/dir: Cannot write to directory"},
		{"open r+ dir", open("dir", "r+"), "/dir: Not a file"},
		{"open r+ missing", open("x", "r+"), "/x: No such file"},
		{"open w rom", open("rom/x", "w"), "/rom/x: Access denied"},
		{"open a rom", open("rom/x", "a"), "/rom/x: Access denied"},
		{"open r+ rom", open("rom/startup.lua", "r+"), "/rom/startup.lua: Access denied"},
		{"open w under file", open("file/x", "w"), "/file: File exists"},
		{"open above root", open("../x", "r"), "/../x: Invalid Path"},
		{"open above root w", open("a/../../x", "w"), "/../x: Invalid Path"},
		{"open bad mode", open("x", "q"), "Unsupported mode"},
		{"open empty mode", open("x", ""), "Unsupported mode"},
		{"makeDir file", func() error { return f.MakeDir("file") }, "/file: File exists"},
		{"makeDir rom", func() error { return f.MakeDir("rom/x") }, "/rom/x: Access denied"},
		{"makeDir under file", func() error { return f.MakeDir("file/sub") }, "/file/sub: Access denied"},
		{"delete rom", func() error { return f.Delete("rom/x") }, "/rom/x: Access denied"},
		{"delete rom itself", func() error { return f.Delete("rom") }, "/rom: Access denied"},
		{"delete root", func() error { return f.Delete("") }, "/: Access denied"},
		{"delete above root", func() error { return f.Delete("..") }, "/..: Invalid Path"},
		{"copy into rom", func() error { return f.Copy("rom", "rom/startup") }, "/rom/startup: Access denied"},
		{"copy missing", func() error { return f.Copy("x", "y") }, "/x: No such file"},
		{"copy onto existing", func() error { return f.Copy("file", "dir") }, "/dir: File exists"},
		{"copy inside itself", func() error { return f.Copy("dir", "dir/x") }, "/dir: Can't copy a directory inside itself"},
		{"copy inside itself case", func() error { return f.Copy("dir", "DIR/x") }, "/dir: Can't copy a directory inside itself"},
		{"copy root", func() error { return f.Copy("", "x") }, "/: Can't copy a directory inside itself"},
		{"move rom", func() error { return f.Move("rom", "rom/move") }, "Access denied"},
		{"move into rom", func() error { return f.Move("dir", "rom/move") }, "Access denied"},
		{"move out of rom", func() error { return f.Move("rom", "dir2") }, "Access denied"},
		{"move missing", func() error { return f.Move("src", "dest") }, "No such file"},
		{"move onto existing", func() error { return f.Move("file", "dir") }, "File exists"},
		{"move inside itself", func() error { return f.Move("dir", "dir/child") }, "Can't move a directory inside itself"},
		{"move root", func() error { return f.Move("", "child") }, "Can't move a directory inside itself"},
		{"move above root", func() error { return f.Move("../a", "b") }, "/../a: Invalid Path"},
		{"drive above root", func() error { _, err := f.Drive(".."); return err }, "/..: Invalid Path"},
		{"free space above root", func() error { _, err := f.FreeSpace("../x"); return err }, "/../x: Invalid Path"},
		{"capacity above root", func() error { _, _, err := f.Capacity("../x"); return err }, "/../x: Invalid Path"},
	}
	for _, tc := range tests {
		if got := errText(tc.op()); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	if f.OpenCount() != 0 {
		t.Errorf("failed opens left %d handles open", f.OpenCount())
	}
}

func TestQueries(t *testing.T) {
	f, _, _ := newFS(t)
	writeFile(t, f, "a/b.txt", "hello")
	for _, tc := range []struct {
		path                  string
		exists, isDir, rdonly bool
		drive                 string
	}{
		{"", true, true, false, "hdd"},
		{"/", true, true, false, "hdd"},
		{"a", true, true, false, "hdd"},
		{"a/b.txt", true, false, false, "hdd"},
		{"A/B.TXT", pathCaseInsensitive(t, f), false, false, ""},
		{"missing", false, false, false, ""},
		{"missing/deeper", false, false, false, ""},
		{"rom", true, true, true, "rom"},
		{"ROM", true, true, true, "rom"},
		{"rom/startup.lua", true, false, true, "rom"},
		{"rom/apis", true, true, true, "rom"},
		{"rom/missing", false, false, true, ""},
		{"..", false, false, false, ""},
		{"../computer", false, false, false, ""},
	} {
		if got := f.Exists(tc.path); got != tc.exists {
			t.Errorf("Exists(%q) = %v", tc.path, got)
		}
		if got := f.IsDir(tc.path); got != tc.isDir {
			t.Errorf("IsDir(%q) = %v", tc.path, got)
		}
		if got := f.IsReadOnly(tc.path); got != tc.rdonly {
			t.Errorf("IsReadOnly(%q) = %v", tc.path, got)
		}
		if tc.path == "A/B.TXT" || tc.path == ".." || tc.path == "../computer" {
			continue
		}
		if got, err := f.Drive(tc.path); got != tc.drive || err != nil {
			t.Errorf("Drive(%q) = %q, %v", tc.path, got, err)
		}
	}
	names, err := f.List("")
	if err != nil || strings.Join(names, ",") != "a,rom" {
		t.Errorf("List(\"\") = %q, %v", names, err)
	}
	names, err = f.List("rom")
	if err != nil || strings.Join(names, ",") != "apis,programs,startup.lua" {
		t.Errorf("List(rom) = %q, %v", names, err)
	}
	if n, err := f.Size("a/b.txt"); n != 5 || err != nil {
		t.Errorf("Size = %d, %v", n, err)
	}
	if n, err := f.Size("a"); n != 0 || err != nil {
		t.Errorf("Size(dir) = %d, %v", n, err)
	}
	if n, err := f.Size("rom/startup.lua"); n != 12 || err != nil {
		t.Errorf("Size(rom file) = %d, %v", n, err)
	}
	if n, ok, err := f.Capacity(""); n != DefaultCapacity || !ok || err != nil {
		t.Errorf("Capacity = %d, %v, %v", n, ok, err)
	}
	if _, ok, err := f.Capacity("rom/apis"); ok || err != nil {
		t.Errorf("Capacity(rom) = %v, %v", ok, err)
	}
	// Root (500) + a (500) + b.txt (5, charged 500), out of capacity + 500.
	if n, err := f.FreeSpace("a"); n != DefaultCapacity+500-1500 || err != nil {
		t.Errorf("FreeSpace = %d, %v", n, err)
	}
	if n, err := f.FreeSpace("rom"); n != 0 || err != nil {
		t.Errorf("FreeSpace(rom) = %d, %v", n, err)
	}
}

// pathCaseInsensitive reports whether the host folder ignores case.
func pathCaseInsensitive(t *testing.T, f *FS) bool {
	_, err := f.root.Stat("A")
	return err == nil
}

func TestMakeDirMoveCopyDelete(t *testing.T) {
	f, root, _ := newFS(t)
	if err := f.MakeDir("x/y/z"); err != nil {
		t.Fatal(err)
	}
	if err := f.MakeDir("x/y"); err != nil {
		t.Fatalf("makeDir of an existing folder: %v", err)
	}
	if err := f.MakeDir(""); err != nil {
		t.Fatalf("makeDir of the root: %v", err)
	}
	writeFile(t, f, "x/y/z/f.txt", "data")
	if err := f.Copy("x", "copy/of/x"); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, f, "copy/of/x/y/z/f.txt"); got != "data" {
		t.Errorf("copied file = %q", got)
	}
	if err := f.Copy("rom", "myrom"); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, f, "myrom/apis/colors.lua"); got != "-- colors\n" {
		t.Errorf("copied ROM file = %q", got)
	}
	if err := f.Move("x", "moved/deep/x"); err != nil {
		t.Fatal(err)
	}
	if f.Exists("x") || !f.Exists("moved/deep/x/y/z/f.txt") {
		t.Error("move did not move the tree")
	}
	if err := f.Move("moved/deep/x/y/z/f.txt", "g.txt"); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, f, "g.txt"); got != "data" {
		t.Errorf("moved file = %q", got)
	}
	if err := f.Delete("moved"); err != nil {
		t.Fatal(err)
	}
	if err := f.Delete("never-existed"); err != nil {
		t.Errorf("deleting nothing: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "moved")); !os.IsNotExist(err) {
		t.Errorf("moved still on disk: %v", err)
	}
}

func readAll(t *testing.T, f *FS, p string) string {
	t.Helper()
	h, err := f.Open(p, "r")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	b, err := h.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTooManyFiles(t *testing.T) {
	f, _, _ := newFS(t)
	writeFile(t, f, "f", "x")
	var hs []*Handle
	for i := 0; i < MaxOpenFiles; i++ {
		mode := []string{"r", "a", "r+", "rb"}[i%4]
		h, err := f.Open("f", mode)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		hs = append(hs, h)
	}
	for _, mode := range []string{"r", "w", "a", "r+", "w+"} {
		if _, err := f.Open("f", mode); errText(err) != "Too many files already open" {
			t.Errorf("open %s past the limit: %v", mode, err)
		}
	}
	if _, err := f.Open("missing", "r"); errText(err) != "/missing: No such file" {
		t.Errorf("a failing open past the limit reports its own error first: %v", err)
	}
	hs[0].Close()
	if _, err := f.Open("f", "r"); err != nil {
		t.Errorf("open after a close: %v", err)
	}
}

func TestCloseFlushesUnclosedHandles(t *testing.T) {
	base := t.TempDir()
	f, err := New(base, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := f.Open("log.txt", "w")
	if err != nil {
		t.Fatal(err)
	}
	h.Write([]byte("never closed\n"))
	a, _ := f.Open("app.txt", "a")
	a.Write([]byte("appended"))
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"log.txt": "never closed\n", "app.txt": "appended"} {
		got, err := os.ReadFile(filepath.Join(base, name))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if !h.Closed() || h.Close() == nil {
		t.Error("handle still usable after FS.Close")
	}
}

// Buffered writes are seen at once by other handles and fs calls, as with
// CC:Tweaked's unbuffered channels.
func TestWritesVisibleBeforeClose(t *testing.T) {
	f, _, _ := newFS(t)
	w, _ := f.Open("f", "w")
	w.Write([]byte("abc"))
	if n, _ := f.Size("f"); n != 3 {
		t.Errorf("getSize sees %d bytes", n)
	}
	r, _ := f.Open("f", "r")
	line, _, _ := r.ReadLine(false)
	if string(line) != "abc" {
		t.Errorf("reader sees %q", line)
	}
	w.Write([]byte("def\nghi"))
	line, ok, _ := r.ReadLine(false)
	if string(line) != "def" || !ok {
		t.Errorf("reader sees %q after more writes", line)
	}
	u, _ := f.Open("f", "r+")
	u.Seek("set", 0)
	u.Write([]byte("X"))
	r.Seek("set", 0)
	if b, _ := r.ReadAll(); string(b) != "Xbcdef\nghi" {
		t.Errorf("reader sees %q after an update", b)
	}
}

func TestHandleSemantics(t *testing.T) {
	f, _, _ := newFS(t)
	writeFile(t, f, "lines", "some\nfile\r\ncontents\r!\n\nlast\r")

	h, _ := f.Open("lines", "r")
	var got []string
	for {
		l, ok, err := h.ReadLine(false)
		if err != nil || !ok {
			break
		}
		got = append(got, string(l))
	}
	if want := []string{"some", "file", "contents\r!", "", "last\r"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("readLine = %q, want %q", got, want)
	}
	h.Seek("set", 0)
	got = nil
	for {
		l, ok, _ := h.ReadLine(true)
		if !ok {
			break
		}
		got = append(got, string(l))
	}
	if want := []string{"some\n", "file\r\n", "contents\r!\n", "\n", "last\r"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("readLine(true) = %q, want %q", got, want)
	}
	if b, err := h.ReadAll(); string(b) != "" || err != nil {
		t.Errorf("readAll at EOF = %q, %v", b, err)
	}
	if _, ok, _ := h.Read(0); ok {
		t.Error("read(0) at EOF should be nil")
	}
	if _, ok, _ := h.Read(5); ok {
		t.Error("read(5) at EOF should be nil")
	}
	if pos, _, _ := h.Seek("end", -5); pos != int64(len("some\nfile\r\ncontents\r!\n\nlast\r"))-5 {
		t.Errorf("seek end = %d", pos)
	}
	if b, _, _ := h.Read(100); string(b) != "last\r" {
		t.Errorf("read past the end = %q", b)
	}
	if _, msg, _ := h.Seek("cur", -1000); msg != "Position is negative" {
		t.Errorf("negative seek: %q", msg)
	}
	if pos, _, _ := h.Seek("cur", 0); pos != 28 {
		t.Errorf("failed seek moved to %d", pos)
	}
	if pos, _, _ := h.Seek("set", 1000); pos != 1000 {
		t.Errorf("seek past end = %d", pos)
	}
	if _, ok, _ := h.Read(1); ok {
		t.Error("read past the end should be nil")
	}
	if _, _, err := h.Read(-1); errText(err) != "Cannot read a negative number of bytes" {
		t.Errorf("read(-1): %v", err)
	}
	h.Close()
	for name, err := range map[string]error{
		"close":    h.Close(),
		"readAll":  func() error { _, err := h.ReadAll(); return err }(),
		"readLine": func() error { _, _, err := h.ReadLine(false); return err }(),
		"seek":     func() error { _, _, err := h.Seek("set", 0); return err }(),
		"write":    h.Write([]byte("x")),
		"flush":    h.Flush(),
	} {
		if errText(err) != "attempt to use a closed file" {
			t.Errorf("%s after close: %v", name, err)
		}
	}

	// Append keeps what was there; w truncates; w+ and r+ read and write.
	writeFile(t, f, "ap", "one")
	a, _ := f.Open("ap", "a")
	a.Write([]byte("two"))
	a.Close()
	if got := readAll(t, f, "ap"); got != "onetwo" {
		t.Errorf("append = %q", got)
	}
	u, _ := f.Open("ap", "r+")
	if b, _, _ := u.Read(3); string(b) != "one" {
		t.Errorf("r+ read = %q", b)
	}
	u.Write([]byte("2"))
	if pos, _, _ := u.Seek("cur", 0); pos != 4 {
		t.Errorf("r+ position after write = %d", pos)
	}
	if b, _ := u.ReadAll(); string(b) != "wo" {
		t.Errorf("r+ read after write = %q", b)
	}
	u.Seek("set", 10)
	u.Write([]byte("!"))
	u.Close()
	if got := readAll(t, f, "ap"); got != "one2wo\x00\x00\x00\x00!" {
		t.Errorf("r+ result = %q", got)
	}
	w, _ := f.Open("ap", "w+")
	if b, _ := w.ReadAll(); len(b) != 0 {
		t.Errorf("w+ does not truncate: %q", b)
	}
	w.Close()
}

// Reading a 10 MB file line by line must be linear: one host read per
// buffer, not one per byte.
func TestReadLineLarge(t *testing.T) {
	f, root, _ := newFS(t)
	var buf bytes.Buffer
	line := strings.Repeat("x", 99) + "\n"
	for buf.Len() < 10<<20 {
		buf.WriteString(line)
	}
	if err := os.WriteFile(filepath.Join(root, "big.txt"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	h, err := f.Open("big.txt", "r")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		l, ok, err := h.ReadLine(false)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		if len(l) != 99 {
			t.Fatalf("line %d has %d bytes", n, len(l))
		}
		n++
	}
	h.Close()
	if n != buf.Len()/100 {
		t.Errorf("read %d lines, want %d", n, buf.Len()/100)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("reading 10 MB by lines took %v", d)
	}
}

func BenchmarkReadLine(b *testing.B) {
	root := b.TempDir()
	data := bytes.Repeat([]byte(strings.Repeat("y", 79)+"\n"), 1<<14)
	os.WriteFile(filepath.Join(root, "f"), data, 0o644)
	f, _ := New(root, nil, Options{})
	defer f.Close()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		h, _ := f.Open("f", "r")
		for {
			if _, ok, _ := h.ReadLine(false); !ok {
				break
			}
		}
		h.Close()
	}
}

func TestWriteOnlyHandleRefusesReads(t *testing.T) {
	f, _, _ := newFS(t)
	h, err := f.Open("w", "w")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if _, err := h.ReadAll(); errText(err) != "File not open for reading" {
		t.Errorf("readAll on a write handle: %v", err)
	}
	if _, _, err := h.ReadLine(false); err == nil {
		t.Error("readLine on a write handle worked")
	}
}
