package fs

import (
	"errors"
	"os"
	"syscall"
)

// errNotRegular marks a host file that is neither a regular file nor a
// folder: a FIFO, a socket or a device node the host placed in the folder.
// Opening one could block forever (a FIFO with no writer) or read without
// end (/dev/zero), so CraftOS treats it as CC:Tweaked treats anything that
// is not a regular file: "Not a file".
var errNotRegular = errors.New("not a regular file")

// openHost opens a file of the computer's folder through os.Root, without
// blocking, and refuses it unless the opened handle is a regular file
// (checked on the handle itself, so nothing can be swapped in between a
// stat and the open).
func (m *hostMount) openHost(sub string, flag int) (*os.File, error) {
	file, err := m.root.OpenFile(sub, flag|hostOpenFlags, 0o666)
	if err != nil {
		if errors.Is(err, syscall.ENXIO) { // a FIFO with no reader, or a socket
			return nil, errNotRegular
		}
		return nil, err
	}
	st, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		file.Close()
		return nil, errNotRegular
	}
	return file, nil
}

// openHostDir opens a folder of the computer's folder without blocking.
func (m *hostMount) openHostDir(sub string) (*os.File, error) {
	d, err := m.root.OpenFile(sub, os.O_RDONLY|hostOpenFlags, 0)
	if err != nil {
		return nil, err
	}
	if st, err := d.Stat(); err != nil || !st.IsDir() {
		d.Close()
		return nil, syscall.ENOTDIR
	}
	return d, nil
}
