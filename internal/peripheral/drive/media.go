package drive

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/craftos/craftos/internal/peripheral"
)

// media is what a drive holds: a floppy (a host folder, by disk id or by
// name) or a music disc.
type media struct {
	id     int    // a numbered floppy's id; -1 for others
	dir    string // the floppy's host folder; "" for a music disc
	record string // a music disc's name ("cat"); "" for a floppy
}

func (m *media) audio() bool { return m.dir == "" }

// Records are the music discs of Minecraft, by the name CraftOS-PC's
// insertDisk("record:NAME") takes, with the title CC:Tweaked's
// getAudioTitle gives (the disc's description).
var Records = map[string]string{
	"13":                "C418 - 13",
	"cat":               "C418 - cat",
	"blocks":            "C418 - blocks",
	"chirp":             "C418 - chirp",
	"far":               "C418 - far",
	"mall":              "C418 - mall",
	"mellohi":           "C418 - mellohi",
	"stal":              "C418 - stal",
	"strad":             "C418 - strad",
	"ward":              "C418 - ward",
	"11":                "C418 - 11",
	"wait":              "C418 - wait",
	"otherside":         "Lena Raine - otherside",
	"pigstep":           "Lena Raine - Pigstep",
	"5":                 "Samuel Åberg - 5",
	"relic":             "Aaron Cherof - Relic",
	"creator":           "Lena Raine - Creator",
	"creator_music_box": "Lena Raine - Creator (Music Box)",
	"precipice":         "Aaron Cherof - Precipice",
}

// title is a music disc's title: a known disc's, else its name.
func (m *media) title() string {
	if t, ok := Records[m.record]; ok {
		return t
	}
	return m.record
}

// floppy is the numbered floppy id, its folder under disks made if
// missing (CraftOS-PC's computer/disk/<id>).
func floppy(disks string, id int) (*media, error) {
	if id < 0 {
		return nil, errors.New("Could not mount: Invalid disk ID")
	}
	dir := filepath.Join(disks, strconv.Itoa(id))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("Could not mount: %v", pathError(err))
	}
	return &media{id: id, dir: dir}, nil
}

// named is insertDisk's string form: "record:NAME" is a music disc, any
// other string a folder inside the disks folder (which must exist; Lua
// programs get no host paths).
func named(disks, s string) (*media, error) {
	if name, ok := strings.CutPrefix(s, "record:"); ok {
		if name == "" {
			return nil, errors.New("Could not mount: No such record")
		}
		return &media{id: -1, record: name}, nil
	}
	clean, ok := peripheral.LocalPath(s)
	if !ok {
		return nil, errors.New("Could not mount: Access denied")
	}
	dir := filepath.Join(disks, clean)
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("Could not mount: %v", pathError(err))
	}
	if !st.IsDir() {
		return nil, errors.New("Could not mount: Not a directory")
	}
	return &media{id: -1, dir: dir}, nil
}

// nextID is one more than the highest numbered floppy in disks (0 for the
// first), as a new floppy gets a fresh id.
func nextID(disks string) int {
	entries, _ := os.ReadDir(disks)
	next := 0
	for _, e := range entries {
		if n, err := strconv.Atoi(e.Name()); err == nil && e.IsDir() && n >= next {
			next = n + 1
		}
	}
	return next
}

// pathError is the reason of a file error, without the host path.
func pathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	s := err.Error()
	if s != "" {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// labelFile holds a floppy's label beside its folder (disks/<id>.label),
// so it stays with the disk across ejects and runs as an item's does.
func (m *media) labelFile() string {
	if m.dir == "" {
		return ""
	}
	return m.dir + ".label"
}

// label is the disk's label: a music disc's title; a floppy's stored
// label, or for a named folder its name (as CraftOS-PC labels them).
func (m *media) label() (string, bool) {
	if m.audio() {
		return m.title(), true
	}
	if b, err := os.ReadFile(m.labelFile()); err == nil {
		return string(b), true
	}
	if m.id < 0 {
		return filepath.Base(m.dir), true
	}
	return "", false
}

// setLabel stores or (with "") clears a floppy's label.
func (m *media) setLabel(label string) error {
	if label == "" {
		err := os.Remove(m.labelFile())
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	return os.WriteFile(m.labelFile(), []byte(label), 0o644)
}
