// Package all is the table of every device type periphemu.create and
// --peripheral can make. The CLI passes it as computer.Config.PeripheralTypes;
// tests of a device package set it themselves (from an external _test
// package: a device's own package cannot import this one).
package all

import (
	"github.com/craftos/craftos/internal/peripheral"
)

// Types maps a type name to its Factory. One line per type; never mutated.
var Types = map[string]peripheral.Factory{}
