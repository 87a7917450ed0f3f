// Package datadir is where emulated hardware keeps its files by default:
// floppies, printouts and speaker recordings, under craftos's folder in
// the user's data directory ($XDG_DATA_HOME/craftos, ~/.local/share/craftos;
// the OS's application-data folder elsewhere; the temp dir as a last
// resort). The CLI's flags (--disks-dir, --printer-dir, --speaker-wav)
// replace these.
package datadir

import (
	"os"
	"path/filepath"
	"runtime"
)

// Path is name inside craftos's data folder (nothing is created).
func Path(name string) string {
	return filepath.Join(base(), "craftos", name)
}

func base() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share")
		}
	}
	if d, err := os.UserConfigDir(); err == nil {
		return d
	}
	return os.TempDir()
}
