package fs

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

// hostMount is a host folder in the computer: its own folder at the root,
// or one mounted inside it (--mount, a disk in a drive). Each is reached
// only through its own os.Root, so no path or symlink leads out of it, and
// each writable one has its own quota.
type hostMount struct {
	path     string // where it is mounted, sanitised ("" for the root)
	root     *os.Root
	readOnly bool
	drive    string // fs.getDrive's answer
	quota    quota
}

// Mount makes hostDir visible at path inside the computer, read-only or
// not, under the root's sandbox rules. drive is what fs.getDrive says of
// it; "" names it by its path. A writable mount has the root folder's
// capacity and counts its own space. Paths are refused at the root, in
// /rom, above the root, and where something is mounted already.
func (f *FS) Mount(path, hostDir string, readOnly bool, drive string) error {
	s := Sanitize(path, false)
	switch {
	case s == "" || escapes(s):
		return fail(s, errInvalidPath)
	case strings.EqualFold(strings.Split(s, "/")[0], "rom") && f.rom != nil:
		return fail(s, errAccessDenied)
	}
	st, err := os.Stat(hostDir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s: not a directory", hostDir)
	}
	r, err := os.OpenRoot(hostDir)
	if err != nil {
		return err
	}
	if drive == "" {
		drive = s
	}
	m := &hostMount{path: s, root: r, readOnly: readOnly, drive: drive}
	m.quota.capacity = f.main.quota.capacity
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, other := range f.mounts {
		if strings.EqualFold(other.path, s) {
			r.Close()
			return fail(s, errFileExists)
		}
	}
	f.mounts = append(f.mounts, m)
	// Longest first, so a mount inside another is found before it.
	slices.SortFunc(f.mounts, func(a, b *hostMount) int { return len(b.path) - len(a.path) })
	return nil
}

// MountFirstFree mounts hostDir at base, or else base2, base3, ..., the
// first path where nothing exists yet (CC:Tweaked's disk, disk2, ...), and
// returns the path used.
func (f *FS) MountFirstFree(base, hostDir string, readOnly bool, drive string) (string, error) {
	base = Sanitize(base, false)
	for i := 1; i < 1<<16; i++ {
		p := base
		if i > 1 {
			p = fmt.Sprintf("%s%d", base, i)
		}
		if f.taken(p) {
			continue
		}
		err := f.Mount(p, hostDir, readOnly, drive)
		var fe *Error
		if errors.As(err, &fe) && fe.Msg == errFileExists {
			continue // mounted meanwhile
		}
		return p, err
	}
	return "", fail(base, errFileExists)
}

// taken reports that something is at p: a mount, or a file or folder.
// Only the host folders are read, so any goroutine may ask.
func (f *FS) taken(p string) bool {
	l, err := f.locate(p)
	if err != nil {
		return true
	}
	if l.rom || l.sub == "." {
		return true
	}
	_, err = l.m.root.Lstat(l.sub)
	return err == nil
}

// Unmount removes the mount at path; files still open on it stay usable.
func (f *FS) Unmount(path string) {
	s := Sanitize(path, false)
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, m := range f.mounts {
		if strings.EqualFold(m.path, s) {
			f.mounts = slices.Delete(f.mounts, i, i+1)
			m.root.Close()
			return
		}
	}
}

// mountOf finds the mount holding the sanitised path s (matched without
// case, as the ROM is) and the path inside it.
func (f *FS) mountOf(s string) (*hostMount, string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.mounts {
		n := len(m.path)
		if len(s) < n || !strings.EqualFold(s[:n], m.path) {
			continue
		}
		if len(s) == n {
			return m, ".", true
		}
		if s[n] == '/' {
			return m, s[n+1:], true
		}
	}
	return nil, "", false
}

// mountsIn lists the names of the mounts directly inside folder dir, which
// fs.list shows as folders.
func (f *FS) mountsIn(dir string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var names []string
	for _, m := range f.mounts {
		if strings.EqualFold(Dir(m.path), dir) {
			names = append(names, Name(m.path))
		}
	}
	return names
}

// measure and openHost on the computer's own folder, for tests.
func (f *FS) measure(sub string, limit int, deadline time.Time) (int64, bool) {
	return f.main.measure(sub, limit, deadline)
}

func (f *FS) openHost(sub string, flag int) (*os.File, error) { return f.main.openHost(sub, flag) }
