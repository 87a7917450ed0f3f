package all

import (
	"maps"

	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/peripheral/drive"
	"github.com/craftos/craftos/internal/peripheral/printer"
	"github.com/craftos/craftos/internal/peripheral/speaker"
)

// Folders are where the file-backed devices keep their files, from the
// CLI's flags; "" keeps the default (internal/peripheral/datadir).
type Folders struct {
	Disks      string // --disks-dir: floppies, a folder per disk id
	Printouts  string // --printer-dir: each printed page as a text file
	SpeakerWAV string // --speaker-wav: every speaker's audio, <side>.wav
}

// With is Types with the drive, printer and speaker using f's folders.
// With a speaker folder, every speaker records its audio there; without,
// only those periphemu names a file for do.
func With(f Folders) map[string]peripheral.Factory {
	types := maps.Clone(Types)
	if f.Disks != "" {
		types["drive"] = drive.New(drive.Options{Disks: f.Disks})
	}
	if f.Printouts != "" {
		types["printer"] = printer.New(printer.Options{Dir: f.Printouts})
	}
	if f.SpeakerWAV != "" {
		types["speaker"] = speaker.New(speaker.Options{Dir: f.SpeakerWAV, All: true})
	}
	return types
}
