package printer_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/peripheral/printer"
)

// withPrinters gives the computer printers that print into dir.
func withPrinters(dir string, specs ...computer.PeripheralSpec) computertest.Option {
	return computertest.Devices("printer", printer.New(printer.Options{Dir: dir}), specs...)
}

// run runs src with a printer on the left and returns its output lines.
func run(t *testing.T, dir, src string) string {
	t.Helper()
	res := computertest.Run(t, src, withPrinters(dir, computer.PeripheralSpec{Name: "left", Type: "printer"}))
	if res.Err != nil || res.Stderr != "" {
		t.Fatalf("err %v, stderr:\n%s", res.Err, res.Stderr)
	}
	return res.Stdout
}

// pages lists the files printed into dir.
func pages(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// CC:Tweaked's answers with no page started: the size and cursor raise
// "Page not started", as do write, endPage and setPageTitle; argument
// errors come first.
func TestPrinterWithoutPage(t *testing.T) {
	src := `
local p = peripheral.wrap("left")
-- The error's text, without its position (where is peripheral.call's
-- concern, tested with it).
local function try(f, ...) print((select(2, pcall(f, ...)):gsub("^[^:]*:%d+: ", ""))) end
try(p.getPageSize)
try(p.getCursorPos)
try(p.write, "x")
try(p.endPage)
try(p.setPageTitle, "t")
try(p.setCursorPos, 1, 1)
try(p.setCursorPos, "a", 1)
try(p.setPageTitle, {})
try(p.write, {})
print(p.getInkLevel(), p.getPaperLevel())
`
	got := run(t, t.TempDir(), src)
	want := strings.Join([]string{
		"Page not started",
		"Page not started",
		"Page not started",
		"Page not started",
		"Page not started",
		"Page not started",
		"bad argument #1 (number expected, got string)",
		"bad argument #1 (string expected, got table)",
		"bad argument #1 (string or number expected, got table)",
		"64\t384",
		"",
	}, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// A page is written, positioned, titled and finished; it becomes a text
// file of 21 lines (trailing spaces trimmed), text past the edge lost.
func TestPrinterPagesAreFiles(t *testing.T) {
	dir := t.TempDir()
	src := `
local p = peripheral.wrap("left")
print(p.newPage())
print(p.getPageSize())
print(p.getCursorPos())
p.write("Hello")
p.write(42)
p.write(nil)
print(p.getCursorPos())
p.setCursorPos(3, 2)
p.write("second line that is far too long for the page")
print(p.getCursorPos())
p.setCursorPos(1, 21)
p.write("last")
p.setCursorPos(1, 22)
p.write("lost")
p.setPageTitle("Report/1")
print(p.endPage())
print(p.getInkLevel(), p.getPaperLevel())
print(select(2, pcall(p.endPage)):match("Page not started"))
print(p.newPage())
p.write("page two")
print(p.newPage()) -- ends page two first
print(p.endPage())
`
	got := run(t, dir, src)
	want := "true\n25\t21\n1\t1\n8\t1\n48\t2\ntrue\n63\t383\nPage not started\ntrue\ntrue\ntrue\n"
	if got != want {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
	names := pages(t, dir)
	if !slices.Equal(names, []string{"page-0001-Report_1.txt", "page-0002.txt", "page-0003.txt"}) {
		t.Fatalf("pages %v", names)
	}
	b, err := os.ReadFile(filepath.Join(dir, names[0]))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) != 22 || lines[21] != "" {
		t.Fatalf("%d lines: %q", len(lines), b)
	}
	if lines[0] != "Hello42" || lines[1] != "  second line that is far" || lines[20] != "last" || lines[2] != "" {
		t.Errorf("page:\n%s", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, names[1])); !strings.HasPrefix(string(b), "page two\n") {
		t.Errorf("page two:\n%s", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, names[2])); strings.Trim(string(b), "\n") != "" {
		t.Errorf("page three is not blank:\n%q", b)
	}
}

// Pages already in the folder are never overwritten; a periphemu argument
// prints into a folder inside the printer folder, and one leading out of
// it is refused.
func TestPrinterFolders(t *testing.T) {
	dir := t.TempDir()
	computertest.WriteFile(t, dir, "page-0001.txt", "old")
	src := `
print(periphemu.create("right", "printer", "sub/out"))
print(periphemu.create("top", "printer", "../escape"))
print(periphemu.create("bottom", "printer", "/etc"))
local p = peripheral.wrap("right")
p.newPage() p.write("in sub") p.endPage()
local q = peripheral.wrap("left")
q.newPage() q.write("new") q.endPage()
`
	got := run(t, dir, src)
	want := "true\n" +
		"false\tInvalid output folder \"../escape\" (a folder inside the printer folder)\n" +
		"false\tInvalid output folder \"/etc\" (a folder inside the printer folder)\n"
	if got != want {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "page-0001.txt")); string(b) != "old" {
		t.Errorf("page-0001.txt overwritten: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "page-0002.txt")); !strings.HasPrefix(string(b), "new\n") {
		t.Errorf("page-0002.txt: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "sub", "out", "page-0001.txt")); !strings.HasPrefix(string(b), "in sub\n") {
		t.Errorf("sub/out/page-0001.txt: %q", b)
	}
}

// The ink and paper run out: newPage is false then, and the page being
// printed stays.
func TestPrinterRunsOut(t *testing.T) {
	dir := t.TempDir()
	src := `
local p = peripheral.wrap("left")
local n = 0
while p.newPage() do n = n + 1 end
print(n, p.getInkLevel(), p.getPaperLevel())
print(p.getPageSize())
print(p.endPage(), p.newPage())
`
	got := run(t, dir, src)
	if want := "64\t0\t320\n25\t21\ntrue\tfalse\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if n := len(pages(t, dir)); n != 64 {
		t.Errorf("%d pages printed, want 64", n)
	}
}

// Titles are normalised as CC:Tweaked's labels: 32 characters at most,
// control characters as "?".
func TestNormalise(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"tab\there", "tab?here"},
		{strings.Repeat("x", 40), strings.Repeat("x", 32)},
		{"\xad\xa9\x7f", "?\xa9?"},
	} {
		if got := peripheral.NormaliseLabel(c.in); got != c.want {
			t.Errorf("NormaliseLabel(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
