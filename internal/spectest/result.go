package spectest

import (
	"strings"
	"time"
)

// Status is how one test ended.
type Status string

const (
	Pass    Status = "pass"
	Fail    Status = "fail"    // an expectation did not hold
	Error   Status = "error"   // the test (or its file) raised an error
	Timeout Status = "timeout" // the test ran past --timeout
	Pending Status = "pending" // declared with pending(), or it() without a body
)

// failed reports whether the status makes the run fail.
func (s Status) failed() bool { return s == Fail || s == Error || s == Timeout }

// Test is one test's result.
type Test struct {
	ID       int
	Path     []string // the describe blocks around it, outermost first
	Name     string
	Status   Status
	Message  string
	Location string // file:line of the failure, else of the test
	Trace    string // an error's traceback
	Duration time.Duration
}

// FullName is the describe names and the test's, space-separated (what
// --filter matches).
func (t *Test) FullName() string {
	return strings.Join(append(append([]string{}, t.Path...), t.Name), " ")
}

// File is one spec file's results.
type File struct {
	Spec     Spec
	Tests    []*Test // reported tests, in the file's order
	Output   string  // what the file's computer printed
	Duration time.Duration
	Started  time.Time
	// coverage: chunk path inside the computer -> line -> count
	coverage map[string]map[int]int
}

// Counts tallies the file's tests by status.
func (f *File) Counts() (passed, failed, pending int) {
	for _, t := range f.Tests {
		switch {
		case t.Status == Pass:
			passed++
		case t.Status == Pending:
			pending++
		default:
			failed++
		}
	}
	return
}

// Summary is the whole run's results.
type Summary struct {
	Files    []*File
	Duration time.Duration
}

// Counts tallies every file's tests.
func (s *Summary) Counts() (passed, failed, pending int) {
	for _, f := range s.Files {
		p, fl, pe := f.Counts()
		passed, failed, pending = passed+p, failed+fl, pending+pe
	}
	return
}
