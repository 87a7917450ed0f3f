package computer

import (
	"fmt"

	"github.com/craftos/craftos/internal/fs"
	"github.com/craftos/craftos/internal/peripheral"
)

// Mount is a host folder inside the computer (--mount /NAME=DIR[:ro]),
// under the same sandbox rules as the root.
type Mount struct {
	Path     string // where, inside the computer ("data", "src/lib")
	Dir      string // the host folder
	ReadOnly bool
}

// mountAll makes the configured mounts in a boot's filesystem.
func (c *Computer) mountAll(fsys *fs.FS) error {
	for _, m := range c.cfg.Mounts {
		if err := fsys.Mount(m.Path, m.Dir, m.ReadOnly, ""); err != nil {
			return fmt.Errorf("mount %s: %w", m.Dir, err)
		}
	}
	return nil
}

// attachConfigured makes and attaches Config.Peripherals, once, before the
// first boot.
func (c *Computer) attachConfigured() error {
	for _, spec := range c.cfg.Peripherals {
		factory, ok := c.cfg.PeripheralTypes[spec.Type]
		if !ok {
			return fmt.Errorf("peripheral %s: No peripheral named %s", spec.Name, spec.Type)
		}
		dev, err := factory(spec.Arg)
		if err != nil {
			return fmt.Errorf("peripheral %s: %w", spec.Name, err)
		}
		if !c.periph.attach(spec.Name, dev) {
			return fmt.Errorf("peripheral %s: Peripheral already attached on side %s", spec.Name, canonical(spec.Name))
		}
	}
	return nil
}

// Attach puts a device on the computer under a side or a network name, as
// periphemu.create does: attached to the running boot with a "peripheral"
// event, or at the next boot. False when the name is taken. Call it before
// Run or from the computer's own goroutine (a native), where devices expect
// their Attach and Detach.
func (c *Computer) Attach(name string, dev peripheral.Device) bool {
	return c.periph.attach(name, dev)
}

// Detach removes the device under a name, as periphemu.remove does.
func (c *Computer) Detach(name string) bool { return c.periph.detach(name) }
