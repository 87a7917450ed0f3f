package computer_test

import (
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computertest"
)

// inOrder checks that wants occur in got one after another.
func inOrder(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	rest := got
	for _, w := range wants {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Errorf("%s lacks %q (in order); got:\n%s", what, w, got)
			return
		}
		rest = rest[i+len(w):]
	}
}

const msProbe = `print("count", multishell.getCount(), "focus", multishell.getFocus(), "current", multishell.getCurrent(), "title", multishell.getTitle(multishell.getCurrent()))`

// On a colour computer the booted shell runs inside multishell (the
// setting bios.use_multishell is on by default). Standard input and output
// are pipes here, so multishell draws no tab bar: its processes write plain
// lines, each line of input goes to the process shown, none is lost while
// that process is busy, and the computer stops when input ends.
func TestMultishellPlainBoot(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, ".settings", `{ ["motd.enable"] = false }`)
	computertest.WriteFile(t, root, "probe.lua", msProbe)
	computertest.WriteFile(t, root, "nap.lua", `sleep(0.1)`)
	r := shellRun(t, root, "probe\nbg\nnap\necho kept\nprobe\nfg probe\necho after\nexit\n")
	if r.Status != 0 {
		t.Errorf("status %d, want 0; stderr:\n%s", r.Status, r.Stderr)
	}
	inOrder(t, "stdout", r.Stdout,
		"CraftOS 1.9\n",
		"count\t1\tfocus\t1\tcurrent\t1\ttitle\tprobe\n",
		"CraftOS 1.9\n", // bg: a second shell, in the background
		"kept\n",        // typed while nap slept: still the first shell's
		"count\t2\tfocus\t1\tcurrent\t1\ttitle\tprobe\n",
		"count\t3\tfocus\t1\tcurrent\t3\ttitle\tprobe\n", // fg runs it before showing it
		"after\n", // its tab closed: the one before it (bg's shell) is shown
	)
	shLacks(t, "stdout", r.Stdout, "shell  shell", " probe ", "\x1b", "Press any key")
	if r.Stderr != "" {
		t.Errorf("stderr: %q", r.Stderr)
	}
}

// With bios.use_multishell off the shell runs alone: no multishell API,
// and bg and fg say they need it.
func TestMultishellOff(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, ".settings", `{ ["motd.enable"] = false, ["bios.use_multishell"] = false }`)
	computertest.WriteFile(t, root, "check.lua", `print("multishell", multishell, shell.openTab, shell.switchTab)`)
	r := shellRun(t, root, "check\nbg\nfg lua\n")
	shContains(t, "stdout", r.Stdout, "multishell\tnil\tnil\tnil\n")
	if r.Stderr != "Requires multishell\nRequires multishell\n" {
		t.Errorf("stderr %q, want Requires multishell twice", r.Stderr)
	}
}
