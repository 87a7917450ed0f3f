package main

import (
	"testing"

	"github.com/craftos/craftos/internal/computer"
)

func TestTermOptions(t *testing.T) {
	run := computer.Boot{Kind: computer.BootRun}
	tests := []struct {
		name          string
		mode, size    string
		color, noColr string
		stdinTTY      bool
		full, colour  bool
		w, h          int
		err           bool
	}{
		{name: "auto in tests is plain (stdout is no terminal)", mode: "auto", color: "auto", stdinTTY: true},
		{name: "forced full", mode: "full", color: "auto", full: true},
		{name: "forced plain", mode: "plain", color: "auto"},
		{name: "size", mode: "plain", size: "30x8", color: "auto", w: 30, h: 8},
		{name: "size with capital X", mode: "plain", size: "30X8", color: "auto", w: 30, h: 8},
		{name: "always colours, even with NO_COLOR", mode: "plain", color: "always", noColr: "1", colour: true},
		{name: "never colours", mode: "plain", color: "never"},
		{name: "bad size", mode: "plain", size: "30", color: "auto", err: true},
		{name: "zero size", mode: "plain", size: "0x5", color: "auto", err: true},
		{name: "bad mode", mode: "window", color: "auto", err: true},
		{name: "bad colour", mode: "plain", color: "sometimes", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", tt.noColr)
			o := &options{termMode: tt.mode, termSize: tt.size, color: tt.color}
			to, err := termOptions(o, run, tt.stdinTTY)
			if (err != nil) != tt.err {
				t.Fatalf("error %v", err)
			}
			if err != nil {
				return
			}
			if to.Full != tt.full || to.Colour != tt.colour || to.Width != tt.w || to.Height != tt.h {
				t.Errorf("got %+v", to)
			}
		})
	}
}
