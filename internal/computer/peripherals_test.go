package computer_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/vm"
	lua "github.com/yuin/gopher-lua"
)

// probe is a test device: two types, a method echoing its arguments, one
// checking them, one failing, and a log of its attachments.
type probe struct {
	mu   sync.Mutex
	log  []string
	host peripheral.Host
	arg  any
}

func (p *probe) Types() []string { return []string{"probe", "extra"} }

func (p *probe) Attach(h peripheral.Host, name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.log = append(p.log, "attach "+name)
	p.host = h
}

func (p *probe) Detach(h peripheral.Host, name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.log = append(p.log, "detach "+name)
	p.host = nil
}

func (p *probe) events() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.log, ",")
}

// Echo returns its arguments.
func (p *probe) Echo(a vm.Args) int { return a.N() }

// Twice checks a number argument: its errors name argument #1.
func (p *probe) Twice(a vm.Args) int { return a.Return(lua.LNumber(2 * a.Number(1))) }

// Boom fails as a device method does.
func (p *probe) Boom(a vm.Args) int { a.Fail("boom"); return 0 }

// Ping queues an event through the host the probe was attached to.
func (p *probe) Ping(a vm.Args) int {
	p.mu.Lock()
	h := p.host
	p.mu.Unlock()
	h.Queue("probe_ping", a.String(1), h.ID())
	return 0
}

// Arg returns what the factory was given.
func (p *probe) Arg(a vm.Args) int { return a.Return(vm.ToLua(a.L, p.arg)) }

func probeTypes() map[string]peripheral.Factory {
	return map[string]peripheral.Factory{
		"probe": func(arg any) (peripheral.Device, error) { return &probe{arg: arg}, nil },
		"broken": func(arg any) (peripheral.Device, error) {
			return nil, errors.New("cannot make one")
		},
	}
}

func withProbes(specs ...computer.PeripheralSpec) computertest.Option {
	return computertest.Configure(func(c *computer.Config) {
		c.PeripheralTypes = probeTypes()
		c.Peripherals = specs
		c.ID = 7
	})
}

// The native API over the registry, as CC:Tweaked's PeripheralAPI answers:
// sides in any case, several types, nothing for absent names, call's
// errors, and the method's own argument numbers.
func TestPeripheralNatives(t *testing.T) {
	src := `
local function show(...) local t = table.pack(...) for i = 1, t.n do t[i] = tostring(t[i]) end print(table.concat(t, " ")) end
show(peripheral.isPresent("left"), peripheral.isPresent("LEFT"), peripheral.isPresent("right"), peripheral.isPresent("probe_3"))
show(peripheral.getType("left"))
show(peripheral.getType("right"))
show(peripheral.hasType("left", "extra"), peripheral.hasType("left", "monitor"), peripheral.hasType("right", "probe"))
show(table.concat(peripheral.getMethods("left"), ","))
show(peripheral.getMethods("right"))
show(table.concat(peripheral.getNames(), ","))
show(peripheral.call("left", "echo", 1, "two", nil, true))
show(peripheral.call("left", "twice", 21))
show(pcall(peripheral.call, "left", "twice", "x"))
show(pcall(peripheral.call, "left", "boom"))
show(pcall(peripheral.call, "left", "nope"))
show(pcall(peripheral.call, "right", "echo"))
show(pcall(peripheral.isPresent))
show(pcall(peripheral.call, "left"))
local p = peripheral.wrap("probe_3")
show(p.twice(4), peripheral.getName(p), peripheral.getType(p))
show(peripheral.find("extra") ~= nil, select("#", peripheral.find("extra")))
print(select(2, pcall(function() p.boom() end)))
print(select(2, pcall(function() peripheral.call("left", "twice", "x") end)))
print(select(2, pcall(function() peripheral.call("left", "nope") end)))
print(select(2, pcall(function() peripheral.call("right", "echo") end)))
`
	res := computertest.Run(t, src, withProbes(
		computer.PeripheralSpec{Name: "probe_3", Type: "probe"},
		computer.PeripheralSpec{Name: "Left", Type: "probe"},
		computer.PeripheralSpec{Name: "top", Type: "probe"},
	))
	want := strings.Join([]string{
		"true true false true",
		"probe extra",
		"nil",
		"true false nil",
		"arg,boom,echo,ping,twice",
		"nil",
		"top,left,probe_3",
		"1 two nil true",
		"42",
		"false bad argument #1 (number expected, got string)",
		"false boom",
		"false No such method nope",
		"true nil",
		"false bad argument #1 (string expected, got nil)",
		"false bad argument #2 (string expected, got nil)",
		"8 probe_3 probe extra",
		"true 3",
		"test.lua:21: boom",
		"test.lua:22: bad argument #1 (number expected, got string)",
		"test.lua:23: No such method nope",
		"",
	}, "\n") + "\n"
	if res.Stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s\nstderr: %s", res.Stdout, want, res.Stderr)
	}
}

