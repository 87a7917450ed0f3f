package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/craftos/craftos/internal/peripheral/all"
)

// addFolderFlags adds the folders the drive, printer and speaker keep
// their files in.
func addFolderFlags(f *pflag.FlagSet, o *all.Folders) {
	f.StringVar(&o.Disks, "disks-dir", "", "the `DIR` holding floppy disks: drive.insertDisk(ID) mounts DIR/ID, insertDisk(\"NAME\") DIR/NAME (default ~/.local/share/craftos/disks)")
	f.StringVar(&o.Printouts, "printer-dir", "", "the `DIR` printers write each finished page into, as a text file (default ~/.local/share/craftos/printouts)")
	f.StringVar(&o.SpeakerWAV, "speaker-wav", "", "write every speaker's audio into `DIR` as SIDE.wav (8-bit mono 48 kHz); without it, only a speaker created with a file name records")
}

// absFolders makes the folders given absolute now, so a later change of
// directory cannot move them.
func absFolders(o all.Folders) (all.Folders, error) {
	for _, p := range []*string{&o.Disks, &o.Printouts, &o.SpeakerWAV} {
		if *p == "" {
			continue
		}
		abs, err := filepath.Abs(*p)
		if err != nil {
			return o, fmt.Errorf("%s: %w", *p, err)
		}
		*p = abs
	}
	return o, nil
}
