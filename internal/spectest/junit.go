package spectest

import (
	"encoding/xml"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"
)

// JUnit XML as Ant's JUnit task writes it (the schema CI systems read): a
// testsuite per spec file, a testcase per test, with failure, error and
// skipped children.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string `xml:"name,attr"`
	ID        int    `xml:"id,attr"`
	Package   string `xml:"package,attr"`
	Hostname  string `xml:"hostname,attr"`
	Timestamp string `xml:"timestamp,attr"`
	Tests     int    `xml:"tests,attr"`
	Failures  int    `xml:"failures,attr"`
	Errors    int    `xml:"errors,attr"`
	Skipped   int    `xml:"skipped,attr"`
	Time      string `xml:"time,attr"`
	// The schema's elements, in its order: properties, testcases,
	// system-out, system-err.
	Properties struct{}    `xml:"properties"`
	Cases      []junitCase `xml:"testcase"`
	SystemOut  string      `xml:"system-out"`
	SystemErr  string      `xml:"system-err"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      string        `xml:"line,attr,omitempty"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	Skipped   *junitSkipped `xml:"skipped"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func junitTime(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

func buildJUnit(s *Summary) junitSuites {
	host, _ := os.Hostname()
	if host == "" {
		host = "localhost"
	}
	out := junitSuites{Name: "craftos test", Time: junitTime(s.Duration)}
	for i, f := range s.Files {
		suite := junitSuite{
			Name: f.Spec.Host, ID: i, Package: f.Spec.Host, Hostname: host,
			Timestamp: f.Started.UTC().Format("2006-01-02T15:04:05"),
			Time:      junitTime(f.Duration), SystemOut: xmlText(f.Output),
		}
		for _, t := range f.Tests {
			c := junitCase{Name: xmlText(displayName(t)), Classname: f.Spec.Host, Time: junitTime(t.Duration)}
			if file, line, ok := strings.Cut(t.Location, ":"); ok && file == f.Spec.Host {
				c.File, c.Line = f.Spec.Host, line
			}
			text := xmlText(strings.TrimSpace(strings.Join([]string{t.Location, t.Message, t.Trace}, "\n")))
			first, _, _ := strings.Cut(xmlText(t.Message), "\n")
			switch t.Status {
			case Fail:
				suite.Failures++
				c.Failure = &junitProblem{Message: first, Type: "failure", Text: text}
			case Error, Timeout:
				suite.Errors++
				c.Error = &junitProblem{Message: first, Type: string(t.Status), Text: text}
			case Pending:
				suite.Skipped++
				c.Skipped = &junitSkipped{Message: "pending"}
			}
			suite.Tests++
			suite.Cases = append(suite.Cases, c)
		}
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Errors += suite.Errors
		out.Skipped += suite.Skipped
		out.Suites = append(out.Suites, suite)
	}
	return out
}

// xmlText drops what XML 1.0 cannot hold (control characters, invalid
// UTF-8), which test output may well contain.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == utf8.RuneError, r == 0xFFFE, r == 0xFFFF:
			return '?'
		}
		return r
	}, s)
}

func writeJUnit(path string, s *Summary) error {
	data, err := xml.MarshalIndent(buildJUnit(s), "", "  ")
	if err != nil {
		return err
	}
	data = append([]byte(xml.Header), append(data, '\n')...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("--junit: %w", err)
	}
	return nil
}
