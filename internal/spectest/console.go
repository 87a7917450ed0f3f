package spectest

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// console is the human report: one line per file (and a progress line on a
// terminal), every failure in full at the end, then the summary line
// "N passed, N failed, N pending".
type console struct {
	w        io.Writer
	progress bool
	total    int

	mu      sync.Mutex
	done    int
	running []string
	failed  []*failure
}

type failure struct {
	file *File
	test *Test
}

func newConsole(w io.Writer, progress bool, total int) *console {
	return &console{w: w, progress: progress, total: total}
}

func (c *console) started(s Spec) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.running = append(c.running, s.Host)
	c.drawProgress()
}

// drawProgress rewrites the terminal's last line: files done, and the one
// running longest.
func (c *console) drawProgress() {
	if !c.progress || len(c.running) == 0 {
		return
	}
	fmt.Fprintf(c.w, "\r\x1b[K[%d/%d] %s ...", c.done, c.total, c.running[0])
}

func (c *console) clearProgress() {
	if c.progress {
		fmt.Fprint(c.w, "\r\x1b[K")
	}
}

func (c *console) file(f *File) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done++
	for i, name := range c.running {
		if name == f.Spec.Host {
			c.running = append(c.running[:i], c.running[i+1:]...)
			break
		}
	}
	c.clearProgress()
	passed, failed, pending := f.Counts()
	word := "ok  "
	if failed > 0 {
		word = "FAIL"
	}
	fmt.Fprintf(c.w, "%s %s (%s, %s)\n", word, f.Spec.Host, counts(passed, failed, pending, true), round(f.Duration))
	for _, t := range f.Tests {
		if t.Status.failed() {
			c.failed = append(c.failed, &failure{f, t})
		}
	}
	c.drawProgress()
}

func (c *console) finish(s *Summary) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clearProgress()
	for _, fl := range c.failed {
		fmt.Fprintf(c.w, "\n%s %s: %s\n", strings.ToUpper(string(fl.test.Status)), fl.file.Spec.Host, displayName(fl.test))
		if fl.test.Location != "" {
			fmt.Fprintf(c.w, "  at %s\n", fl.test.Location)
		}
		writeIndented(c.w, fl.test.Message, "  ")
		writeIndented(c.w, fl.test.Trace, "  ")
	}
	// What a failing file printed can explain its failures.
	var last *File
	for _, fl := range c.failed {
		if fl.file != last && strings.TrimSpace(fl.file.Output) != "" {
			fmt.Fprintf(c.w, "\nOUTPUT %s:\n", fl.file.Spec.Host)
			writeIndented(c.w, fl.file.Output, "  ")
		}
		last = fl.file
	}
	if len(c.failed) > 0 {
		fmt.Fprintln(c.w)
	}
	passed, failed, pending := s.Counts()
	fmt.Fprintln(c.w, counts(passed, failed, pending, false))
}

// counts is "3 passed, 1 failed, 0 pending"; short leaves out zero
// failed and pending counts.
func counts(passed, failed, pending int, short bool) string {
	parts := []string{fmt.Sprintf("%d passed", passed)}
	if !short || failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", failed))
	}
	if !short || pending > 0 {
		parts = append(parts, fmt.Sprintf("%d pending", pending))
	}
	return strings.Join(parts, ", ")
}

// displayName is the test's describe path and name, joined by " › ".
func displayName(t *Test) string {
	return strings.Join(append(append([]string{}, t.Path...), t.Name), " › ")
}

func writeIndented(w io.Writer, text, indent string) {
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return
	}
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(w, "%s%s\n", indent, line)
	}
}

func round(d time.Duration) string {
	return fmt.Sprintf("%.2fs", d.Seconds())
}
