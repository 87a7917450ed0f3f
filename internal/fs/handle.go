package fs

import (
	"bytes"
	"io"
	iofs "io/fs"
	"os"
)

// Mode is how a file was opened.
type Mode int

// The kinds of fs.open mode; each may be binary ("rb", "r+b", ...).
const (
	ModeRead   Mode = iota // r: read, readLine, readAll, seek
	ModeWrite              // w: write, writeLine, flush, seek
	ModeAppend             // a: write, writeLine, flush
	ModeUpdate             // r+ and w+: everything
)

// ParseMode splits an fs.open mode; ok is false for unsupported modes.
func ParseMode(mode string) (m Mode, binary, truncate, ok bool) {
	switch mode {
	case "r", "rb":
		return ModeRead, mode == "rb", false, true
	case "w", "wb":
		return ModeWrite, mode == "wb", true, true
	case "a", "ab":
		return ModeAppend, mode == "ab", false, true
	case "r+", "r+b":
		return ModeUpdate, mode == "r+b", false, true
	case "w+", "w+b":
		return ModeUpdate, mode == "w+b", true, true
	}
	return 0, false, false, false
}

const (
	readChunk  = 32 << 10 // bytes read from the host at a time
	writeChunk = 64 << 10 // buffered bytes written out at once
)

// Handle is an open file. Reads go through a buffer (refilled with ReadAt,
// dropped whenever anything is written), writes are buffered until the next
// operation that could observe them, so programs see CC:Tweaked's
// unbuffered behaviour without a host call per line.
type Handle struct {
	fsys   *FS
	mode   Mode
	binary bool
	closed bool

	src  io.ReaderAt // reading modes
	info func() (int64, error)
	file *os.File   // writing modes
	m    *hostMount // the writing modes' folder, charged for what is written
	c    io.Closer

	pos int64 // the position reads and writes happen at

	rbuf   []byte // file bytes at [rstart, rstart+len(rbuf))
	rstart int64
	rgen   uint64 // fsys.gen when rbuf was filled

	wbuf   []byte // bytes to write at wstart (at the end in append mode)
	wstart int64
	werr   error // a failed background write, reported by the next call

	size    int64  // the file's size with wbuf written (writing modes)
	sizeGen uint64 // fsys.gen when size was known
}

// Open is fs.open's work. mode must have passed ParseMode.
func (f *FS) Open(p, modeText string) (*Handle, error) {
	mode, binary, truncate, ok := ParseMode(modeText)
	if !ok {
		return nil, bare(errUnsupportedMode)
	}
	f.sync()
	l, err := f.locate(p)
	if err != nil {
		return nil, err
	}
	h := &Handle{fsys: f, mode: mode, binary: binary}
	if mode == ModeRead {
		r, err := f.openRead(l)
		if err != nil {
			return nil, err
		}
		if len(f.open) >= MaxOpenFiles {
			r.Close()
			return nil, bare(errTooManyFiles)
		}
		h.c = r
		h.info = func() (int64, error) {
			st, err := r.Stat()
			if err != nil {
				return 0, err
			}
			return st.Size(), nil
		}
		if ra, ok := r.(io.ReaderAt); ok {
			h.src = ra
		} else { // an unusual ROM: hold the file in memory
			data, err := io.ReadAll(r)
			if err != nil {
				r.Close()
				return nil, fail(l.path, reason(err))
			}
			h.src = bytes.NewReader(data)
		}
		f.open[h] = struct{}{}
		return h, nil
	}

	create := mode != ModeUpdate || truncate
	if l.rom || l.m.readOnly {
		return nil, fail(l.path, errAccessDenied)
	}
	st, statErr := f.stat(l)
	switch {
	case statErr == nil && st.IsDir() && create:
		return nil, fail(l.path, errWriteToDir)
	case statErr == nil && st.IsDir():
		return nil, fail(l.path, errNotFile)
	case statErr == nil && !st.Mode().IsRegular() && st.Mode()&iofs.ModeSymlink == 0:
		return nil, fail(l.path, errNotFile) // FIFOs, devices, sockets
	case statErr != nil && !create:
		return nil, fail(l.path, errNoSuchFile)
	}
	if len(f.open) >= MaxOpenFiles {
		return nil, bare(errTooManyFiles)
	}
	if statErr != nil {
		if err := f.ensureParent(l); err != nil {
			return nil, err
		}
	}
	// A new file costs minFileSize; truncating gives back all but that.
	q, charge, refund := l.m.usage(), int64(0), int64(0)
	switch {
	case statErr != nil:
		charge = minFileSize
	case truncate:
		refund = cost(false, st.Size()) - minFileSize
	}
	if !q.take(charge) {
		return nil, fail(l.path, errOutOfSpace)
	}
	flags := os.O_WRONLY
	switch {
	case mode == ModeUpdate:
		flags = os.O_RDWR
	case mode == ModeAppend:
		flags |= os.O_APPEND
	}
	if create {
		flags |= os.O_CREATE
	}
	if truncate {
		flags |= os.O_TRUNC
	}
	f.gen++ // truncating changes what other handles see
	file, err := l.m.openHost(l.sub, flags)
	if err != nil {
		q.give(charge)
		return nil, fail(l.path, reason(err))
	}
	q.give(refund)
	h.file, h.c, h.m = file, file, l.m
	h.sizeGen = ^uint64(0) // unknown: the first write reads it
	h.info = func() (int64, error) {
		st, err := file.Stat()
		if err != nil {
			return 0, err
		}
		return st.Size(), nil
	}
	if mode == ModeUpdate {
		h.src = file
	}
	f.open[h] = struct{}{}
	return h, nil
}

