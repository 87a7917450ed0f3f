package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// craftos --peripheral top=monitor:ARG --screenshot FILE writes the
// monitor's screen to FILE.top; the monitor program runs a program on it.
func TestMonitorFlagAndScreenshot(t *testing.T) {
	dir := t.TempDir()
	shot := filepath.Join(dir, "shot.txt")
	out, errs, status := run(t, "", "--root", dir, "--term-size", "30x3", "--peripheral", "top=monitor:blocks=2x1",
		"--screenshot", shot, "run", "-e", `
			local m = peripheral.wrap("top")
			print(m.getSize())
			shell.run("monitor", "top", "hello")`)
	if status != 0 || out != "18\t5\nRunning hello on monitor top\n" {
		t.Fatalf("status %d, stdout %q, stderr %q", status, out, errs)
	}
	main, err := os.ReadFile(shot)
	if err != nil || string(main) != "18 5\nRunning hello on monitor top\n\n" {
		t.Errorf("the computer's screen: %q, %v", main, err)
	}
	mon, err := os.ReadFile(shot + ".top")
	if err != nil || string(mon) != "Hello World!\n\n\n\n\n" {
		t.Errorf("the monitor's screen: %q, %v", mon, err)
	}
	// A bad ARG is periphemu's error.
	_, errs, status = run(t, "", "--root", dir, "--peripheral", "top=monitor:blocks=9x9", "run", "-e", "print(1)")
	if status == 0 || !strings.Contains(errs, "blocks must be 1x1 to 8x6") {
		t.Errorf("status %d, stderr %q", status, errs)
	}
}
