package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/craftos/craftos/internal/computer"
	cterm "github.com/craftos/craftos/internal/term"
)

// addTermFlags adds the terminal flags: renderer, size, colours, screenshot.
func addTermFlags(f *pflag.FlagSet, o *options) {
	f.StringVar(&o.termMode, "term", "auto", "terminal: full (full-screen, keyboard input), plain (text streamed as lines), or auto (full when stdin and stdout are terminals)")
	f.StringVar(&o.termSize, "term-size", "", "screen size WIDTHxHEIGHT (default 51x19; full-screen: the terminal's size)")
	f.StringVar(&o.color, "color", "auto", "ANSI colours for text in plain mode: always, never, or auto (when stdout is a terminal and NO_COLOR is unset)")
	f.StringVar(&o.screenshot, "screenshot", "", "when the run ends, write the final screen as text to `FILE` (and each monitor's to FILE.SIDE)")
}

// termOptions resolves the terminal flags for this run.
func termOptions(o *options, b computer.Boot, stdinTTY bool) (cterm.Options, error) {
	var to cterm.Options
	stdoutTTY := isTerminal(o.stdio.out)
	switch o.termMode {
	case "auto", "":
		// The REPL keeps its line editor; everything else goes full-screen
		// on a terminal that can draw one.
		to.Full = stdinTTY && stdoutTTY && b.Kind != computer.BootREPL && os.Getenv("TERM") != "dumb"
	case "full":
		to.Full = true
	case "plain":
	default:
		return to, fmt.Errorf("--term must be auto, full or plain, not %q", o.termMode)
	}
	if o.termSize != "" {
		w, h, err := parseSize(o.termSize)
		if err != nil {
			return to, err
		}
		to.Width, to.Height = w, h
	}
	switch o.color {
	case "always":
		to.Colour = true
	case "never":
	case "auto", "":
		to.Colour = stdoutTTY && os.Getenv("NO_COLOR") == ""
	default:
		return to, fmt.Errorf("--color must be auto, always or never, not %q", o.color)
	}
	return to, nil
}

func parseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w < 1 || h < 1 || w > 1000 || h > 1000 {
		return 0, 0, fmt.Errorf("--term-size must be WIDTHxHEIGHT (such as 51x19), not %q", s)
	}
	return w, h, nil
}
