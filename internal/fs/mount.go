package fs

import "errors"

// Mount makes hostDir visible at path inside the computer.
func (f *FS) Mount(path, hostDir string, readOnly bool, drive string) error {
	return errors.New("mounts are not supported yet")
}

// MountFirstFree mounts hostDir at base, or base2, base3, ... whichever is
// free first, and returns the path used.
func (f *FS) MountFirstFree(base, hostDir string, readOnly bool, drive string) (string, error) {
	return "", errors.New("mounts are not supported yet")
}

// Unmount removes the mount at path.
func (f *FS) Unmount(path string) {}
