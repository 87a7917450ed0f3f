package fs_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// readAll of a file larger than the computer's memory limit raises "not
// enough memory" before reading it; smaller files still read.
func TestReadAllMemoryLimit(t *testing.T) {
	root := t.TempDir()
	f, err := os.Create(filepath.Join(root, "huge.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	computertest.WriteFile(t, root, "small.txt", "hello")
	res := computertest.Run(t, `
		local h = fs.open("huge.bin", "rb")
		print(pcall(h.readAll))
		h.close()
		h = fs.open("small.txt", "r")
		print(h.readAll())
		h.close()`, computertest.Root(root), computertest.Configure(func(c *computer.Config) {
		c.Limits.MemoryLimit = 64 << 20
	}))
	if want := "false\tnot enough memory\nhello\n"; res.Stdout != want || res.Status != 0 {
		t.Fatalf("status %d, stdout %q, want %q (stderr %q)", res.Status, res.Stdout, want, res.Stderr)
	}
}