// Mode reports how the handle was opened.
func (h *Handle) Mode() Mode { return h.mode }

// Binary reports whether the handle was opened in binary mode.
func (h *Handle) Binary() bool { return h.binary }

// Closed reports whether the handle has been closed.
func (h *Handle) Closed() bool { return h.closed }

// errClosed is what every call on a closed handle raises.
var errClosed = bare("attempt to use a closed file")

func (h *Handle) check() error {
	if h.closed {
		return errClosed
	}
	return nil
}

// checkRead is check for reads, which write-only handles do not have
// (their Lua tables lack the functions; this guards Go callers).
func (h *Handle) checkRead() error {
	if err := h.check(); err != nil {
		return err
	}
	if h.src == nil {
		return bare("File not open for reading")
	}
	return nil
}

// fill makes rbuf hold the byte at pos; false at the end of the file.
func (h *Handle) fill() bool { return len(h.fillAt(h.pos)) > 0 }

// fillAt is the buffered file data from off on, refilled when off is not
// buffered; empty at the end of the file.
func (h *Handle) fillAt(off int64) []byte {
	h.fsys.sync()
	if h.rgen != h.fsys.gen || off < h.rstart || off >= h.rstart+int64(len(h.rbuf)) {
		if cap(h.rbuf) < readChunk {
			h.rbuf = make([]byte, readChunk)
		}
		n, _ := h.src.ReadAt(h.rbuf[:readChunk], off)
		h.rbuf, h.rstart, h.rgen = h.rbuf[:n], off, h.fsys.gen
		if n == 0 {
			return nil
		}
	}
	return h.rbuf[off-h.rstart:]
}

// buffered is the buffered data from pos on (fill first).
func (h *Handle) buffered() []byte { return h.rbuf[h.pos-h.rstart:] }

// reserver is asked before a read allocates n bytes (more than one
// buffer's worth); it may refuse with the computer's memory limit. nil
// checks nothing more.
type reserver func(n int64) error

// reserve bounds one read's result: never more than the computer's disk
// holds (a sparse or host-made file can claim terabytes), and what the
// computer's memory limit allows.
func (h *Handle) reserve(n int64, r reserver) error {
	if n <= readChunk {
		return nil
	}
	if n > h.fsys.main.quota.capacity {
		return bare(errNoMemory)
	}
	if r != nil {
		return r(n)
	}
	return nil
}

