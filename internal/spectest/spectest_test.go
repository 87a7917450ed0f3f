package spectest

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/rom"
)

const fixture = "testdata/fixture"

// suite runs `craftos test` on the fixture project with o's settings and
// returns the exit status and what it printed.
func suite(t *testing.T, o Options) (int, string, error) {
	t.Helper()
	romFS, bios, err := rom.Load("")
	if err != nil {
		t.Fatal(err)
	}
	watchdog := 7 * time.Second
	if o.Computer != nil { // a test's own watchdog, as a marker
		watchdog = o.Computer().Watchdog
	}
	o.Computer = func() computer.Config {
		return computer.Config{ROM: romFS, BIOS: bios, Watchdog: watchdog, Limits: computer.DefaultLimits()}
	}
	if o.Root == "" {
		o.Root = fixture
	}
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	var out bytes.Buffer
	o.Stdout, o.Stderr = &out, &out
	status, err := Run(context.Background(), o)
	return status, out.String(), err
}

func specs(names ...string) []string {
	var paths []string
	for _, n := range names {
		paths = append(paths, filepath.Join(fixture, "spec", n+Suffix))
	}
	return paths
}

func shortBackstop(t *testing.T) {
	old := backstopGrace
	backstopGrace = 300 * time.Millisecond
	t.Cleanup(func() { backstopGrace = old })
}

// The whole fixture: passing, failing, erroring, hanging and pending tests.
// Every failure is reported with its place and the run goes on; the exit
// status is 1; JUnit XML and lcov coverage are written.
func TestFixtureSuite(t *testing.T) {
	shortBackstop(t)
	dir := t.TempDir()
	junit, lcov := filepath.Join(dir, "junit.xml"), filepath.Join(dir, "lcov.info")
	status, out, err := suite(t, Options{Paths: []string{filepath.Join(fixture, "spec")}, Timeout: time.Second, JUnit: junit, Coverage: lcov})
	if err != nil || status != 1 {
		t.Fatalf("status %d, err %v\n%s", status, err, out)
	}
	if !strings.HasSuffix(out, "\n12 passed, 11 failed, 2 pending\n") {
		t.Errorf("summary:\n%s", out)
	}
	spec := func(name string) string { return filepath.Join(fixture, "spec", name) }
	for _, want := range []string{
		"FAIL " + spec("error_spec.lua") + " (0 passed, 4 failed, ",
		"FAIL " + spec("fail_spec.lua") + " (1 passed, 5 failed, ",
		"FAIL " + spec("hang_spec.lua") + " (1 passed, 2 failed, ",
		"ok   " + spec("pass_spec.lua") + " (7 passed, ",
		"ok   " + spec("pending_spec.lua") + " (1 passed, 2 pending, ",
		"ok   " + spec("writes_spec.lua") + " (1 passed, ",
		"ok   " + spec("writes_again_spec.lua") + " (1 passed, ",
		// failures in full: status, file, test, place, message
		"FAIL " + spec("fail_spec.lua") + ": failing › eq\n  at " + spec("fail_spec.lua") + ":4\n  expected 3\n       got 2\n",
		"FAIL " + spec("fail_spec.lua") + ": failing › same\n  at " + spec("fail_spec.lua") + ":7\n  expected the same as { 1, 3 }\n              got { 1, 2 }\n",
		"FAIL " + spec("fail_spec.lua") + ": failing › negated\n  at " + spec("fail_spec.lua") + ":10\n  expected any value but \"x\"\n",
		"  at " + spec("fail_spec.lua") + ":14\n  expected the stub to be called 2 time(s), but it was called 0 time(s)\n",
		"FAIL " + spec("fail_spec.lua") + ": failing › fail()\n  at " + spec("fail_spec.lua") + ":17\n  given up\n",
		"ERROR " + spec("error_spec.lua") + ": erroring › indexes nil\n  at " + spec("error_spec.lua") + ":3\n  spec/error_spec.lua:5: attempt to index local 't' (a nil value)\n  stack traceback:\n",
		"ERROR " + spec("error_spec.lua") + ": erroring › raises a table\n  at " + spec("error_spec.lua") + ":7\n  { code = 1 }\n",
		"ERROR " + spec("error_spec.lua") + ": broken describe\n  at " + spec("error_spec.lua") + ":12\n  spec/error_spec.lua:13: describe body failed\n",
		"ERROR " + spec("error_spec.lua") + ": after_each › passes but its after_each fails\n  at " + spec("error_spec.lua") + ":18\n  spec/error_spec.lua:17: clean-up failed\n",
		"\nOUTPUT " + spec("fail_spec.lua") + ":\n  printed by fail_spec\n",
		"TIMEOUT " + spec("hang_spec.lua") + ": waits for an event that never comes\n  at " + spec("hang_spec.lua") + ":2\n  timed out after 1s\n",
		"TIMEOUT " + spec("hang_spec.lua") + ": ignores terminate\n  at " + spec("hang_spec.lua") + ":6\n  timed out after 1s, and did not stop: its computer was stopped\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\n%s", want, out)
		}
	}
	// The specs' writes went to scratch copies.
	if _, err := os.Stat(filepath.Join(fixture, "scratch.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("scratch.txt reached the project: %v", err)
	}
	if _, err := os.Stat(filepath.Join(fixture, "lib", "calc.lua")); err != nil {
		t.Errorf("lib/calc.lua: %v", err)
	}
	checkJUnit(t, junit)
	checkCoverage(t, lcov)
}

