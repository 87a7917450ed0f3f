// Package drive is CC:Tweaked's disk drive, with CraftOS-PC's insertDisk.
// A floppy is a host folder: insertDisk(id) uses <disks>/<id> (made if
// missing), insertDisk("name") an existing folder <disks>/name, and
// insertDisk("record:cat") a music disc. A floppy is mounted in every
// computer the drive is attached to at disk, disk2, ... with a "disk"
// event; ejecting it unmounts it with "disk_eject".
package drive

import (
	"fmt"
	"strconv"
	"sync"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/vm"
)

// Options configure the drives a factory makes.
type Options struct {
	// Disks is the folder holding the floppies: one folder per disk id,
	// and any named ones.
	Disks string
}

// New is the factory for "drive": arg, when given, is inserted as
// insertDisk's argument (a disk id, a folder name, "record:NAME").
func New(opts Options) peripheral.Factory {
	return func(arg any) (peripheral.Device, error) {
		d := NewDrive(opts.Disks)
		if arg == nil {
			return d, nil
		}
		m, err := d.mediaFor(arg)
		if err != nil {
			return nil, err
		}
		d.media = m
		return d, nil
	}
}

// attachment is one computer the drive is attached to, and where the
// floppy is mounted there ("" when not).
type attachment struct {
	host  peripheral.Host
	name  string
	mount string
}

// Drive is one disk drive.
type Drive struct {
	disks string

	mu      sync.Mutex
	media   *media
	hosts   []*attachment
	playing bool // a music disc was started and not stopped
}

// NewDrive makes an empty drive whose floppies live in disks.
func NewDrive(disks string) *Drive { return &Drive{disks: disks} }

// Types is "drive".
func (d *Drive) Types() []string { return []string{"drive"} }

// Attach mounts the floppy the drive holds (no event: it was there).
func (d *Drive) Attach(h peripheral.Host, name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	at := &attachment{host: h, name: name}
	d.hosts = append(d.hosts, at)
	if d.media != nil && !d.media.audio() {
		at.mount, _ = h.Mount("disk", d.media.dir, false)
	}
}

// Detach unmounts the floppy from that computer.
func (d *Drive) Detach(h peripheral.Host, name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i, at := range d.hosts {
		if at.host == h && at.name == name {
			if at.mount != "" {
				h.Unmount(at.mount)
			}
			d.hosts = append(d.hosts[:i], d.hosts[i+1:]...)
			return
		}
	}
}

// mediaFor reads insertDisk's argument: a number is a disk id, a string a
// folder name or "record:NAME", nil a new floppy.
func (d *Drive) mediaFor(arg any) (*media, error) {
	switch v := arg.(type) {
	case nil:
		return floppy(d.disks, nextID(d.disks))
	case float64:
		return floppy(d.disks, int(v))
	case int:
		return floppy(d.disks, v)
	case lua.LNumber:
		return floppy(d.disks, int(v))
	case string:
		return d.named(v)
	case lua.LString:
		return d.named(string(v))
	}
	return nil, fmt.Errorf("bad argument #3 (string or number expected, got %s)", peripheral.ArgType(arg))
}

// named is a string argument: a number in text (from the command line,
// or as CraftOS-PC's lua_isnumber takes it) is a disk id.
func (d *Drive) named(s string) (*media, error) {
	if id, err := strconv.Atoi(s); err == nil {
		return floppy(d.disks, id)
	}
	return named(d.disks, s)
}

// insert puts m in the drive (ejecting what was there), mounts a floppy
// in every attached computer and queues "disk" on each. A floppy that
// cannot be mounted is not inserted. Called with d.mu held.
func (d *Drive) insert(m *media) error {
	d.eject()
	if !m.audio() {
		for _, at := range d.hosts {
			path, err := at.host.Mount("disk", m.dir, false)
			if err != nil {
				d.unmountAll()
				return fmt.Errorf("Could not mount: %v", err)
			}
			at.mount = path
		}
	}
	d.media = m
	for _, at := range d.hosts {
		at.host.Queue("disk", at.name)
	}
	return nil
}

// unmountAll removes the floppy's mounts. Called with d.mu held.
func (d *Drive) unmountAll() {
	for _, at := range d.hosts {
		if at.mount != "" {
			at.host.Unmount(at.mount)
			at.mount = ""
		}
	}
}

