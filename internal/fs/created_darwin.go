package fs

import (
	iofs "io/fs"
	"syscall"
)

// created is the file's birth time in ms.
func created(st iofs.FileInfo, modified float64) float64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return float64(s.Birthtimespec.Sec*1000 + s.Birthtimespec.Nsec/1e6)
	}
	return modified
}
