package spectest

import (
	"fmt"
	"io"
	"strings"
)

// tap writes TAP version 13: a line per test as files finish, failures'
// details in YAML blocks, the plan at the end (TAP allows it last).
type tap struct {
	w io.Writer
	n int
}

func newTAP(w io.Writer) *tap {
	fmt.Fprintln(w, "TAP version 13")
	return &tap{w: w}
}

func (t *tap) started(Spec) {}

func (t *tap) file(f *File) {
	for _, test := range f.Tests {
		t.n++
		desc := tapEscape(f.Spec.Host + ": " + displayName(test))
		switch {
		case test.Status == Pass:
			fmt.Fprintf(t.w, "ok %d - %s\n", t.n, desc)
		case test.Status == Pending:
			fmt.Fprintf(t.w, "ok %d - %s # SKIP pending\n", t.n, desc)
		default:
			fmt.Fprintf(t.w, "not ok %d - %s\n", t.n, desc)
			fmt.Fprintln(t.w, "  ---")
			fmt.Fprintf(t.w, "  status: %s\n", test.Status)
			if test.Location != "" {
				fmt.Fprintf(t.w, "  at: %q\n", test.Location)
			}
			yamlBlock(t.w, "message", test.Message)
			yamlBlock(t.w, "trace", test.Trace)
			fmt.Fprintln(t.w, "  ...")
		}
	}
}

func (t *tap) finish(s *Summary) {
	fmt.Fprintf(t.w, "1..%d\n", t.n)
	passed, failed, pending := s.Counts()
	fmt.Fprintf(t.w, "# %s\n", counts(passed, failed, pending, false))
}

// tapEscape keeps a description on its line and away from directives.
func tapEscape(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\\\")
	s = strings.ReplaceAll(s, "#", "\\#")
	return strings.ReplaceAll(s, "\n", " ")
}

// yamlBlock writes a literal block scalar ("key: |-" and indented lines).
func yamlBlock(w io.Writer, key, text string) {
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return
	}
	fmt.Fprintf(w, "  %s: |-\n", key)
	writeIndented(w, text, "    ")
}
