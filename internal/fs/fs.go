package fs

import (
	iofs "io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

// CraftOS's error texts.
const (
	errNoSuchFile   = "No such file"
	errNotDir       = "Not a directory"
	errNotFile      = "Not a file"
	errAccessDenied = "Access denied"
	errFileExists   = "File exists"
	errInvalidPath  = "Invalid Path"
	errTooManyFiles = "Too many files already open"
	errCopyInside   = "Can't copy a directory inside itself"
	errMoveInside   = "Can't move a directory inside itself"
)

// MaxOpenFiles is CC:Tweaked's limit of open handles per computer.
const MaxOpenFiles = 128

// Capacity is the size fs.getCapacity reports for the computer's folder.
const Capacity = 1 << 30

// FS is one computer's filesystem: its own folder, and the ROM mounted
// read-only at /rom.
type FS struct {
	root *os.Root
	rom  iofs.FS
	open map[*Handle]struct{}
}

// New opens a computer's filesystem. rootDir must exist.
func New(rootDir string, rom iofs.FS) (*FS, error) {
	r, err := os.OpenRoot(rootDir)
	if err != nil {
		return nil, err
	}
	return &FS{root: r, rom: rom, open: map[*Handle]struct{}{}}, nil
}

// Close flushes and closes every handle the program left open, then
// releases the root folder, so no written data is lost.
func (f *FS) Close() error {
	for h := range f.open {
		h.release()
	}
	return f.root.Close()
}

// fsError is a failure CraftOS reports as "/path: message".
type fsError struct {
	path string
	msg  string
}

func (e *fsError) Error() string {
	if e.path == "" && e.msg == errTooManyFiles {
		return e.msg
	}
	return "/" + e.path + ": " + e.msg
}

func fail(p, msg string) error { return &fsError{p, msg} }

// location is where a sanitised path lives.
type location struct {
	path string // the sanitised CraftOS path
	rom  bool
	sub  string // path inside the mount, "." for its root
}

func (f *FS) locate(p string) (location, error) {
	s := Sanitize(p, false)
	if escapes(s) {
		return location{}, fail(s, errInvalidPath)
	}
	if f.rom != nil && (s == "rom" || strings.HasPrefix(s, "rom/")) {
		sub := strings.TrimPrefix(strings.TrimPrefix(s, "rom"), "/")
		if sub == "" {
			sub = "."
		}
		return location{path: s, rom: true, sub: sub}, nil
	}
	sub := s
	if sub == "" {
		sub = "."
	}
	return location{path: s, sub: sub}, nil
}

func (f *FS) stat(l location) (iofs.FileInfo, error) {
	if l.rom {
		return iofs.Stat(f.rom, l.sub)
	}
	return f.root.Stat(l.sub)
}

// Exists is fs.exists.
func (f *FS) Exists(p string) bool {
	l, err := f.locate(p)
	if err != nil {
		return false
	}
	_, err = f.stat(l)
	return err == nil
}

// IsDir is fs.isDir.
func (f *FS) IsDir(p string) bool {
	l, err := f.locate(p)
	if err != nil {
		return false
	}
	st, err := f.stat(l)
	return err == nil && st.IsDir()
}

// IsReadOnly is fs.isReadOnly.
func (f *FS) IsReadOnly(p string) bool {
	l, err := f.locate(p)
	return err != nil || l.rom
}

// List is fs.list: sorted names, "rom" added at the root.
func (f *FS) List(p string) ([]string, error) {
	l, err := f.locate(p)
	if err != nil {
		return nil, err
	}
	st, err := f.stat(l)
	if err != nil {
		return nil, fail(l.path, errNotDir)
	}
	if !st.IsDir() {
		return nil, fail(l.path, errNotDir)
	}
	var entries []iofs.DirEntry
	if l.rom {
		entries, err = iofs.ReadDir(f.rom, l.sub)
	} else {
		var d *os.File
		d, err = f.root.Open(l.sub)
		if err == nil {
			entries, err = d.ReadDir(-1)
			d.Close()
		}
	}
	if err != nil {
		return nil, fail(l.path, errNotDir)
	}
	names := make([]string, 0, len(entries)+1)
	for _, e := range entries {
		if l.path == "" && e.Name() == "rom" && f.rom != nil {
			continue
		}
		names = append(names, e.Name())
	}
	if l.path == "" && f.rom != nil {
		names = append(names, "rom")
	}
	sort.Strings(names)
	return names, nil
}

// Size is fs.getSize.
func (f *FS) Size(p string) (int64, error) {
	l, err := f.locate(p)
	if err != nil {
		return 0, err
	}
	st, err := f.stat(l)
	if err != nil {
		return 0, fail(l.path, errNoSuchFile)
	}
	if st.IsDir() {
		return 0, nil
	}
	return st.Size(), nil
}

// Attributes is fs.attributes.
func (f *FS) Attributes(p string) (iofs.FileInfo, location, error) {
	l, err := f.locate(p)
	if err != nil {
		return nil, l, err
	}
	st, err := f.stat(l)
	if err != nil {
		return nil, l, fail(l.path, errNoSuchFile)
	}
	return st, l, nil
}

func (f *FS) writable(p string) (location, error) {
	l, err := f.locate(p)
	if err != nil {
		return l, err
	}
	if l.rom {
		return l, fail(l.path, errAccessDenied)
	}
	return l, nil
}

// MakeDir is fs.makeDir.
func (f *FS) MakeDir(p string) error {
	l, err := f.writable(p)
	if err != nil {
		return err
	}
	if st, err := f.stat(l); err == nil {
		if st.IsDir() {
			return nil
		}
		return fail(l.path, errFileExists)
	}
	if err := f.root.MkdirAll(l.sub, 0o755); err != nil {
		return fail(l.path, errAccessDenied)
	}
	return nil
}

// Delete is fs.delete; deleting nothing is not an error.
func (f *FS) Delete(p string) error {
	l, err := f.writable(p)
	if err != nil {
		return err
	}
	if l.path == "" {
		return fail(l.path, errAccessDenied)
	}
	if err := f.root.RemoveAll(l.sub); err != nil {
		return fail(l.path, errAccessDenied)
	}
	return nil
}

func inside(child, parent string) bool {
	return parent == "" || child == parent || strings.HasPrefix(child, parent+"/")
}

// Move is fs.move.
func (f *FS) Move(from, to string) error {
	src, err := f.writable(from)
	if err != nil {
		return err
	}
	dst, err := f.writable(to)
	if err != nil {
		return err
	}
	if _, err := f.stat(src); err != nil {
		return fail(src.path, errNoSuchFile)
	}
	if _, err := f.stat(dst); err == nil {
		return fail(dst.path, errFileExists)
	}
	if inside(dst.path, src.path) {
		return fail(src.path, errMoveInside)
	}
	if err := f.ensureParent(dst); err != nil {
		return err
	}
	if err := f.root.Rename(src.sub, dst.sub); err != nil {
		return fail(src.path, errAccessDenied)
	}
	return nil
}

// Copy is fs.copy; it can copy out of the ROM.
func (f *FS) Copy(from, to string) error {
	src, err := f.locate(from)
	if err != nil {
		return err
	}
	dst, err := f.writable(to)
	if err != nil {
		return err
	}
	if _, err := f.stat(src); err != nil {
		return fail(src.path, errNoSuchFile)
	}
	if _, err := f.stat(dst); err == nil {
		return fail(dst.path, errFileExists)
	}
	if !src.rom && inside(dst.path, src.path) {
		return fail(src.path, errCopyInside)
	}
	return f.copyTree(src, dst)
}

func (f *FS) copyTree(src, dst location) error {
	st, err := f.stat(src)
	if err != nil {
		return fail(src.path, errNoSuchFile)
	}
	if err := f.ensureParent(dst); err != nil {
		return err
	}
	if !st.IsDir() {
		data, err := f.readAll(src)
		if err != nil {
			return err
		}
		if err := f.root.WriteFile(dst.sub, data, 0o644); err != nil {
			return fail(dst.path, errAccessDenied)
		}
		return nil
	}
	if err := f.root.MkdirAll(dst.sub, 0o755); err != nil {
		return fail(dst.path, errAccessDenied)
	}
	names, err := f.List(src.path)
	if err != nil {
		return err
	}
	for _, n := range names {
		s, _ := f.locate(src.path + "/" + n)
		d, _ := f.locate(dst.path + "/" + n)
		if err := f.copyTree(s, d); err != nil {
			return err
		}
	}
	return nil
}

func (f *FS) ensureParent(l location) error {
	dir := path.Dir(l.sub)
	if dir == "." {
		return nil
	}
	if err := f.root.MkdirAll(dir, 0o755); err != nil {
		return fail(l.path, errAccessDenied)
	}
	return nil
}

func (f *FS) readAll(l location) ([]byte, error) {
	var data []byte
	var err error
	if l.rom {
		data, err = iofs.ReadFile(f.rom, l.sub)
	} else {
		data, err = f.root.ReadFile(l.sub)
	}
	if err != nil {
		if st, serr := f.stat(l); serr == nil && st.IsDir() {
			return nil, fail(l.path, errNotFile)
		}
		return nil, fail(l.path, errNoSuchFile)
	}
	return data, nil
}

// ReadFile reads a whole file, for the host (loading the bios and programs).
func (f *FS) ReadFile(p string) ([]byte, error) {
	l, err := f.locate(p)
	if err != nil {
		return nil, err
	}
	return f.readAll(l)
}

// FreeSpace is what fs.getFreeSpace reports: the capacity less what the
// folder holds would need a walk, so report the capacity for writable
// paths and 0 for the ROM, as read-only drives do in CraftOS.
func (f *FS) FreeSpace(p string) (int64, error) {
	l, err := f.locate(p)
	if err != nil {
		return 0, err
	}
	if l.rom {
		return 0, nil
	}
	return Capacity, nil
}

func modTime(st iofs.FileInfo) float64 {
	if st.ModTime().IsZero() {
		return 0
	}
	return float64(st.ModTime().UnixMilli())
}
