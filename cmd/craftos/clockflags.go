package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/craftos/craftos/internal/computer"
)

// clockOptions are --clock and --seed: together they make a test of
// time-driven code fast and repeatable.
type clockOptions struct {
	mode string
	seed optionalInt
}

// addClockFlags adds --clock and --seed.
func addClockFlags(f *pflag.FlagSet, o *clockOptions) {
	f.StringVar(&o.mode, "clock", "real", "real, or virtual: when nothing but a timer or alarm can wake the computer, time jumps to it (sleep(3600) returns at once; os.clock, os.time, os.epoch, os.date and os.day follow)")
	f.Var(&o.seed, "seed", "seed math.random with `N` at boot, as math.randomseed(N) does, so its numbers repeat")
}

// apply sets the clock and seed of a computer's configuration.
func (o *clockOptions) apply(cfg *computer.Config) error {
	switch o.mode {
	case "real", "":
		cfg.VirtualClock = false
	case "virtual":
		cfg.VirtualClock = true
	default:
		return fmt.Errorf("--clock must be real or virtual, not %q", o.mode)
	}
	if o.seed.set {
		n := o.seed.n
		cfg.Seed = &n
	}
	return nil
}

// optionalInt is an integer flag that knows whether it was given.
type optionalInt struct {
	n   int64
	set bool
}

func (v *optionalInt) String() string {
	if !v.set {
		return ""
	}
	return strconv.FormatInt(v.n, 10)
}

func (v *optionalInt) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("%q is not an integer", s)
	}
	v.n, v.set = n, true
	return nil
}

func (v *optionalInt) Type() string { return "int" }
