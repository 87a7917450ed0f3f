package monitor_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

func dashboard(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("../../../examples/monitor_dashboard.lua")
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// examples/monitor_dashboard.lua as the README runs it: a few updates on
// a virtual clock, the monitor's screen in the screenshot.
func TestDashboardExample(t *testing.T) {
	shot := filepath.Join(t.TempDir(), "shot.txt")
	res := computertest.Run(t, dashboard(t), computertest.Args("3"),
		withMonitors(shot, computer.PeripheralSpec{Name: "top", Type: "monitor", Arg: "blocks=4x3"}),
		computertest.Configure(func(c *computer.Config) { c.VirtualClock = true }))
	if res.Status != 0 {
		t.Fatalf("status %d\n%s%s", res.Status, res.Stdout, res.Stderr)
	}
	if want := "Dashboard on monitor top (39x19). Touch [Pause] on it; Ctrl+T stops.\nUpdated 3 times.\n"; res.Stdout != want {
		t.Errorf("stdout %q, want %q", res.Stdout, want)
	}
	mon := readShot(t, shot+".top")
	if len(mon) != 19 || !strings.HasPrefix(mon[0], " Dashboard") || !strings.Contains(mon[2], "Uptime: 3s") ||
		!strings.HasSuffix(mon[2], "[Pause]") || !strings.Contains(mon[18], "▒▒▒▒") {
		t.Errorf("the monitor's screen:\n%s", strings.Join(mon, "\n"))
	}
}

// With no monitor it attaches one; touching [Pause] pauses it.
func TestDashboardTouch(t *testing.T) {
	r := computertest.Start(t, dashboard(t), withMonitors(""))
	r.WaitOutput(t, "Dashboard on monitor top (51x19)")
	screens := r.Computer.Terminal().Screens()
	if len(screens) != 1 {
		t.Fatalf("screens %+v", screens)
	}
	screens[0].Touch(2, 3) // beside the button: nothing
	screens[0].Touch(45, 3)
	r.WaitOutput(t, "Paused.")
	if !computertest.Eventually(func() bool {
		return strings.HasSuffix(screens[0].Buf.Lines()[2], "[Resume]")
	}) {
		t.Errorf("the button: %q", screens[0].Buf.Lines()[2])
	}
	if strings.Contains(r.Stdout(), "Resumed") {
		t.Errorf("a touch beside the button counted: %q", r.Stdout())
	}
	r.Stop()
}
