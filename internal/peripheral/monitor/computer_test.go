package monitor_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/peripheral/monitor"
)

// withMonitors lets periphemu make monitors, attaches specs before boot
// and takes a screenshot into shot (when not "").
func withMonitors(shot string, specs ...computer.PeripheralSpec) computertest.Option {
	devices := computertest.Devices("monitor", monitor.New, specs...)
	return func(c *computer.Config) {
		devices(c)
		c.Screenshot = shot
	}
}

func readShot(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

// The monitor program runs hello on a monitor made with periphemu; the
// screenshot has the computer's screen in FILE and the monitor's in
// FILE.top.
func TestMonitorProgramAndScreenshot(t *testing.T) {
	shot := filepath.Join(t.TempDir(), "shot.txt")
	res := computertest.Run(t, `
		assert(periphemu.create("top", "monitor", "20x4"))
		local mon = peripheral.wrap("top")
		mon.setCursorPos(1, 4) mon.write("bottom line")
		mon.setCursorPos(1, 1)
		shell.run("monitor", "top", "hello")
		print(peripheral.getType("top"), mon.getSize())`, withMonitors(shot))
	if res.Status != 0 || res.Err != nil {
		t.Fatalf("status %d, %v\n%s%s", res.Status, res.Err, res.Stdout, res.Stderr)
	}
	if want := "Running hello on monitor top\nmonitor\t20\t4\n"; res.Stdout != want {
		t.Errorf("stdout %q, want %q", res.Stdout, want)
	}
	main := readShot(t, shot)
	if main[0] != "Running hello on monitor top" {
		t.Errorf("computer's screen: %q", main)
	}
	mon := readShot(t, shot+".top")
	if len(mon) != 4 || mon[0] != "Hello World!" || mon[3] != "bottom line" {
		t.Errorf("monitor's screen: %q", mon)
	}
}

// --peripheral's monitors are there at boot; a scale that changes the
// size sends monitor_resize with the side; a click on the monitor (as the
// full-screen renderer reports one) sends monitor_touch.
func TestAttachedAtBootResizeAndTouch(t *testing.T) {
	r := computertest.Start(t, `
		local mon = peripheral.find("monitor")
		print(peripheral.getNames()[1], mon.getSize())
		mon.setTextScale(0.5)
		local ev, side = os.pullEvent("monitor_resize")
		print(ev, side, mon.getSize())
		print("ready")
		local _, side, x, y = os.pullEvent("monitor_touch")
		print("touched", side, x, y)`,
		withMonitors("", computer.PeripheralSpec{Name: "left", Type: "monitor", Arg: "blocks=2x1"}))
	r.WaitOutput(t, "ready")
	screens := r.Computer.Terminal().Screens()
	if len(screens) != 1 || screens[0].Name != "left" {
		t.Fatalf("screens %+v", screens)
	}
	screens[0].Touch(4, 2)
	res := r.Wait(t, 30*time.Second)
	want := "left\t18\t5\nmonitor_resize\tleft\t36\t10\nready\ntouched\tleft\t4\t2\n"
	if res.Status != 0 || res.Stdout != want {
		t.Errorf("status %d, stdout %q, want %q\n%s", res.Status, res.Stdout, want, res.Stderr)
	}
}

// periphemu.remove takes the monitor off the computer's screens.
func TestRemoveHidesScreen(t *testing.T) {
	r := computertest.Start(t, `
		periphemu.create("right", "monitor")
		print("attached")
		os.pullEvent("char")
		periphemu.remove("right")
		print("removed")
		os.pullEvent("char")`, withMonitors(""))
	r.WaitOutput(t, "attached")
	if n := len(r.Computer.Terminal().Screens()); n != 1 {
		t.Fatalf("%d screens", n)
	}
	r.Computer.Queue().PushHost(eventChar())
	r.WaitOutput(t, "removed")
	if n := len(r.Computer.Terminal().Screens()); n != 0 {
		t.Errorf("%d screens after periphemu.remove", n)
	}
	r.Stop()
}

// CraftOS-PC's periphemu.create(side, "monitor", width, height).
func TestCreateWithWidthAndHeight(t *testing.T) {
	res := computertest.Run(t, `
		print(periphemu.create("top", "monitor", 30, 10))
		print(peripheral.call("top", "getSize"))
		print(periphemu.create("left", "monitor", "huge"))`, withMonitors(""))
	want := "true\n30\t10\nfalse\tmonitor: unknown option \"huge\" (want WxH, blocks=WxH, normal or advanced)\n"
	if res.Status != 0 || res.Stdout != want {
		t.Errorf("status %d, stdout %q, want %q\n%s", res.Status, res.Stdout, want, res.Stderr)
	}
}
