// Package all is the table of every device type periphemu.create and
// --peripheral can make. The CLI passes it as computer.Config.PeripheralTypes;
// tests of a device package set it themselves (from an external _test
// package: a device's own package cannot import this one).
package all

import (
	"github.com/craftos/craftos/internal/peripheral"
	pcomputer "github.com/craftos/craftos/internal/peripheral/computer"
	"github.com/craftos/craftos/internal/peripheral/datadir"
	"github.com/craftos/craftos/internal/peripheral/drive"
	"github.com/craftos/craftos/internal/peripheral/modem"
	"github.com/craftos/craftos/internal/peripheral/monitor"
	"github.com/craftos/craftos/internal/peripheral/printer"
	"github.com/craftos/craftos/internal/peripheral/speaker"
)

// Types maps a type name to its Factory. One line per type; never mutated.
var Types = map[string]peripheral.Factory{
	"computer": pcomputer.Factory, // a world replaces it (and "modem") with its own
	"drive":    drive.New(drive.Options{Disks: datadir.Path("disks")}),
	"modem":    modem.Factory,
	"monitor":  monitor.New,
	"printer":  printer.New(printer.Options{Dir: datadir.Path("printouts")}),
	"speaker":  speaker.New(speaker.Options{Dir: datadir.Path("speaker")}),
}
