// Package computer is CC:Tweaked's "computer" peripheral: another computer
// seen from this one (a computer next to it, one on a cable, or one
// periphemu.create(id, "computer") started), which it can turn on, shut
// down, reboot and ask for its ID and label.
package computer

import (
	"errors"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/vm"
)

// Target is the computer a peripheral controls. Its methods may be called
// from any goroutine (the calling computer's).
type Target interface {
	ID() int
	// IsOn is whether it is running.
	IsOn() bool
	// Label is its label; ok is false when it has none.
	Label() (label string, ok bool)
	// TurnOn boots it when it is off.
	TurnOn()
	// Shutdown turns it off.
	Shutdown()
	// Reboot restarts it, or turns it on when it is off.
	Reboot()
}

// Device is the peripheral over a Target; its methods are
// CC:Tweaked's ComputerPeripheral's.
type Device struct{ T Target }

// Types is "computer".
func (Device) Types() []string { return []string{"computer"} }

// TurnOn turns the computer on.
func (d Device) TurnOn(a vm.Args) int { d.T.TurnOn(); return 0 }

// Shutdown turns the computer off.
func (d Device) Shutdown(a vm.Args) int { d.T.Shutdown(); return 0 }

// Reboot reboots the computer, or turns it on.
func (d Device) Reboot(a vm.Args) int { d.T.Reboot(); return 0 }

// GetID is the computer's ID.
func (d Device) GetID(a vm.Args) int { return a.Return(lua.LNumber(d.T.ID())) }

// IsOn is whether the computer is running.
func (d Device) IsOn(a vm.Args) int { return a.Return(lua.LBool(d.T.IsOn())) }

// GetLabel is the computer's label, nil when it has none.
func (d Device) GetLabel(a vm.Args) int {
	if l, ok := d.T.Label(); ok {
		return a.Return(lua.LString(l))
	}
	return a.Return(lua.LNil)
}

// Factory is the "computer" type outside a world of computers, which has
// none to reach; a world (internal/world) replaces it with its own.
func Factory(arg any) (peripheral.Device, error) {
	return nil, errors.New("no other computers here: computer peripherals need craftos's world of computers")
}
