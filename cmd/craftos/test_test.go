package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	crafthttp "github.com/craftos/craftos/internal/http"
	"github.com/craftos/craftos/internal/peripheral/all"
)

// craftos's own ROM specs pass through `craftos test`, and it finds every
// test the spec harness alone runs: file by file, the JUnit counts equal
// the "N passed" each spec prints when run as a plain program.
func TestCraftosTestRunsROMSpecs(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	junit := filepath.Join(t.TempDir(), "junit.xml")
	devices := t.TempDir() // peripherals_spec's floppies and pages
	out, errOut, status := run(t, "", "--root", repo, "--disks-dir", filepath.Join(devices, "disks"),
		"--printer-dir", filepath.Join(devices, "printouts"), "--speaker-wav", filepath.Join(devices, "speaker"),
		"test", "-j", "2", "--junit", junit, filepath.Join(repo, "testdata", "spec"))
	m := regexp.MustCompile(`\n(\d+) passed, 0 failed, 0 pending\n$`).FindStringSubmatch(out)
	if status != 0 || m == nil {
		t.Fatalf("status %d\nstdout:\n%s\nstderr:\n%s", status, out, errOut)
	}
	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests  int `xml:"tests,attr"`
		Suites []struct {
			Name  string `xml:"name,attr"`
			Tests int    `xml:"tests,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if strconv.Itoa(doc.Tests) != m[1] {
		t.Errorf("junit has %d tests, the summary %s", doc.Tests, m[1])
	}
	legacy := regexp.MustCompile(`(?m)^(\d+) passed, 0 failed$`)
	for _, s := range doc.Suites {
		name := filepath.Base(s.Name)
		root := repoCopy(t, repo)
		devices := all.With(all.Folders{Disks: filepath.Join(root, "disks"), Printouts: filepath.Join(root, "printouts")})
		r := computertest.Start(t, `dofile("testdata/spec/`+name+`")`, computertest.Root(root),
			computertest.Extensions(crafthttp.Install),
			computertest.Configure(func(c *computer.Config) { c.PeripheralTypes = devices })).Wait(t, 2*time.Minute)
		lm := legacy.FindStringSubmatch(r.Stdout)
		if lm == nil || lm[1] != strconv.Itoa(s.Tests) {
			t.Errorf("%s: craftos test ran %d tests; alone it prints:\n%s%s", name, s.Tests, r.Stdout, r.Stderr)
		}
	}
}

// repoCopy is a scratch root holding testdata/spec (specs write there).
func repoCopy(t *testing.T, repo string) string {
	t.Helper()
	root := t.TempDir()
	dst := filepath.Join(root, "testdata", "spec")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(repo, "testdata", "spec", "*.lua"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil {
			err = os.WriteFile(filepath.Join(dst, filepath.Base(f)), b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// Exit statuses: 0 when nothing failed, 1 when a test failed, 2 for usage
// errors.
func TestCraftosTestStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good_spec.lua", `describe("x", function() it("works", function() expect(1):eq(1) end) pending("later") end)`)
	write("bad_spec.lua", `it("fails", function() expect(1):eq(2) end)`)
	tests := []struct {
		args   []string
		status int
		outHas string
		errHas string
	}{
		{[]string{"test", "good_spec.lua"}, 0, "1 passed, 0 failed, 1 pending\n", ""},
		{[]string{"test"}, 1, "1 passed, 1 failed, 1 pending\n", ""},
		{[]string{"test", "--tap", "bad_spec.lua"}, 1, "not ok 1 - bad_spec.lua: fails\n", ""},
		{[]string{"test", "--filter", "works"}, 0, "1 passed, 0 failed, 0 pending\n", ""},
		{[]string{"test", "--bogus"}, 2, "", "craftos test: unknown flag: --bogus"},
		{[]string{"test", "--timeout", "soon"}, 2, "", "craftos test: invalid argument"},
		{[]string{"test", "-j", "0"}, 2, "", "--jobs must be at least 1"},
		{[]string{"test", "missing_spec.lua"}, 2, "", "craftos test: missing_spec.lua: no such file or folder"},
	}
	t.Chdir(dir)
	for _, tt := range tests {
		out, errOut, status := run(t, "", tt.args...)
		if status != tt.status || !strings.Contains(out, tt.outHas) || !strings.Contains(errOut, tt.errHas) {
			t.Errorf("%v: status %d (want %d)\nstdout:\n%s\nstderr:\n%s", tt.args, status, tt.status, out, errOut)
		}
	}
}

// The root flags reach every spec's computer: --clock virtual makes a day's
// sleep instant, --seed fixes math.random.
func TestCraftosTestClockFlags(t *testing.T) {
	dir := t.TempDir()
	src := `it("sleeps a day at once", function()
    local t = os.clock()
    sleep(86400)
    expect(os.clock() - t >= 86400):eq(true)
end)
it("repeats its numbers", function() expect(math.random(1000000)):eq(SEEDED) end)
`
	// The expected number is what --seed 7 gives a fresh computer.
	seeded, _, status := run(t, "", "--seed", "7", "run", "-e", "print(math.random(1000000))")
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	src = strings.Replace(src, "SEEDED", strings.TrimSpace(seeded), 1)
	if err := os.WriteFile(filepath.Join(dir, "clock_spec.lua"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	out, errOut, status := run(t, "", "--root", dir, "--clock", "virtual", "--seed", "7", "test", "--timeout", "5", dir)
	if status != 0 || !strings.HasSuffix(out, "\n2 passed, 0 failed, 0 pending\n") || time.Since(start) > 4*time.Second {
		t.Errorf("status %d after %v\nstdout:\n%s\nstderr:\n%s", status, time.Since(start), out, errOut)
	}
}