// JUnit XML with the elements and attributes the schema requires
// (testsuite: name, tests, failures, errors, time, timestamp, hostname;
// testcase: name, classname, time; failure/error: message, type).
func checkJUnit(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type problem struct {
		Message *string `xml:"message,attr"`
		Type    *string `xml:"type,attr"`
	}
	type testcase struct {
		Name      *string   `xml:"name,attr"`
		Classname *string   `xml:"classname,attr"`
		Time      *string   `xml:"time,attr"`
		Failure   *problem  `xml:"failure"`
		Error     *problem  `xml:"error"`
		Skipped   *struct{} `xml:"skipped"`
	}
	type testsuite struct {
		Name       *string    `xml:"name,attr"`
		Tests      *int       `xml:"tests,attr"`
		Failures   *int       `xml:"failures,attr"`
		Errors     *int       `xml:"errors,attr"`
		Time       *string    `xml:"time,attr"`
		Timestamp  *string    `xml:"timestamp,attr"`
		Hostname   *string    `xml:"hostname,attr"`
		Properties *struct{}  `xml:"properties"`
		Cases      []testcase `xml:"testcase"`
	}
	var doc struct {
		XMLName  xml.Name
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Suites   []testsuite `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("junit: %v\n%s", err, data)
	}
	if doc.XMLName.Local != "testsuites" || len(doc.Suites) != 7 {
		t.Fatalf("junit root %s with %d suites", doc.XMLName.Local, len(doc.Suites))
	}
	if doc.Tests != 25 || doc.Failures != 5 || doc.Errors != 6 || doc.Skipped != 2 {
		t.Errorf("junit totals: %d tests, %d failures, %d errors, %d skipped", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
	var cases, failures, errs, skipped int
	isTime := regexp.MustCompile(`^\d+\.\d{3}$`)
	for _, s := range doc.Suites {
		if s.Name == nil || s.Tests == nil || s.Failures == nil || s.Errors == nil || s.Time == nil ||
			s.Timestamp == nil || s.Hostname == nil || s.Properties == nil {
			t.Errorf("testsuite lacks a required attribute or element: %+v", s)
			continue
		}
		if _, err := time.Parse("2006-01-02T15:04:05", *s.Timestamp); err != nil {
			t.Errorf("timestamp %q: %v", *s.Timestamp, err)
		}
		if *s.Tests != len(s.Cases) {
			t.Errorf("%s: tests=%d but %d testcases", *s.Name, *s.Tests, len(s.Cases))
		}
		for _, c := range s.Cases {
			if c.Name == nil || c.Classname == nil || c.Time == nil || !isTime.MatchString(*c.Time) {
				t.Errorf("testcase lacks name, classname or time: %+v", c)
			}
			for _, p := range []*problem{c.Failure, c.Error} {
				if p != nil && (p.Message == nil || p.Type == nil) {
					t.Errorf("%s: failure/error without message or type", *c.Name)
				}
			}
			cases++
			if c.Failure != nil {
				failures++
			}
			if c.Error != nil {
				errs++
			}
			if c.Skipped != nil {
				skipped++
			}
		}
	}
	if cases != 25 || failures != 5 || errs != 6 || skipped != 2 {
		t.Errorf("junit cases: %d, %d failures, %d errors, %d skipped", cases, failures, errs, skipped)
	}
}

// lcov for the project's Lua files the specs ran (not the specs, not the
// ROM): executable lines with their counts.
func checkCoverage(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	calc := "SF:" + filepath.Join(fixture, "lib", "calc.lua") + "\n"
	i := strings.Index(text, calc)
	if i < 0 {
		t.Fatalf("no record for lib/calc.lua:\n%s", text)
	}
	record := text[i:]
	record = record[:strings.Index(record, "end_of_record")]
	for _, want := range []string{
		"DA:2,1\n",  // local calc = {}
		"DA:5,",     // return a + b: run
		"DA:10,1\n", // error("division by zero", 2): once
		"DA:12,",    // return a / b: never, but executable
		"DA:16,0\n", // calc.never's body
		"LF:",
	} {
		if !strings.Contains(record, want) {
			t.Errorf("calc.lua record lacks %q:\n%s", want, record)
		}
	}
	// Comments and blank lines have no code; line 5 ran.
	for _, absent := range []string{"DA:1,", "DA:3,", "DA:7,", "DA:5,0\n"} {
		if strings.Contains(record, absent) {
			t.Errorf("calc.lua record has %q:\n%s", absent, record)
		}
	}
	if strings.Contains(text, "_spec.lua") || strings.Contains(text, "rom/") {
		t.Errorf("coverage lists specs or the ROM:\n%s", text)
	}
}

// TAP: one line per test, SKIP for pending, YAML details for failures, the
// plan at the end.
func TestTAP(t *testing.T) {
	status, out, err := suite(t, Options{Paths: specs("pending", "fail"), TAP: true})
	if err != nil || status != 1 {
		t.Fatalf("status %d, err %v\n%s", status, err, out)
	}
	pending, fail := specs("pending")[0], specs("fail")[0]
	for _, want := range []string{
		"TAP version 13\n",
		"ok 1 - " + pending + ": to be written # SKIP pending\n",
		"ok 2 - " + pending + ": without a body # SKIP pending\n",
		"ok 3 - " + pending + ": passes\n",
		"not ok 4 - " + fail + ": failing › eq\n  ---\n  status: fail\n  at: \"" + fail + ":4\"\n  message: |-\n    expected 3\n         got 2\n  ...\n",
		"ok 9 - " + fail + ": failing › passes\n",
		"1..9\n# 2 passed, 5 failed, 2 pending\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("TAP lacks %q\n%s", want, out)
		}
	}
}

// --filter keeps the tests whose full name matches; a pending-only or
// passing selection exits 0.
func TestFilter(t *testing.T) {
	tests := []struct {
		filter, summary string
		status          int
	}{
		{"^matchers ", "4 passed, 0 failed, 0 pending", 0},
		{"nested", "1 passed, 0 failed, 0 pending", 0},
		{"eq$|passes", "2 passed, 1 failed, 0 pending", 1},
		{"written", "0 passed, 0 failed, 1 pending", 0},
	}
	for _, tt := range tests {
		status, out, err := suite(t, Options{Paths: specs("pass", "fail", "pending"), Filter: tt.filter})
		if err != nil || status != tt.status || !strings.HasSuffix(out, "\n"+tt.summary+"\n") {
			t.Errorf("--filter %q: status %d, err %v, want %q:\n%s", tt.filter, status, err, tt.summary, out)
		}
	}
}

// -j runs files side by side; the report keeps the files' order.
func TestJobs(t *testing.T) {
	paths := specs("pass", "fail", "error", "pending", "writes", "writes_again")
	s1, out1, err1 := suite(t, Options{Paths: paths, Jobs: 1})
	s3, out3, err3 := suite(t, Options{Paths: paths, Jobs: 3})
	strip := regexp.MustCompile(`\d+\.\d\ds\)`)
	if err1 != nil || err3 != nil || s1 != 1 || s3 != 1 || strip.ReplaceAllString(out1, "") != strip.ReplaceAllString(out3, "") {
		t.Errorf("-j 1: %d %v\n%s\n-j 3: %d %v\n%s", s1, err1, out1, s3, err3, out3)
	}
}

// Code that never yields is stopped by the watchdog, reported, and the
// tests after it run.
func TestWatchdogInTest(t *testing.T) {
	dir := t.TempDir()
	src := `it("spins", function() while true do end end)
it("runs next", function() expect(1):eq(1) end)
`
	if err := os.WriteFile(filepath.Join(dir, "busy_spec.lua"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	o := Options{Root: dir, Paths: []string{dir}, Computer: func() computer.Config {
		return computer.Config{Watchdog: 300 * time.Millisecond}
	}}
	status, out, err := suite(t, o)
	if err != nil || status != 1 || !strings.Contains(out, "Too long without yielding") || !strings.HasSuffix(out, "\n1 passed, 1 failed, 0 pending\n") {
		t.Errorf("status %d, err %v\n%s", status, err, out)
	}
}

// Usage errors: status 2 and a message naming the problem.
func TestUsageErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		o    Options
		want string
	}{
		{Options{Paths: []string{filepath.Join(fixture, "nope")}}, "no such file or folder"},
		{Options{Root: filepath.Join(fixture, "lib"), Paths: specs("pass")}, "is outside the project folder"},
		{Options{Paths: specs("pass"), Filter: "("}, "--filter: "},
		{Options{Root: empty, Paths: []string{empty}}, "no *_spec.lua files in "},
		{Options{Paths: specs("pass"), MaxCopy: 100}, "holds more than"},
	}
	for _, tt := range tests {
		status, out, err := suite(t, tt.o)
		var usage *UsageError
		if status != 2 || !errors.As(err, &usage) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: status %d, err %v, want %q\n%s", tt.o, status, err, tt.want, out)
		}
	}
}

// A file's executable lines are PUC Lua's activelines: measured with
// lua5.2 (debug.getinfo(f, "L") of the chunk and each of its functions).
func TestExecutableLinesArePUCActiveLines(t *testing.T) {
	got, err := executableLines(filepath.Join(fixture, "lib", "calc.lua"))
	if err != nil {
		t.Fatal(err)
	}
	want := []int{2, 4, 5, 6, 8, 9, 10, 12, 13, 15, 16, 17, 19}
	if !slices.Equal(got, want) {
		t.Errorf("executable lines %v, want %v", got, want)
	}
}
