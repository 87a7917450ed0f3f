//go:build !darwin && !windows

package fs

import iofs "io/fs"

// created is the creation time in ms; where the host's stat has none, the
// modification time stands in (as Java does on such systems).
func created(_ iofs.FileInfo, modified float64) float64 { return modified }
