package computer_test

import (
	"context"
	"io"
	"strconv"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/rom"
)

// One computer booted (bios, ROM APIs) running print("Hello, world!") to
// its end, in process: the part of `craftos run hello.lua` that is ours.
func BenchmarkBootToExit(b *testing.B) {
	romFS, bios, err := rom.Load("")
	if err != nil {
		b.Fatal(err)
	}
	root := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := computer.New(computer.Config{
			Root: root, ROM: romFS, BIOS: bios, Stdout: io.Discard, Stderr: io.Discard,
			Limits: computer.DefaultLimits(),
			Boot:   computer.Boot{Kind: computer.BootRun, Source: `print("Hello, world!")`, Name: "hello.lua", Path: "hello.lua"},
		})
		if status, err := c.Run(context.Background()); status != 0 || err != nil {
			b.Fatal(status, err)
		}
	}
}

// os.queueEvent + os.pullEvent round trips through the scheduler (each one
// is a yield of the bios coroutine to the host and a resume with the event).
func BenchmarkQueueEventPullEvent(b *testing.B) {
	romFS, bios, err := rom.Load("")
	if err != nil {
		b.Fatal(err)
	}
	c := computer.New(computer.Config{
		Root: b.TempDir(), ROM: romFS, BIOS: bios, Stdout: io.Discard, Stderr: io.Discard,
		Limits: computer.DefaultLimits(),
		Boot: computer.Boot{Kind: computer.BootRun, Name: "bench.lua", Path: "bench.lua",
			Args:   []string{strconv.Itoa(b.N)},
			Source: `local n = tonumber(...) os.queueEvent("start") os.pullEvent("start") for i = 1, n do os.queueEvent("e", i) os.pullEvent("e") end`},
	})
	b.ResetTimer() // boot is included, and is under 0.1 % of a run of b.N >= 10^5
	if status, err := c.Run(context.Background()); status != 0 || err != nil {
		b.Fatal(status, err)
	}
}
