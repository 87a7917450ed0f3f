package computer

import (
	"slices"
	"sync"

	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/fs"
	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/vm"
)

// PeripheralSpec is a device attached before boot (--peripheral
// SIDE=TYPE[:ARG]): Name is a side or a network name, Type a key of
// Config.PeripheralTypes, Arg the factory's argument (nil for none).
type PeripheralSpec struct {
	Name string
	Type string
	Arg  any
}

// attached is one device on a computer, with its methods found once.
type attached struct {
	dev     peripheral.Device
	methods map[string]vm.Fn
	names   []string // sorted method names, for getMethods
}

// peripherals is a computer's registry of attached devices: the six sides
// and any other names (CraftOS-PC attaches "monitor_1" and the like
// directly). It outlives boots; devices are attached to each boot's host
// (Attachable.Attach) while it runs, as CC:Tweaked attaches its
// peripherals at startup and detaches them at shutdown.
type peripherals struct {
	mu   sync.Mutex
	devs map[string]*attached
	boot *peripheralHost // the running boot's, nil between boots
}

func newPeripherals() *peripherals {
	return &peripherals{devs: map[string]*attached{}}
}

// canonical names a side as CC:Tweaked reads sides (ComputerSide.
// valueOfInsensitive: any case); other names are kept as given.
func canonical(name string) string {
	for _, side := range sides {
		if asciiEqualFold(name, side) {
			return side
		}
	}
	return name
}

// get is the device attached under name, nil when none is.
func (p *peripherals) get(name string) *attached {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.devs[canonical(name)]
}

// attach puts dev under name, attaches it to the running boot and queues
// "peripheral"; false when the name is taken.
func (p *peripherals) attach(name string, dev peripheral.Device) bool {
	name = canonical(name)
	methods := vm.Functions(dev)
	names := make([]string, 0, len(methods))
	for n := range methods {
		names = append(names, n)
	}
	slices.Sort(names)
	p.mu.Lock()
	if _, taken := p.devs[name]; taken {
		p.mu.Unlock()
		return false
	}
	p.devs[name] = &attached{dev: dev, methods: methods, names: names}
	boot := p.boot
	p.mu.Unlock()
	if boot != nil {
		if a, ok := dev.(peripheral.Attachable); ok {
			a.Attach(boot.named(name), name)
		}
		boot.Queue("peripheral", name)
	}
	return true
}

// detach removes the device under name, detaching it from the running boot
// and queueing "peripheral_detach"; false when there was none.
func (p *peripherals) detach(name string) bool {
	name = canonical(name)
	p.mu.Lock()
	at, ok := p.devs[name]
	delete(p.devs, name)
	boot := p.boot
	p.mu.Unlock()
	if !ok {
		return false
	}
	if boot != nil {
		if a, ok := at.dev.(peripheral.Attachable); ok {
			a.Detach(boot.named(name), name)
		}
		boot.Queue("peripheral_detach", name)
	}
	return true
}

// start attaches every device to a boot's host (no events: they were
// there before the boot began).
func (p *peripherals) start(boot *peripheralHost) {
	p.mu.Lock()
	p.boot = boot
	devs := p.snapshot()
	p.mu.Unlock()
	for _, name := range sortedNames(devs) {
		if a, ok := devs[name].dev.(peripheral.Attachable); ok {
			a.Attach(boot.named(name), name)
		}
	}
}

// stop detaches every device from the ending boot.
func (p *peripherals) stop() {
	p.mu.Lock()
	boot := p.boot
	p.boot = nil
	devs := p.snapshot()
	p.mu.Unlock()
	if boot == nil {
		return
	}
	for _, name := range sortedNames(devs) {
		if a, ok := devs[name].dev.(peripheral.Attachable); ok {
			a.Detach(boot.named(name), name)
		}
	}
}

func (p *peripherals) snapshot() map[string]*attached {
	devs := make(map[string]*attached, len(p.devs))
	for k, v := range p.devs {
		devs[k] = v
	}
	return devs
}

// names lists what is attached: the sides in CC:Tweaked's order, then the
// other names sorted.
func (p *peripherals) names() []string {
	p.mu.Lock()
	devs := p.snapshot()
	p.mu.Unlock()
	return sortedNames(devs)
}

func sortedNames(devs map[string]*attached) []string {
	var out, others []string
	for _, side := range sides {
		if _, ok := devs[side]; ok {
			out = append(out, side)
		}
	}
	for name := range devs {
		if !slices.Contains(sides, name) {
			others = append(others, name)
		}
	}
	slices.Sort(others)
	return append(out, others...)
}

// peripheralHost is a computer as one of its devices sees it
// (peripheral.Host): each device gets its own, named by where it is
// attached, which names the drive of what it mounts (fs.getDrive of a disk
// is its drive's side, as in CC:Tweaked). Equal values are the same host.
type peripheralHost struct {
	c    *Computer
	fsys *fs.FS // the boot's filesystem
	boot *Host  // the boot's host, for Hold and Release
	name string // the device's side or network name
}

// named is the host a device attached under name sees.
func (h *peripheralHost) named(name string) peripheralHost {
	return peripheralHost{c: h.c, fsys: h.fsys, boot: h.boot, name: name}
}

func (h peripheralHost) ID() int { return h.c.cfg.ID }

// Queue queues a device's event as a host source, so it is never dropped
// and wakes a waiting computer.
func (h peripheralHost) Queue(name string, args ...any) {
	h.c.queue.PushHost(events.Event{Name: name, Args: args, Source: events.SourcePeripheral})
}

// Mount mounts hostDir at the first free path made from base: base, then
// base2, base3, ... (CC:Tweaked's disk, disk2, ...).
func (h peripheralHost) Mount(base, hostDir string, readOnly bool) (string, error) {
	return h.fsys.MountFirstFree(base, hostDir, readOnly, h.name)
}

// Unmount removes a mount made by Mount.
func (h peripheralHost) Unmount(path string) { h.fsys.Unmount(path) }

// Hold and Release are Host's, for a device whose event is still to come
// (a speaker's waiting buffer): a virtual clock keeps real speed meanwhile.
func (h peripheralHost) Hold()    { h.boot.Hold() }
func (h peripheralHost) Release() { h.boot.Release() }
