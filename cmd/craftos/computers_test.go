package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --computers 2 starts computer 1 (its folder computer/1 under the root,
// with --peripheral's modem of its own); the two talk over rednet.
func TestComputersFlag(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "computer", "1"), 0o755); err != nil {
		t.Fatal(err)
	}
	echo := `rednet.open("top") local id, m = rednet.receive() rednet.send(id, m .. "!")`
	if err := os.WriteFile(filepath.Join(dir, "computer", "1", "startup.lua"), []byte(echo), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, status := run(t, "", "--root", dir, "--computers", "2", "--peripheral", "top=modem", "run", "-e", `
		rednet.open("top")
		for _ = 1, 100 do
			rednet.send(1, "hi")
			local id, m = rednet.receive(0.1)
			if id then print(id, m, peripheral.call("computer_1", "getID")) break end
		end`)
	if status != 0 || !strings.Contains(out, "[0] 1\thi!\t1\n") || !strings.Contains(out, "[1] ") {
		t.Errorf("status %d, stdout %q, stderr %q", status, out, errs)
	}
}
