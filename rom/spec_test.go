package rom_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	crafthttp "github.com/craftos/craftos/internal/http"
	"github.com/craftos/craftos/internal/peripheral/all"
	"github.com/craftos/craftos/rom"
)

var summary = regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed$`)

// specRoot is a scratch computer folder holding a copy of testdata/spec:
// specs write files in their root, and runs of the suite side by side (two
// `make test` in one checkout) must not meet there.
func specRoot(t *testing.T, repo string) string {
	t.Helper()
	root := t.TempDir()
	dst := filepath.Join(root, "testdata", "spec")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(repo, "testdata", "spec", "*.lua"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no spec files: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestROMSpecs runs every testdata/spec/*_spec.lua on a computer whose root
// holds the specs, as `craftos --root . run` would in the repository.
func TestROMSpecs(t *testing.T) {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	specs, err := filepath.Glob(filepath.Join(repo, "testdata", "spec", "*_spec.lua"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no specs found: %v", err)
	}
	for _, path := range specs {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".lua"), func(t *testing.T) {
			// With the http API, as `craftos` has it: programs_spec serves
			// pastebin's API to itself.
			// And with craftos's devices, keeping their files in the
			// computer's folder, where peripherals_spec reads them back.
			root := specRoot(t, repo)
			devices := all.With(all.Folders{
				Disks:      filepath.Join(root, "disks"),
				Printouts:  filepath.Join(root, "printouts"),
				SpeakerWAV: filepath.Join(root, "speaker"),
			})
			r := computertest.Start(t, `dofile("testdata/spec/`+name+`")`, computertest.Root(root),
				computertest.Extensions(crafthttp.Install),
				computertest.Configure(func(c *computer.Config) { c.PeripheralTypes = devices })).Wait(t, 2*time.Minute)
			m := summary.FindStringSubmatch(r.Stdout)
			if r.Status != 0 || r.Err != nil || m == nil || m[2] != "0" || m[1] == "0" {
				t.Fatalf("status %d, err %v\nstdout:\n%s\nstderr:\n%s", r.Status, r.Err, r.Stdout, r.Stderr)
			}
			t.Logf("%s passed", m[1])
		})
	}
}

// The harness cannot pass a test that checks nothing, nor a file without tests.
func TestSpecHarnessFailsEmptyTests(t *testing.T) {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ src, want string }{
		{`h.it("checks nothing", function() end) h.finish()`, "FAIL checks nothing: no expectation"},
		{`h.describe("empty", function() end) h.finish()`, "FAIL no tests ran"},
		{`h.it("checks", function() h.expect(1).toBe(1) end) h.finish()`, "1 passed, 0 failed"},
	}
	for _, c := range cases {
		r := computertest.Start(t, `local h = dofile("testdata/spec/harness.lua") `+c.src, computertest.Root(repo)).Wait(t, time.Minute)
		if !strings.Contains(r.Stdout, c.want) {
			t.Errorf("%s: stdout %q, want %q", c.src, r.Stdout, c.want)
		}
		if failed := strings.HasPrefix(c.want, "FAIL"); failed != (r.Status != 0) {
			t.Errorf("%s: status %d", c.src, r.Status)
		}
	}
}

// A --rom folder is opened through os.Root: a symlink inside it that points
// outside cannot be followed by a program.
func TestAlternativeROMKeepsSymlinksInside(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bios.lua"), []byte(`term.write(tostring(fs.exists("rom/escape/secret")) .. " " .. tostring(fs.exists("rom/inside.lua")))`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "rom"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rom", "inside.lua"), []byte("-- ok"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "rom", "escape")); err != nil {
		t.Fatal(err)
	}
	romFS, bios, err := rom.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := computertest.Run(t, "", computertest.Configure(func(c *computer.Config) { c.ROM, c.BIOS = romFS, bios }))
	if r.Stdout != "false true" {
		t.Fatalf("stdout %q, stderr %q, err %v", r.Stdout, r.Stderr, r.Err)
	}
}
