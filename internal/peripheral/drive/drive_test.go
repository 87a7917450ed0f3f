package drive_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/peripheral/drive"
)

// withDrives gives the computer drives whose floppies live in disks.
func withDrives(disks string, specs ...computer.PeripheralSpec) computertest.Option {
	return computertest.Devices("drive", drive.New(drive.Options{Disks: disks}), specs...)
}

func run(t *testing.T, disks, src string, specs ...computer.PeripheralSpec) string {
	t.Helper()
	res := computertest.Run(t, src, withDrives(disks, specs...))
	if res.Err != nil || res.Stderr != "" {
		t.Fatalf("err %v, stdout:\n%s\nstderr:\n%s", res.Err, res.Stdout, res.Stderr)
	}
	return res.Stdout
}

func check(t *testing.T, got string, want ...string) {
	t.Helper()
	if w := strings.Join(want, "\n") + "\n"; got != w {
		t.Errorf("got:\n%s\nwant:\n%s", got, w)
	}
}

const show = `
local function show(...)
    local t = table.pack(...)
    for i = 1, t.n do t[i] = tostring(t[i]) end
    print(table.concat(t, " "))
end
`

// An empty drive answers as CC:Tweaked's: nothing present, getAudioTitle
// false; the disk API gives the same through the drive.
func TestEmptyDrive(t *testing.T) {
	src := show + `
local d = peripheral.wrap("left")
show(d.isDiskPresent(), d.getDiskLabel(), d.hasData(), d.getMountPath(), d.hasAudio(), d.getAudioTitle(), d.getDiskID())
show(disk.isPresent("left"), disk.getLabel("left"), disk.hasData("left"), disk.getMountPath("left"), disk.hasAudio("left"), disk.getAudioTitle("left"), disk.getID("left"))
d.setDiskLabel("x") d.ejectDisk() d.playAudio() d.stopAudio()
show(table.concat(peripheral.getMethods("left"), ","))
`
	check(t, run(t, t.TempDir(), src, computer.PeripheralSpec{Name: "left", Type: "drive"}),
		"false nil false nil false false nil",
		"false nil false nil false false nil",
		"ejectDisk,getAudioTitle,getDiskID,getDiskLabel,getMountPath,hasAudio,hasData,insertDisk,isDiskPresent,playAudio,setDiskLabel,stopAudio",
	)
}

// A numbered floppy: inserting it mounts <disks>/<id> at /disk with a
// "disk" event; files written there land in the host folder; a second
// drive's floppy goes to /disk2; ejecting unmounts with "disk_eject".
func TestFloppyMountsAndEvents(t *testing.T) {
	disks := t.TempDir()
	computertest.WriteFile(t, disks, "9/readme.txt", "on disk 9")
	src := show + `
local d = peripheral.wrap("left")
d.insertDisk(3)
show(os.pullEvent())
show(d.isDiskPresent(), d.hasData(), d.getMountPath(), d.getDiskID(), d.getDiskLabel(), d.getAudioTitle())
local f = fs.open("disk/hello.txt", "w") f.write("hi") f.close()
d.setDiskLabel("My Disk")
show(disk.getLabel("left"), disk.getID("left"))
periphemu.create("right", "drive", 9)
show(os.pullEvent())
show(disk.getMountPath("right"), fs.exists("disk2/readme.txt"))
d.ejectDisk()
show(os.pullEvent())
show(fs.exists("disk"), fs.exists("disk/hello.txt"), d.isDiskPresent(), d.getMountPath())
d.insertDisk(3)
show(os.pullEvent())
show(d.getMountPath(), d.getDiskLabel(), fs.exists("disk/hello.txt"))
d.setDiskLabel()
show(d.getDiskLabel())
d.insertDisk(4)
show(os.pullEvent())
show(os.pullEvent())
show(d.getDiskID(), d.getMountPath())
periphemu.remove("right")
show(os.pullEvent())
show(fs.exists("disk2"))
`
	check(t, run(t, disks, src, computer.PeripheralSpec{Name: "left", Type: "drive"}),
		"disk left",
		"true true disk 3 nil nil",
		"My Disk 3",
		"peripheral right",
		"disk2 true",
		"disk_eject left",
		"false false false nil",
		"disk left",
		"disk My Disk true",
		"nil",
		"disk_eject left",
		"disk left",
		"4 disk",
		"peripheral_detach right",
		"false",
	)
	if b, err := os.ReadFile(filepath.Join(disks, "3", "hello.txt")); err != nil || string(b) != "hi" {
		t.Errorf("disks/3/hello.txt: %q, %v", b, err)
	}
}

