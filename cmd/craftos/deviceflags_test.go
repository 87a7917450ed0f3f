package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --disks-dir, --printer-dir and --speaker-wav put the drive's floppies,
// the printer's pages and the speaker's audio in the folders given.
func TestDeviceFolderFlags(t *testing.T) {
	disks, pages, wav := t.TempDir(), t.TempDir(), t.TempDir()
	src := `local p = peripheral.wrap("right")
p.newPage() p.write("printed") p.endPage()
local f = fs.open("disk/x.txt", "w") f.write("on the floppy") f.close()
print(disk.getID("top"), peripheral.call("left", "playAudio", {1, 2, 3, 4, 5, 6, 7, 8}))`
	out, errs, status := run(t, "", "--root", t.TempDir(),
		"--peripheral", "top=drive:3", "--peripheral", "right=printer", "--peripheral", "left=speaker",
		"--disks-dir", disks, "--printer-dir", pages, "--speaker-wav", wav, "run", "-e", src)
	if out != "3\ttrue\n" || status != 0 {
		t.Fatalf("stdout %q, stderr %q, status %d", out, errs, status)
	}
	for path, want := range map[string]string{
		filepath.Join(disks, "3", "x.txt"):    "on the floppy",
		filepath.Join(pages, "page-0001.txt"): "printed\n",
		filepath.Join(wav, "left.wav"):        "RIFF",
	} {
		b, err := os.ReadFile(path)
		if err != nil || !strings.HasPrefix(string(b), want) {
			t.Errorf("%s: %q, %v", path, b, err)
		}
	}
}
