package rom_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computertest"
)

var summary = regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed$`)

// TestROMSpecs runs every testdata/spec/*_spec.lua on a computer whose root
// is the repository, as `craftos --root . run` would.
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
			r := computertest.Start(t, `dofile("testdata/spec/`+name+`")`, computertest.Root(repo)).Wait(t, 2*time.Minute)
			m := summary.FindStringSubmatch(r.Stdout)
			if r.Status != 0 || r.Err != nil || m == nil || m[2] != "0" {
				t.Fatalf("status %d, err %v\nstdout:\n%s\nstderr:\n%s", r.Status, r.Err, r.Stdout, r.Stderr)
			}
			t.Logf("%s passed", m[1])
		})
	}
}