// periphemu.create / remove / names as CraftOS-PC has them, with the
// peripheral and peripheral_detach events and the devices attached to the
// computer's host.
func TestPeriphemu(t *testing.T) {
	src := `
local function show(...) local t = table.pack(...) for i = 1, t.n do t[i] = tostring(t[i]) end print(table.concat(t, " ")) end
show(table.concat(periphemu.names(), ","))
show(periphemu.create("right", "probe"))
show(os.pullEvent("peripheral"))
show(periphemu.create("RIGHT", "probe"))
show(periphemu.create("back", "nosuch"))
show(periphemu.create("back", "broken"))
show(periphemu.create(2, "probe", "hello"))
show(os.pullEvent("peripheral"))
show(periphemu.create("5", "probe", 12))
show(os.pullEvent("peripheral"))
show(peripheral.call("probe_2", "arg"), peripheral.call("probe_5", "arg"))
peripheral.call("right", "ping", "hi")
show(os.pullEvent("probe_ping"))
show(table.concat(peripheral.getNames(), ","))
show(periphemu.remove("right"))
show(os.pullEvent("peripheral_detach"))
show(periphemu.remove("right"))
show(peripheral.isPresent("right"))
show(pcall(periphemu.create, nil, "probe"))
show(pcall(periphemu.create, "left"))
show(pcall(periphemu.remove))
`
	res := computertest.Run(t, src, withProbes())
	want := strings.Join([]string{
		"broken,probe",
		"true",
		"peripheral right",
		"false Peripheral already attached on side right",
		"false No peripheral named nosuch",
		"false cannot make one",
		"true",
		"peripheral probe_2",
		"true",
		"peripheral probe_5",
		"hello 12",
		"probe_ping hi 7",
		"right,probe_2,probe_5",
		"true",
		"peripheral_detach right",
		"false",
		"false",
		"false bad argument #1 (string or number expected, got nil)",
		"false bad argument #2 (string expected, got nil)",
		"false bad argument #1 (string expected, got nil)",
	}, "\n") + "\n"
	if res.Stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s\nstderr: %s", res.Stdout, want, res.Stderr)
	}
}

// A device attached before boot is attached to each boot's host and
// detached when the boot ends (os.reboot attaches it again).
func TestPeripheralAttachedAcrossBoots(t *testing.T) {
	var dev *probe
	types := probeTypes()
	types["probe"] = func(arg any) (peripheral.Device, error) { dev = &probe{}; return dev, nil }
	src := `if fs.exists("rebooted") then print("second") else fs.open("rebooted", "w").close() os.reboot() end`
	res := computertest.Run(t, src, computertest.Configure(func(c *computer.Config) {
		c.PeripheralTypes = types
		c.Peripherals = []computer.PeripheralSpec{{Name: "front", Type: "probe"}}
	}))
	if res.Stdout != "second\n" {
		t.Fatalf("stdout %q stderr %q", res.Stdout, res.Stderr)
	}
	if got, want := dev.events(), "attach front,detach front,attach front,detach front"; got != want {
		t.Errorf("attachments %q, want %q", got, want)
	}
}

