package fs

import (
	"errors"
	"io"
	iofs "io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// MaxOpenFiles is CC:Tweaked's limit of open handles per computer.
const MaxOpenFiles = 128

// minFileSize is what CC:Tweaked charges for any file or folder when it
// counts used space.
const minFileSize = 500

// maxCopyDepth bounds fs.copy's recursion (symlink loops end here).
const maxCopyDepth = 128

// FS is one computer's filesystem: its own folder, reached only through an
// os.Root so no path or symlink leads outside it, and the ROM mounted
// read-only at /rom. Only the computer's goroutine uses it.
type FS struct {
	root *os.Root // main's, for tests
	main *hostMount
	rom  iofs.FS

	// mounts are the host folders mounted inside (mount.go), the longest
	// path first. Devices mount from any goroutine, hence the lock.
	mu     sync.Mutex
	mounts []*hostMount

	open  map[*Handle]struct{}
	dirty map[*Handle]struct{} // handles holding unwritten data
	gen   uint64               // bumped on every change; buffers and sizes older than it are stale
}

// Options configure a computer's filesystem.
type Options struct {
	// Capacity is the size of the computer's folder (fs.getCapacity);
	// writes past it fail with "Out of space". Zero is DefaultCapacity.
	Capacity int64
}

// New opens a computer's filesystem. rootDir must exist; rom may be nil.
func New(rootDir string, rom iofs.FS, opts Options) (*FS, error) {
	r, err := os.OpenRoot(rootDir)
	if err != nil {
		return nil, err // os.OpenRoot's error names the folder
	}
	if opts.Capacity <= 0 {
		opts.Capacity = DefaultCapacity
	}
	main := &hostMount{root: r, drive: "hdd"}
	main.quota.capacity = opts.Capacity
	f := &FS{root: r, main: main, rom: rom, open: map[*Handle]struct{}{}, dirty: map[*Handle]struct{}{}}
	return f, nil
}

// Close writes out and closes every handle the program left open, then
// releases the folder, so no written data is lost when a computer stops.
func (f *FS) Close() error {
	var errs []error
	for h := range f.open {
		errs = append(errs, h.release())
	}
	errs = append(errs, f.root.Close())
	f.mu.Lock()
	for _, m := range f.mounts {
		errs = append(errs, m.root.Close())
	}
	f.mounts = nil
	f.mu.Unlock()
	return errors.Join(errs...)
}

// OpenCount is the number of handles open now.
func (f *FS) OpenCount() int { return len(f.open) }

// sync writes out every handle's buffered data, so each operation sees the
// files as CC:Tweaked's unbuffered handles would have left them.
func (f *FS) sync() {
	for h := range f.dirty {
		h.flushWrites()
	}
}

// location is where a sanitised path lives.
type location struct {
	path string // the sanitised CraftOS path, for errors
	rom  bool
	m    *hostMount // the host folder it lives in, unless rom
	sub  string     // path inside its mount, "." for the mount's root
}

// locate sanitises p and finds its mount; "Invalid Path" above the root.
// The ROM is matched without case, as CC:Tweaked matches mounts.
func (f *FS) locate(p string) (location, error) {
	s := Sanitize(p, false)
	if escapes(s) {
		return location{}, fail(s, errInvalidPath)
	}
	first, rest, _ := strings.Cut(s, "/")
	if f.rom != nil && strings.EqualFold(first, "rom") {
		if rest == "" {
			rest = "."
		}
		return location{path: s, rom: true, sub: rest}, nil
	}
	if m, sub, ok := f.mountOf(s); ok {
		return location{path: s, m: m, sub: sub}, nil
	}
	if s == "" {
		return location{path: s, m: f.main, sub: "."}, nil
	}
	return location{path: s, m: f.main, sub: s}, nil
}

// stat follows symlinks inside the folder. A symlink os.Root will not
// follow (it leads outside) is reported as itself: it exists, and any use
// of it is refused.
func (f *FS) stat(l location) (iofs.FileInfo, error) {
	if l.rom {
		return iofs.Stat(f.rom, l.sub)
	}
	st, err := l.m.root.Stat(l.sub)
	if err != nil && escaped(err) {
		if lst, lerr := l.m.root.Lstat(l.sub); lerr == nil {
			return lst, nil
		}
	}
	return st, err
}

// Exists is fs.exists; false for invalid paths.
func (f *FS) Exists(p string) bool {
	f.sync()
	l, err := f.locate(p)
	if err != nil {
		return false
	}
	_, err = f.stat(l)
	return err == nil
}

// IsDir is fs.isDir; false for invalid paths.
func (f *FS) IsDir(p string) bool {
	l, err := f.locate(p)
	if err != nil {
		return false
	}
	st, err := f.stat(l)
	return err == nil && st.IsDir()
}

// IsReadOnly is fs.isReadOnly: the ROM, and files (or, for paths that do
// not exist, their nearest existing parent) the host will not let us write.
// Invalid paths are not read-only, as in CC:Tweaked.
func (f *FS) IsReadOnly(p string) bool {
	l, err := f.locate(p)
	if err != nil {
		return false
	}
	return f.readOnly(l)
}

func (f *FS) readOnly(l location) bool {
	if l.rom || l.m.readOnly {
		return true
	}
	sub := l.sub
	for {
		if st, err := l.m.root.Stat(sub); err == nil {
			return st.Mode().Perm()&0o200 == 0
		}
		if sub == "." {
			return false
		}
		sub = parentOf(sub)
	}
}

// parentOf is the mount-relative parent of sub, "." at the top.
func parentOf(sub string) string {
	if i := strings.LastIndexByte(sub, '/'); i >= 0 {
		return sub[:i]
	}
	return "."
}

// List is fs.list: sorted names, with "rom" at the root.
func (f *FS) List(p string) ([]string, error) {
	l, err := f.locate(p)
	if err != nil {
		return nil, err
	}
	names, err := f.listMount(l)
	if err != nil {
		return nil, err
	}
	if l.path == "" && f.rom != nil && !slices.Contains(names, "rom") {
		names = append(names, "rom")
	}
	for _, n := range f.mountsIn(l.path) {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, nil
}

// listMount lists a folder of one mount (no mounts added).
func (f *FS) listMount(l location) ([]string, error) {
	st, err := f.stat(l)
	if err != nil {
		return nil, fail(l.path, errNoSuchFile)
	}
	if !st.IsDir() {
		return nil, fail(l.path, errNotDir)
	}
	var entries []iofs.DirEntry
	if l.rom {
		entries, err = iofs.ReadDir(f.rom, l.sub)
	} else {
		var d *os.File
		if d, err = l.m.openHostDir(l.sub); err == nil {
			entries, err = d.ReadDir(-1)
			d.Close()
		}
	}
	if err != nil {
		return nil, fail(l.path, reason(err))
	}
	names := make([]string, 0, len(entries)+1)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, nil
}

// Size is fs.getSize: 0 for folders.
func (f *FS) Size(p string) (int64, error) {
	st, _, err := f.Attributes(p)
	if err != nil {
		return 0, err
	}
	if st.IsDir() {
		return 0, nil
	}
	return st.Size(), nil
}

// Attributes is fs.attributes' source: the file's info and whether it is
// read-only.
func (f *FS) Attributes(p string) (iofs.FileInfo, bool, error) {
	f.sync()
	l, err := f.locate(p)
	if err != nil {
		return nil, false, err
	}
	st, err := f.stat(l)
	if err != nil {
		return nil, false, fail(l.path, errNoSuchFile)
	}
	return st, f.readOnly(l), nil
}

// Drive is fs.getDrive: "hdd", "rom" or a mount's drive name, "" when the
// path does not exist.
func (f *FS) Drive(p string) (string, error) {
	l, err := f.locate(p)
	if err != nil {
		return "", err
	}
	if _, err := f.stat(l); err != nil {
		return "", nil
	}
	if l.rom {
		return "rom", nil
	}
	return l.m.drive, nil
}

// writable locates p and refuses the ROM and read-only mounts.
func (f *FS) writable(p string) (location, error) {
	l, err := f.locate(p)
	if err != nil {
		return l, err
	}
	if l.rom || l.m.readOnly {
		return l, fail(l.path, errAccessDenied)
	}
	return l, nil
}

// MakeDir is fs.makeDir: the folder and any missing parents.
func (f *FS) MakeDir(p string) error {
	l, err := f.writable(p)
	if err != nil {
		return err
	}
	return f.mkdirs(l)
}

func (f *FS) mkdirs(l location) error {
	if st, err := f.stat(l); err == nil {
		if st.IsDir() {
			return nil
		}
		return fail(l.path, errFileExists)
	}
	// Each folder made costs minFileSize, checked before any is made.
	n := int64(0)
	for sub := l.sub; sub != "."; sub = parentOf(sub) {
		if _, err := l.m.root.Stat(sub); err == nil {
			break
		}
		n++
	}
	q := l.m.usage()
	if !q.take(n * minFileSize) {
		return fail(l.path, errOutOfSpace)
	}
	if err := l.m.root.MkdirAll(l.sub, 0o777); err != nil {
		q.give(n * minFileSize)
		return fail(l.path, errAccessDenied)
	}
	return nil
}

// ensureParent creates the folder a new file at l goes into.
func (f *FS) ensureParent(l location) error {
	dir := parentOf(l.sub)
	if dir == "." {
		return nil
	}
	return f.mkdirs(location{path: Dir(l.path), m: l.m, sub: dir})
}

// Delete is fs.delete: files and whole folders; nothing to delete is fine.
// A symlink is removed itself, never what it points to.
func (f *FS) Delete(p string) error {
	f.sync()
	l, err := f.writable(p)
	if err != nil {
		return err
	}
	if l.sub == "." { // the root, or a mount's root
		return fail(l.path, errAccessDenied)
	}
	lst, err := l.m.root.Lstat(l.sub)
	if err != nil {
		return nil
	}
	f.gen++          // open handles' sizes may change
	q := l.m.usage() // measured before anything goes
	before := l.m.spaceOf(l.sub, lst)
	err = l.m.root.RemoveAll(l.sub)
	after := int64(0)
	if lst, lerr := l.m.root.Lstat(l.sub); lerr == nil {
		after = l.m.spaceOf(l.sub, lst) // what could not be removed
	}
	q.give(before - after)
	if err != nil {
		return fail(l.path, reason(err))
	}
	return nil
}

// spaceOf is the space sub (whose Lstat is lst) and what is under it use;
// a symlink counts as itself.
func (m *hostMount) spaceOf(sub string, lst iofs.FileInfo) int64 {
	if !lst.IsDir() {
		return cost(false, lst.Size())
	}
	used, _ := m.measure(sub, maxMeasureEntries, time.Now().Add(maxMeasureTime))
	return used
}

// Move is fs.move. Its errors carry no path, as in CC:Tweaked.
func (f *FS) Move(from, to string) error {
	f.sync()
	src, err := f.locate(from)
	if err != nil {
		return err
	}
	dst, err := f.locate(to)
	if err != nil {
		return err
	}
	if f.readOnly(src) || f.readOnly(dst) {
		return bare(errAccessDenied)
	}
	if _, err := f.stat(src); err != nil {
		return bare(errNoSuchFile)
	}
	if _, err := f.stat(dst); err == nil {
		return bare(errFileExists)
	}
	if contains(src.path, dst.path) {
		return bare(errMoveInside)
	}
	if src.sub == "." { // a mount's root stays where it is
		return bare(errAccessDenied)
	}
	if src.m != dst.m { // between mounts: a copy, then the original goes
		if err := f.copyTree(src, dst, 0); err != nil {
			return err
		}
		return f.Delete(src.path)
	}
	if err := f.ensureParent(dst); err != nil {
		return err
	}
	f.gen++
	if err := src.m.root.Rename(src.sub, dst.sub); err != nil {
		return fail(src.path, reason(err))
	}
	return nil
}

// Copy is fs.copy: files and whole folders, also out of the ROM.
func (f *FS) Copy(from, to string) error {
	f.sync()
	src, err := f.locate(from)
	if err != nil {
		return err
	}
	dst, err := f.locate(to)
	if err != nil {
		return err
	}
	if f.readOnly(dst) {
		return fail(dst.path, errAccessDenied)
	}
	if _, err := f.stat(src); err != nil {
		return fail(src.path, errNoSuchFile)
	}
	if _, err := f.stat(dst); err == nil {
		return fail(dst.path, errFileExists)
	}
	if contains(src.path, dst.path) {
		return fail(src.path, errCopyInside)
	}
	return f.copyTree(src, dst, 0)
}

func (f *FS) copyTree(src, dst location, depth int) error {
	st, err := f.stat(src)
	if err != nil {
		return nil // gone meanwhile: CC:Tweaked skips it too
	}
	if depth >= maxCopyDepth {
		return bare(errTooDeep)
	}
	if st.IsDir() {
		if err := f.mkdirs(dst); err != nil {
			return err
		}
		names, err := f.listMount(src)
		if err != nil {
			return err
		}
		for _, n := range names {
			if err := f.copyTree(child(src, n), child(dst, n), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return f.copyFile(src, dst)
}

// copyFile copies one file, charging its space as it goes. A file that does
// not fit fails with "Out of space" and is removed: the files copied before
// it stay, as in CC:Tweaked, but no truncated copy is left behind.
func (f *FS) copyFile(src, dst location) error {
	in, err := f.openRead(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := f.ensureParent(dst); err != nil {
		return err
	}
	q := dst.m.usage()
	if !q.take(minFileSize) {
		return fail(dst.path, errOutOfSpace)
	}
	f.gen++
	out, err := dst.m.openHost(dst.sub, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	if err != nil {
		q.give(minFileSize)
		return fail(dst.path, reason(err))
	}
	buf := make([]byte, writeChunk)
	written := int64(0)
	for {
		n, rerr := in.Read(buf)
		if n > 0 {
			if !q.take(written + int64(n) - max(written, minFileSize)) {
				out.Close()
				dst.m.root.Remove(dst.sub)
				q.give(max(written, minFileSize))
				return bare(errOutOfSpace)
			}
			if _, err := out.Write(buf[:n]); err != nil {
				out.Close()
				return fail(dst.path, reason(err))
			}
			written += int64(n)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			out.Close()
			return fail(src.path, reason(rerr))
		}
	}
	if err := out.Close(); err != nil {
		return fail(dst.path, reason(err))
	}
	return nil
}

// child is the location of name inside folder l.
func child(l location, name string) location {
	c := location{path: name, rom: l.rom, m: l.m, sub: name}
	if l.path != "" {
		c.path = l.path + "/" + name
	}
	if l.sub != "." {
		c.sub = l.sub + "/" + name
	}
	return c
}

// readFile is what openRead gives: a file of either mount.
type readFile interface {
	io.Reader
	io.Closer
	Stat() (iofs.FileInfo, error)
}

// openRead opens an existing file (not a folder) for reading.
func (f *FS) openRead(l location) (readFile, error) {
	st, err := f.stat(l)
	if err != nil {
		return nil, fail(l.path, errNoSuchFile)
	}
	if st.IsDir() || st.Mode()&iofs.ModeSymlink == 0 && !st.Mode().IsRegular() {
		return nil, fail(l.path, errNotFile) // folders, FIFOs, devices, sockets
	}
	if l.rom {
		r, err := f.rom.Open(l.sub)
		if err != nil {
			return nil, fail(l.path, reason(err))
		}
		return r, nil
	}
	r, err := l.m.openHost(l.sub, os.O_RDONLY)
	if err != nil {
		return nil, fail(l.path, reason(err))
	}
	return r, nil
}

// ReadFile reads a whole file, for the host (loading the bios and programs).
func (f *FS) ReadFile(p string) ([]byte, error) {
	f.sync()
	l, err := f.locate(p)
	if err != nil {
		return nil, err
	}
	r, err := f.openRead(l)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if st, err := r.Stat(); err == nil && st.Size() > f.main.quota.capacity {
		return nil, fail(l.path, errNoMemory) // no program is bigger than the disk
	}
	data, err := io.ReadAll(io.LimitReader(r, f.main.quota.capacity))
	if err != nil {
		return nil, fail(l.path, reason(err))
	}
	return data, nil
}

// FreeSpace is fs.getFreeSpace: 0 on the ROM and read-only mounts; on the
// computer's folder (or a writable mount) the capacity less what its files
// use, counted as CC:Tweaked counts (at least 500 bytes per file and
// folder).
func (f *FS) FreeSpace(p string) (int64, error) {
	f.sync()
	l, err := f.locate(p)
	if err != nil {
		return 0, err
	}
	if l.rom || l.m.readOnly {
		return 0, nil
	}
	return l.m.usage().free(), nil
}

// Capacity is fs.getCapacity: false for the ROM and read-only mounts (nil
// in Lua), which CC:Tweaked's read-only mounts have no capacity.
func (f *FS) Capacity(p string) (int64, bool, error) {
	l, err := f.locate(p)
	if err != nil {
		return 0, false, err
	}
	if l.rom || l.m.readOnly {
		return 0, false, nil
	}
	return l.m.quota.capacity, true, nil
}