// eject takes the media out: unmounted, "disk_eject" on each computer.
// Called with d.mu held.
func (d *Drive) eject() {
	if d.media == nil {
		return
	}
	d.media = nil
	d.playing = false
	d.unmountAll()
	for _, at := range d.hosts {
		at.host.Queue("disk_eject", at.name)
	}
}

// InsertDisk is CraftOS-PC's: a disk id (a number), a folder name inside
// the disks folder, or "record:NAME" for a music disc; nil inserts a new
// floppy. What the drive held is ejected first.
func (d *Drive) InsertDisk(a vm.Args) int {
	var arg any
	switch v := a.Value(1).(type) {
	case *lua.LNilType:
	case lua.LNumber:
		arg = float64(a.FiniteNumber(1))
	case lua.LString:
		arg = string(v)
	default:
		a.TypeError(1, "string or number")
	}
	m, err := d.mediaFor(arg)
	if err == nil {
		d.mu.Lock()
		err = d.insert(m)
		d.mu.Unlock()
	}
	if err != nil {
		a.Fail("%s", err.Error())
	}
	return 0
}

// IsDiskPresent is whether the drive holds anything.
func (d *Drive) IsDiskPresent(a vm.Args) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return a.Return(lua.LBool(d.media != nil))
}

// GetDiskLabel is the disk's label, nil when empty or unlabelled.
func (d *Drive) GetDiskLabel(a vm.Args) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.media == nil {
		return a.Return(lua.LNil)
	}
	if l, ok := d.media.label(); ok {
		return a.Return(lua.LString(l))
	}
	return a.Return(lua.LNil)
}

// SetDiskLabel sets or (with nil) clears a floppy's label, normalised as
// CC:Tweaked does; a music disc's cannot be changed.
func (d *Drive) SetDiskLabel(a vm.Args) int {
	label := peripheral.NormaliseLabel(a.OptString(1, ""))
	d.mu.Lock()
	m := d.media
	d.mu.Unlock()
	if m == nil {
		return 0
	}
	if m.audio() {
		a.Fail("Disk label cannot be changed")
	}
	if err := m.setLabel(label); err != nil {
		a.Fail("%s", pathError(err))
	}
	return 0
}

// HasData is whether a floppy (a mount) is inserted.
func (d *Drive) HasData(a vm.Args) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return a.Return(lua.LBool(d.mountPath() != ""))
}

// GetMountPath is where the floppy is mounted, nil with none.
func (d *Drive) GetMountPath(a vm.Args) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.mountPath(); p != "" {
		return a.Return(lua.LString(p))
	}
	return a.Return(lua.LNil)
}

// mountPath is the floppy's mount in the first computer that has it (a
// drive is nearly always attached to one). Called with d.mu held.
func (d *Drive) mountPath() string {
	for _, at := range d.hosts {
		if at.mount != "" {
			return at.mount
		}
	}
	return ""
}

// HasAudio is whether a music disc is inserted.
func (d *Drive) HasAudio(a vm.Args) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return a.Return(lua.LBool(d.media != nil && d.media.audio()))
}

// GetAudioTitle is the music disc's title: false when the drive is empty,
// nil when it holds a floppy.
func (d *Drive) GetAudioTitle(a vm.Args) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case d.media == nil:
		return a.Return(lua.LFalse)
	case d.media.audio():
		return a.Return(lua.LString(d.media.title()))
	}
	return a.Return(lua.LNil)
}

// PlayAudio starts the music disc. Nothing is heard: craftos has no
// Minecraft records to play.
func (d *Drive) PlayAudio(a vm.Args) int {
	d.mu.Lock()
	d.playing = d.media != nil && d.media.audio()
	d.mu.Unlock()
	return 0
}

// StopAudio stops it.
func (d *Drive) StopAudio(a vm.Args) int {
	d.mu.Lock()
	d.playing = false
	d.mu.Unlock()
	return 0
}

// Playing is whether a music disc was started and not stopped (for tests).
func (d *Drive) Playing() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.playing
}

// EjectDisk ejects what the drive holds, if anything.
func (d *Drive) EjectDisk(a vm.Args) int {
	d.mu.Lock()
	d.eject()
	d.mu.Unlock()
	return 0
}

// GetDiskID is a numbered floppy's id, nil otherwise.
func (d *Drive) GetDiskID(a vm.Args) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.media == nil || d.media.id < 0 {
		return a.Return(lua.LNil)
	}
	return a.Return(lua.LNumber(d.media.id))
}

var _ peripheral.Attachable = (*Drive)(nil)