// A drive made with an argument holds that disk from the start (mounted,
// no event); a new floppy with no argument gets the next free id.
func TestInsertedAtBoot(t *testing.T) {
	disks := t.TempDir()
	computertest.WriteFile(t, disks, "12/x", "")
	src := show + `
show(disk.getID("top"), disk.getMountPath("top"), disk.getID("left"), disk.getMountPath("left"))
local d = peripheral.wrap("back")
d.insertDisk()
show(d.getDiskID(), d.getMountPath())
show(table.concat(fs.list("/"), ","))
`
	got := run(t, disks, src,
		computer.PeripheralSpec{Name: "top", Type: "drive", Arg: "7"},
		computer.PeripheralSpec{Name: "left", Type: "drive", Arg: "12"},
		computer.PeripheralSpec{Name: "back", Type: "drive"},
	)
	check(t, got,
		"7 disk 12 disk2",
		"13 disk3",
		"disk,disk2,disk3,rom",
	)
	if st, err := os.Stat(filepath.Join(disks, "13")); err != nil || !st.IsDir() {
		t.Errorf("disks/13 not made: %v", err)
	}
}

// Music discs: hasAudio, their titles, no mount, a label that cannot be
// changed; named folders inside the disks folder mount, and names leading
// out of it or missing are refused (what the drive held stays).
func TestRecordsAndNamedDisks(t *testing.T) {
	disks := t.TempDir()
	computertest.WriteFile(t, disks, "games/worm.lua", "print('worm')")
	src := show + `
local d = peripheral.wrap("left")
d.insertDisk("record:cat")
show(os.pullEvent())
show(d.isDiskPresent(), d.hasData(), d.hasAudio(), d.getAudioTitle(), d.getDiskLabel(), d.getMountPath(), d.getDiskID())
local function err(f, arg) return (select(2, pcall(f, arg)):gsub("^[^:]*:%d+: ", "")) end
show(err(d.setDiskLabel, "x"))
d.insertDisk("record:my_song")
show(d.getAudioTitle())
d.insertDisk("games")
show(d.hasAudio(), d.getAudioTitle(), d.getMountPath(), d.getDiskLabel(), d.getDiskID(), fs.exists("disk/worm.lua"))
show(err(d.insertDisk, "../outside"))
show(err(d.insertDisk, "/etc"))
show(err(d.insertDisk, "missing"))
show(err(d.insertDisk, {}))
show(err(d.insertDisk, -1))
show(d.getDiskLabel())
show(periphemu.create("right", "drive", {}))
show(periphemu.create("right", "drive", true))
show(periphemu.create("right", "drive", "../x"))
`
	check(t, run(t, disks, src, computer.PeripheralSpec{Name: "left", Type: "drive"}),
		"disk left",
		"true false true C418 - cat C418 - cat nil nil",
		"Disk label cannot be changed",
		"my_song",
		"false nil disk games nil true",
		"Could not mount: Access denied",
		"Could not mount: Access denied",
		"Could not mount: No such file or directory",
		"bad argument #1 (string or number expected, got table)",
		"Could not mount: Invalid disk ID",
		"games",
		"false bad argument #3 (string or number expected, got table)",
		"false bad argument #3 (string or number expected, got boolean)",
		"false Could not mount: Access denied",
	)
}

// The ROM's programs with drives attached: eject, dj (play, no disc,
// stop) and drive on a floppy.
func TestDrivePrograms(t *testing.T) {
	disks := t.TempDir()
	src := `
shell.run("eject left")
shell.run("dj")
periphemu.create("right", "drive", "record:far")
shell.run("dj play")
shell.run("dj play left")
shell.run("dj stop")
shell.run("eject right")
print(os.pullEvent("disk_eject"))
peripheral.call("left", "insertDisk", 1)
shell.run("drive disk")
shell.run("eject left")
print(disk.isPresent("left"))
`
	got := run(t, disks, src, computer.PeripheralSpec{Name: "left", Type: "drive"})
	lines := strings.Split(got, "\n")
	want := []string{
		"Nothing in left drive",
		"No Music Discs in attached disk drives",
		"Playing C418 - far",
		"No Music Disc in disk drive: left",
		"disk_eject\tright",
	}
	if len(lines) < len(want)+2 || !slices.Equal(lines[:len(want)], want) {
		t.Fatalf("got:\n%s", got)
	}
	// drive names the floppy's drive and the space left on it.
	if !strings.HasPrefix(lines[len(want)], "left (") || !strings.HasSuffix(lines[len(want)], "remaining)") {
		t.Errorf("drive: %q", lines[len(want)])
	}
	if lines[len(want)+1] != "false" {
		t.Errorf("after eject: %q", lines[len(want)+1])
	}
}