// An unknown type in Config.Peripherals stops the run before boot.
func TestPeripheralSpecUnknownType(t *testing.T) {
	res := computertest.Run(t, `print("booted")`, withProbes(computer.PeripheralSpec{Name: "left", Type: "toaster"}))
	if res.Err == nil || !strings.Contains(res.Err.Error(), "No peripheral named toaster") || res.Stdout != "" {
		t.Errorf("err %v stdout %q", res.Err, res.Stdout)
	}
}

// disk is a drive-like test device: attached, it mounts its folder through
// the host (disk, disk2, ...); detached, it unmounts it.
type disk struct {
	dir string
	mu  sync.Mutex
	at  map[peripheral.Host]string
}

func (d *disk) Types() []string { return []string{"disk_test"} }

func (d *disk) Attach(h peripheral.Host, name string) {
	p, err := h.Mount("disk", d.dir, false)
	if err != nil {
		panic(err)
	}
	d.mu.Lock()
	d.at[h] = p
	d.mu.Unlock()
}

func (d *disk) Detach(h peripheral.Host, name string) {
	d.mu.Lock()
	p := d.at[h]
	delete(d.at, h)
	d.mu.Unlock()
	h.Unmount(p)
}

// GetMountPath is where the disk is mounted on the calling computer.
func (d *disk) GetMountPath(a vm.Args) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, p := range d.at {
		return a.Return(lua.LString(p))
	}
	return 0
}

// A device mounts through its host: the first free disk path, named by the
// device's side for fs.getDrive, gone when the device is removed.
func TestPeripheralHostMount(t *testing.T) {
	dirs := []string{t.TempDir(), t.TempDir()}
	computertest.WriteFile(t, dirs[0], "a.txt", "first")
	computertest.WriteFile(t, dirs[1], "b.txt", "second")
	n := 0
	types := map[string]peripheral.Factory{
		"disk_test": func(any) (peripheral.Device, error) {
			d := &disk{dir: dirs[n], at: map[peripheral.Host]string{}}
			n++
			return d, nil
		},
	}
	src := `
print(peripheral.call("left", "getMountPath"), fs.getDrive("disk"), fs.exists("disk/a.txt"))
print(periphemu.create("right", "disk_test"))
print(peripheral.call("right", "getMountPath"), fs.getDrive("disk2"), fs.exists("disk2/b.txt"))
print(table.concat(fs.list("/"), ","))
local h = fs.open("disk2/c.txt", "w") h.write("via the disk") h.close()
print(periphemu.remove("left"), fs.exists("disk"), fs.exists("disk2"))
`
	res := computertest.Run(t, src, computertest.Configure(func(c *computer.Config) {
		c.PeripheralTypes = types
		c.Peripherals = []computer.PeripheralSpec{{Name: "left", Type: "disk_test"}}
	}))
	want := "disk\tleft\ttrue\ntrue\ndisk2\tright\ttrue\ndisk,disk2,rom\ntrue\tfalse\ttrue\n"
	if res.Stdout != want {
		t.Errorf("stdout %q, want %q; stderr %q", res.Stdout, want, res.Stderr)
	}
	if b, err := os.ReadFile(filepath.Join(dirs[1], "c.txt")); err != nil || string(b) != "via the disk" {
		t.Errorf("written to the disk: %q, %v", b, err)
	}
}

// The attach and detach programs (CraftOS-PC's shell commands) over
// periphemu.
func TestAttachDetachPrograms(t *testing.T) {
	src := `
shell.run("attach")
shell.run("attach left probe")
shell.run("attach 4 probe 12")
print(peripheral.getType("left"), peripheral.call("probe_4", "arg"))
shell.run("attach left probe")
shell.run("detach left")
print(peripheral.isPresent("left"))
shell.run("detach left")
`
	res := computertest.Run(t, src, withProbes())
	wantOut := "Usage: attach <side> <type> [argument]\nTypes: broken, probe\nprobe\t12\nfalse\n"
	wantErr := "Peripheral already attached on side left\nNo peripheral attached on left\n"
	if res.Stdout != wantOut || res.Stderr != wantErr {
		t.Errorf("stdout %q, want %q\nstderr %q, want %q", res.Stdout, wantOut, res.Stderr, wantErr)
	}
}