// remaining is the file's size less the position, 0 past the end.
func (h *Handle) remaining() int64 {
	h.fsys.sync()
	size, err := h.info()
	if err != nil {
		return 0
	}
	return max(size-h.pos, 0)
}

// readN reads exactly n bytes from pos on, fewer if the file ends first.
func (h *Handle) readN(n int64) []byte {
	out := make([]byte, 0, n)
	h.fsys.sync()
	if h.rgen != h.fsys.gen || h.pos < h.rstart || h.pos >= h.rstart+int64(len(h.rbuf)) {
		// Nothing buffered at pos: read straight into the result (a boot
		// reads thirty ROM files whole; a 32 KB buffer each was most of
		// its garbage). ReadAt reads less only at the end of the file.
		m, _ := h.src.ReadAt(out[:n], h.pos)
		h.pos += int64(m)
		return out[:m]
	}
	for int64(len(out)) < n && h.fill() {
		b := h.buffered()
		b = b[:min(int64(len(b)), n-int64(len(out)))]
		out = append(out, b...)
		h.pos += int64(len(b))
	}
	return out
}

// NextByte is binary read(): the next byte, false at the end.
func (h *Handle) NextByte() (byte, bool, error) {
	if err := h.checkRead(); err != nil {
		return 0, false, err
	}
	if !h.fill() {
		return 0, false, nil
	}
	c := h.buffered()[0]
	h.pos++
	return c, true, nil
}

// Read is read(count): up to count bytes, false at the end of the file (for
// count 0 too, as CC:Tweaked does).
func (h *Handle) Read(count int) ([]byte, bool, error) { return h.read(count, nil) }

func (h *Handle) read(count int, r reserver) ([]byte, bool, error) {
	if err := h.checkRead(); err != nil {
		return nil, false, err
	}
	if count < 0 {
		return nil, false, bare("Cannot read a negative number of bytes")
	}
	if !h.fill() {
		return nil, false, nil
	}
	n := int64(count)
	if n > readChunk {
		n = min(n, h.remaining()) // a huge count reads what the file has
		if err := h.reserve(n, r); err != nil {
			return nil, false, err
		}
	}
	return h.readN(n), true, nil
}

// ReadLine is readLine(withTrailing): the next line without "\n" (and
// without a "\r" just before it) unless withTrailing; false at the end.
func (h *Handle) ReadLine(withTrailing bool) ([]byte, bool, error) {
	return h.readLine(withTrailing, nil)
}

func (h *Handle) readLine(withTrailing bool, r reserver) ([]byte, bool, error) {
	if err := h.checkRead(); err != nil {
		return nil, false, err
	}
	if !h.fill() {
		return nil, false, nil
	}
	// Find the line's end first, so a file without newlines is refused
	// before its line is held in memory.
	n, found := int64(0), false
	for {
		b := h.fillAt(h.pos + n)
		if len(b) == 0 {
			break
		}
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			n, found = n+int64(i)+1, true
			break
		}
		n += int64(len(b))
		if n > h.fsys.main.quota.capacity {
			return nil, false, bare(errNoMemory)
		}
	}
	if err := h.reserve(n, r); err != nil {
		return nil, false, err
	}
	line := h.readN(n)
	if found && !withTrailing && len(line) > 0 && line[len(line)-1] == '\n' {
		line = bytes.TrimSuffix(line[:len(line)-1], []byte{'\r'})
	}
	return line, true, nil
}

// ReadAll is readAll(): the rest of the file, empty at the end.
func (h *Handle) ReadAll() ([]byte, error) { return h.readAll(nil) }

func (h *Handle) readAll(r reserver) ([]byte, error) {
	if err := h.checkRead(); err != nil {
		return nil, err
	}
	n := h.remaining()
	if err := h.reserve(n, r); err != nil {
		return nil, err
	}
	return h.readN(n), nil
}

