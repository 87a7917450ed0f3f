package fs

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
)

const errClosed = "attempt to use a closed file"

// Handle is an open file as fs.open returns it. Read-only modes read the
// whole file at open (it is then seekable and binary-safe); write modes go
// through a buffered *os.File.
type Handle struct {
	fsys   *FS
	binary bool
	closed bool
	rd     *bytes.Reader // read-only modes
	f      *os.File      // write and update modes
	w      *bufio.Writer
	canRd  bool
	canWr  bool
}

// Open is fs.open. mode is one of r rb w wb a ab r+ r+b w+ w+b.
func (f *FS) Open(p, mode string) (*Handle, error) {
	binary := strings.HasSuffix(mode, "b")
	base := strings.TrimSuffix(mode, "b")
	switch base {
	case "r", "w", "a", "r+", "w+":
	default:
		return nil, errUnsupportedMode
	}
	if len(f.open) >= MaxOpenFiles {
		return nil, &fsError{msg: errTooManyFiles}
	}
	l, err := f.locate(p)
	if err != nil {
		return nil, err
	}
	h := &Handle{fsys: f, binary: binary}
	if base == "r" {
		data, err := f.readAll(l)
		if err != nil {
			return nil, err
		}
		h.rd = bytes.NewReader(data)
		h.canRd = true
	} else {
		if l.rom {
			return nil, fail(l.path, errAccessDenied)
		}
		if st, err := f.stat(l); err == nil && st.IsDir() {
			return nil, fail(l.path, errNotFile)
		}
		flags := map[string]int{
			"w":  os.O_WRONLY | os.O_CREATE | os.O_TRUNC,
			"a":  os.O_WRONLY | os.O_CREATE | os.O_APPEND,
			"r+": os.O_RDWR,
			"w+": os.O_RDWR | os.O_CREATE | os.O_TRUNC,
		}[base]
		if base != "r+" {
			if err := f.ensureParent(l); err != nil {
				return nil, err
			}
		}
		file, err := f.root.OpenFile(l.sub, flags, 0o644)
		if err != nil {
			if base == "r+" && os.IsNotExist(err) {
				return nil, fail(l.path, errNoSuchFile)
			}
			return nil, fail(l.path, errAccessDenied)
		}
		h.f = file
		h.w = bufio.NewWriter(file)
		h.canWr = true
		h.canRd = base == "r+" || base == "w+"
	}
	f.open[h] = struct{}{}
	return h, nil
}

type modeError string

func (e modeError) Error() string { return string(e) }

const errUnsupportedMode = modeError("Unsupported mode")

// LuaValue builds the handle's table with the functions its mode allows.
func (h *Handle) LuaValue(L *lua.LState) lua.LValue {
	t := vm.HandleTable(L, h)
	if !h.canWr {
		for _, n := range []string{"write", "writeLine", "flush"} {
			t.RawSetString(n, lua.LNil)
		}
	}
	if !h.canRd {
		for _, n := range []string{"read", "readLine", "readAll"} {
			t.RawSetString(n, lua.LNil)
		}
	}
	return t
}

func (h *Handle) check(a vm.Args) {
	if h.closed {
		a.Fail(errClosed)
	}
}

// reader is where reads come from; update modes flush pending writes first.
func (h *Handle) reader() io.Reader {
	if h.rd != nil {
		return h.rd
	}
	h.w.Flush()
	return h.f
}

func (h *Handle) readByte() (byte, bool) {
	var b [1]byte
	n, _ := h.reader().Read(b[:])
	return b[0], n == 1
}

// Read is read([count]).
func (h *Handle) Read(a vm.Args) int {
	h.check(a)
	if a.Value(1) == lua.LNil {
		c, ok := h.readByte()
		if !ok {
			return a.Return(lua.LNil)
		}
		if h.binary {
			return a.Return(lua.LNumber(c))
		}
		return a.Return(lua.LString([]byte{c}))
	}
	n := a.Int(1)
	if n < 0 {
		a.Fail("Cannot read a negative number of bytes")
	}
	buf := make([]byte, n)
	got, _ := io.ReadFull(h.reader(), buf)
	if got == 0 && n > 0 {
		return a.Return(lua.LNil)
	}
	return a.Return(lua.LString(buf[:got]))
}

// ReadLine is readLine([withTrailing]); nil at the end of the file.
func (h *Handle) ReadLine(a vm.Args) int {
	h.check(a)
	keep := a.OptBool(1, false)
	var line []byte
	any := false
	for {
		c, ok := h.readByte()
		if !ok {
			break
		}
		any = true
		if c == '\n' {
			if keep {
				line = append(line, c)
			}
			return a.Return(lua.LString(line))
		}
		line = append(line, c)
	}
	if !any {
		return a.Return(lua.LNil)
	}
	return a.Return(lua.LString(line))
}

// ReadAll returns the rest of the file, "" at the end.
func (h *Handle) ReadAll(a vm.Args) int {
	h.check(a)
	data, _ := io.ReadAll(h.reader())
	return a.Return(lua.LString(data))
}

// Write writes a string or number (binary: a number is one byte).
func (h *Handle) Write(a vm.Args) int {
	h.check(a)
	v := a.Value(1)
	if n, ok := v.(lua.LNumber); ok && h.binary {
		h.w.WriteByte(byte(int(n)))
		return 0
	}
	switch v.(type) {
	case lua.LString, lua.LNumber:
	default:
		a.TypeError(1, "string")
	}
	h.w.WriteString(vm.ToString(a.L, v))
	return 0
}

// WriteLine writes a value and a newline.
func (h *Handle) WriteLine(a vm.Args) int {
	h.Write(a)
	h.w.WriteByte('\n')
	return 0
}

// Flush writes buffered data to the file.
func (h *Handle) Flush(a vm.Args) int {
	h.check(a)
	h.w.Flush()
	return 0
}

// Seek is seek([whence [, offset]]) with "set", "cur" and "end".
func (h *Handle) Seek(a vm.Args) int {
	h.check(a)
	whence := a.OptString(1, "cur")
	off := int64(a.OptInt(2, 0))
	var w int
	switch whence {
	case "set":
		w = io.SeekStart
	case "cur":
		w = io.SeekCurrent
	case "end":
		w = io.SeekEnd
	default:
		a.Fail("bad argument #1 to 'seek' (invalid option '%s')", whence)
	}
	var s io.Seeker = h.rd
	if h.rd == nil {
		h.w.Flush()
		s = h.f
	}
	cur, _ := s.Seek(0, io.SeekCurrent)
	target := off
	switch w {
	case io.SeekCurrent:
		target = cur + off
	case io.SeekEnd:
		end, _ := s.Seek(0, io.SeekEnd)
		s.Seek(cur, io.SeekStart)
		target = end + off
	}
	if target < 0 {
		return a.Return(lua.LNil, lua.LString("Position is negative"))
	}
	pos, err := s.Seek(target, io.SeekStart)
	if err != nil {
		return a.Return(lua.LNil, lua.LString(err.Error()))
	}
	return a.Return(lua.LNumber(pos))
}

// Close closes the handle; a second close is an error, as in CC:Tweaked.
func (h *Handle) Close(a vm.Args) int {
	h.check(a)
	h.release()
	return 0
}

// release frees the handle's resources.
func (h *Handle) release() {
	if h.closed {
		return
	}
	h.closed = true
	delete(h.fsys.open, h)
	if h.f != nil {
		h.w.Flush()
		h.f.Close()
	}
	h.rd = nil
}
