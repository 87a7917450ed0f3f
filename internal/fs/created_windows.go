package fs

import (
	iofs "io/fs"
	"syscall"
)

// created is the file's creation time in ms.
func created(st iofs.FileInfo, modified float64) float64 {
	if d, ok := st.Sys().(*syscall.Win32FileAttributeData); ok {
		return float64(d.CreationTime.Nanoseconds() / 1e6)
	}
	return modified
}