// Write writes bytes at the position (at the end in append mode). Growing
// the file past the disk's free space fails with "Out of space" and writes
// nothing, as in CC:Tweaked.
func (h *Handle) Write(p []byte) error {
	if err := h.check(); err != nil {
		return err
	}
	if err := h.takeErr(); err != nil {
		return err
	}
	if err := h.charge(int64(len(p))); err != nil {
		return err
	}
	if len(h.wbuf) > 0 && h.mode != ModeAppend && h.wstart+int64(len(h.wbuf)) != h.pos {
		if err := h.flushWrites(); err != nil {
			return err
		}
	}
	if len(h.wbuf) == 0 {
		h.wstart = h.pos
	}
	h.wbuf = append(h.wbuf, p...)
	h.pos += int64(len(p))
	h.fsys.dirty[h] = struct{}{}
	h.fsys.gen++ // anything buffered for reading may now be stale
	h.sizeGen = h.fsys.gen
	if len(h.wbuf) >= writeChunk {
		return h.flushWrites()
	}
	return nil
}

// charge takes from the disk quota what writing n bytes at the position
// grows the file by, counted as CC:Tweaked counts: the first minFileSize
// bytes of a file are paid for when it is made.
func (h *Handle) charge(n int64) error {
	if h.sizeGen != h.fsys.gen { // another handle or operation changed files
		h.fsys.sync()
		if st, err := h.file.Stat(); err == nil {
			h.size = st.Size()
		}
		h.sizeGen = h.fsys.gen
	}
	at := h.pos
	if h.mode == ModeAppend {
		at = h.size
	}
	end := at + n
	if end < at { // overflow
		return bare(errOutOfSpace)
	}
	if !h.m.usage().take(end - max(h.size, minFileSize)) {
		return bare(errOutOfSpace)
	}
	h.size = max(h.size, end)
	return nil
}

// takeErr returns (once) an error a background write ran into.
func (h *Handle) takeErr() error {
	err := h.werr
	h.werr = nil
	return err
}

// flushWrites hands buffered bytes to the host.
func (h *Handle) flushWrites() error {
	delete(h.fsys.dirty, h)
	if len(h.wbuf) == 0 {
		return nil
	}
	var err error
	if h.mode == ModeAppend {
		_, err = h.file.Write(h.wbuf)
	} else {
		_, err = h.file.WriteAt(h.wbuf, h.wstart)
	}
	h.wbuf = h.wbuf[:0]
	h.fsys.gen++
	if err != nil {
		h.werr = bare(reason(err))
		return h.werr
	}
	return nil
}

// Flush is flush(): buffered data goes to the host file.
func (h *Handle) Flush() error {
	if err := h.check(); err != nil {
		return err
	}
	if err := h.flushWrites(); err != nil {
		h.werr = nil
		return err
	}
	return h.takeErr()
}

// Seek is seek(whence, offset): the new position, or ok false with
// "Position is negative" when it would fall before the start.
func (h *Handle) Seek(whence string, offset int64) (pos int64, msg string, err error) {
	if err := h.check(); err != nil {
		return 0, "", err
	}
	var base int64
	switch whence {
	case "set":
	case "cur":
		base = h.pos
	case "end":
		h.flushWrites()
		size, err := h.info()
		if err != nil {
			return 0, reason(err), nil
		}
		base = size
	default:
		return 0, "", bare("bad argument #1 to 'seek' (invalid option '" + whence + "')")
	}
	if base+offset < 0 {
		return 0, "Position is negative", nil
	}
	h.pos = base + offset
	return h.pos, "", nil
}

// Close is close(); closing twice is an error, as in CC:Tweaked.
func (h *Handle) Close() error {
	if err := h.check(); err != nil {
		return err
	}
	return h.release()
}

// release writes out and frees the handle; used by Close and FS.Close.
func (h *Handle) release() error {
	if h.closed {
		return nil
	}
	h.closed = true
	var err error
	if h.file != nil {
		err = h.flushWrites()
	}
	delete(h.fsys.open, h)
	delete(h.fsys.dirty, h)
	if cerr := h.c.Close(); err == nil && cerr != nil {
		err = bare(reason(cerr))
	}
	h.rbuf, h.wbuf, h.src = nil, nil, nil
	return err
}
