// Package peripheral is what can be attached to a computer: a Device on
// one of its six sides (or on a wired network, by name), put there by
// periphemu.create, the --peripheral flag, or a test. Each kind of device
// lives in its own package below this one (monitor, drive, printer,
// speaker, modem, computer); the computer's peripheral API and periphemu
// reach them only through the types here.
package peripheral

// Device is one attached peripheral. Its Lua methods — what
// peripheral.call, getMethods and wrap see — are its exported methods of
// type func(vm.Args) int, named by lowering their first letter, found with
// vm.Functions as for every native API. A method's arguments are its own:
// a.String(1) is the first argument after the method's name, so errors
// read "bad argument #1 (...)" as CC:Tweaked's do.
type Device interface {
	// Types is the device's type, then any further types it has
	// (peripheral.getType returns them all, hasType checks each).
	Types() []string
}

// Attachable is a Device that wants to know the computers it is attached
// to (to queue events on them, mount a disk, draw a screen). Attach and
// Detach are called on the computer's own goroutine; a device may attach
// to several computers at once (a monitor between two), each with its own
// Host and name.
type Attachable interface {
	Device
	Attach(h Host, name string)
	Detach(h Host, name string)
}

// Host is a computer as a device sees it. Its methods may be called from
// any goroutine.
type Host interface {
	// ID is the computer's id (os.getComputerID).
	ID() int
	// Queue queues an event on the computer, as a host source
	// (monitor_touch, disk, speaker_audio_empty, modem_message, ...).
	Queue(name string, args ...any)
	// Mount makes hostDir visible in the computer at the first free
	// mount path made from base ("disk", then "disk2", ...), read-only or
	// not, under the root's sandbox rules; it returns the path used
	// (without a leading slash). Unmount removes it.
	Mount(base, hostDir string, readOnly bool) (string, error)
	Unmount(path string)
}

// Factory makes a device of one type, for periphemu.create(side, type
// [, arg]) and --peripheral SIDE=TYPE[:ARG]. arg is nil when none was
// given; from the command line it is a string. An error is the message
// periphemu.create returns.
type Factory func(arg any) (Device, error)
