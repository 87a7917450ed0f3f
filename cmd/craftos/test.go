package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/spectest"
	"github.com/craftos/craftos/rom"
)

// newTestCommand is `craftos test`; the work is internal/spectest's.
func newTestCommand(opts *options) *cobra.Command {
	so := spectest.Options{Timeout: 10 * time.Second, Jobs: 1}
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Run the *_spec.lua tests of a project",
		Long: "Run every *_spec.lua file under PATH (default: spec/, else test/, else the\n" +
			"current folder), each on a fresh computer rooted at a scratch copy of the\n" +
			"project (--root), with describe, it, pending, before_each, after_each,\n" +
			"expect, stub and fail as globals. Exit status: 0 when nothing failed, 1\n" +
			"otherwise, 2 for usage errors.",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTests(opts, so, args)
		},
	}
	f := cmd.Flags()
	f.Var(seconds{&so.Timeout}, "timeout", "time each test may take, in seconds or as a duration (0: no limit)")
	f.StringVar(&so.Filter, "filter", "", "run only tests whose name (describe names and the test's, space-separated) matches this Go regexp")
	f.IntVarP(&so.Jobs, "jobs", "j", 1, "spec files run at once")
	f.StringVar(&so.JUnit, "junit", "", "write the results as JUnit XML to `FILE`")
	f.BoolVar(&so.TAP, "tap", false, "write the results as TAP on standard output")
	f.StringVar(&so.Coverage, "coverage", "", "write line coverage of the files under test as lcov to `FILE`")
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		fmt.Fprintf(c.ErrOrStderr(), "craftos test: %v\n", err)
		return exitError{2}
	})
	return cmd
}

func runTests(opts *options, so spectest.Options, args []string) error {
	romFS, bios, err := rom.Load(opts.rom)
	if err != nil {
		return err
	}
	if so.Jobs < 1 {
		fmt.Fprintln(opts.stdio.err, "craftos test: --jobs must be at least 1")
		return exitError{2}
	}
	to, err := termOptions(opts, computer.Boot{Kind: computer.BootRun}, false)
	if err != nil {
		fmt.Fprintln(opts.stdio.err, "craftos test:", err)
		return exitError{2}
	}
	to.Full, to.Colour = false, false
	so.Root, so.Paths = opts.root, args
	so.Stdout, so.Stderr = opts.stdio.out, opts.stdio.err
	so.Progress = isTerminal(opts.stdio.out) && !so.TAP
	base := computer.Config{
		ROM:         romFS,
		BIOS:        bios,
		ID:          opts.id,
		Label:       opts.label,
		Term:        to,
		Watchdog:    opts.watchdog,
		Limits:      opts.limits,
		TraceEvents: opts.traceEvents,
	}
	if err := opts.clock.apply(&base); err != nil {
		fmt.Fprintln(opts.stdio.err, "craftos test:", err)
		return exitError{2}
	}
	if err := opts.hardware.apply(&base); err != nil {
		fmt.Fprintln(opts.stdio.err, "craftos test:", err)
		return exitError{2}
	}
	so.Computer = func() computer.Config {
		cfg := base
		cfg.Extensions = extensions()
		return cfg
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	status, err := spectest.Run(ctx, so)
	var usage *spectest.UsageError
	if errors.As(err, &usage) {
		fmt.Fprintln(opts.stdio.err, "craftos test:", err)
		return exitError{2}
	}
	if err != nil {
		return err
	}
	if status != 0 {
		return exitError{status}
	}
	return nil
}
