// Package spectest is `craftos test`: it finds *_spec.lua files, runs each
// on a fresh computer rooted at a scratch copy of the project, with a test
// API in the style of CC:Tweaked's own test suite (describe, it, expect,
// stub, ...; see runner.lua), and reports the results on the console, as
// TAP, as JUnit XML and, with coverage, as lcov.
package spectest

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"github.com/craftos/craftos/internal/computer"
)

// Options are `craftos test`'s settings.
type Options struct {
	Root  string   // the project folder (each computer gets a copy of it)
	Paths []string // spec files and folders (default: spec/, test/, .)

	Timeout  time.Duration // per test; 0: none
	Filter   string        // a Go regexp on "describe ... test" names
	Jobs     int           // files run at once (at least 1)
	JUnit    string        // write JUnit XML here
	TAP      bool          // TAP on Stdout instead of the console report
	Coverage string        // write lcov line coverage here
	MaxCopy  int64         // largest project copied (0: DefaultMaxCopy)

	Stdout, Stderr io.Writer
	// Progress draws a progress line (Stdout is a terminal).
	Progress bool
	// Computer returns the computers' base configuration (ROM, limits,
	// watchdog, extensions...); Root, Boot and the streams are set here.
	Computer func() computer.Config
}

type runner struct {
	o      Options
	root   string
	filter *regexp.Regexp
	specs  int // how many spec files run
}

// Run runs the suite and returns the exit status: 0 when nothing failed,
// 1 otherwise. An error is a usage error (*UsageError, status 2) or a
// problem writing the reports (status 1).
func Run(ctx context.Context, o Options) (int, error) {
	if o.Jobs < 1 {
		o.Jobs = 1
	}
	if o.MaxCopy == 0 {
		o.MaxCopy = DefaultMaxCopy
	}
	if o.Root == "" {
		o.Root = "."
	}
	r := &runner{o: o}
	if o.Filter != "" {
		re, err := regexp.Compile(o.Filter)
		if err != nil {
			return 2, usagef("--filter: %v", err)
		}
		r.filter = re
	}
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return 2, err
	}
	r.root = root
	specs, err := Discover(o.Root, o.Paths)
	if err != nil {
		return 2, err
	}
	r.specs = len(specs)
	if err := measure(root, o.MaxCopy); err != nil {
		return 2, err
	}

	var rep reporter = newConsole(o.Stdout, o.Progress, len(specs))
	if o.TAP {
		rep = newTAP(o.Stdout)
	}
	start := time.Now()
	sum := &Summary{Files: r.runAll(ctx, specs, rep)}
	sum.Duration = time.Since(start)
	rep.finish(sum)

	var werr error
	if o.JUnit != "" {
		werr = errors.Join(werr, writeJUnit(o.JUnit, sum))
	}
	if o.Coverage != "" {
		werr = errors.Join(werr, writeCoverage(o.Coverage, root, sum))
	}
	if werr != nil {
		return 1, werr
	}
	if _, failed, _ := sum.Counts(); failed > 0 || ctx.Err() != nil {
		return 1, nil
	}
	return 0, nil
}

// runAll runs the files, Jobs at a time, and hands each to the reporter in
// the files' order as soon as it and those before it are done.
func (r *runner) runAll(ctx context.Context, specs []Spec, rep reporter) []*File {
	files := make([]*File, len(specs))
	done := make([]chan struct{}, len(specs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range specs {
			next <- i
		}
	}()
	var wg sync.WaitGroup
	for range min(r.o.Jobs, len(specs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rep.started(specs[i])
				files[i] = r.runFile(ctx, specs[i])
				close(done[i])
			}
		}()
	}
	for i := range specs {
		<-done[i]
		rep.file(files[i])
	}
	wg.Wait()
	return files
}

// reporter shows results as they come.
type reporter interface {
	started(Spec)    // a file began (any goroutine)
	file(*File)      // a file's results, in the files' order
	finish(*Summary) // the end of the run
}
