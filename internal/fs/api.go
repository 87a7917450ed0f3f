package fs

import (
	"math"
	"unsafe"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
)

// API is the native fs table; each method is the Lua function of its name.
// find, complete and isDriveRoot are added in Lua by the bios.
type API struct {
	FS *FS
}

// raise turns an fs error into a Lua error with CraftOS's text. "not
// enough memory" carries no position, as PUC Lua raises it.
func raise(a vm.Args, err error) {
	if e, ok := err.(*Error); ok && e.Msg == errNoMemory {
		a.L.Error(lua.LString(vm.ErrNotEnoughMemory), 0)
	}
	a.Fail("%s", err.Error())
}

// memory is the reserver of reads made from Lua: the computer's memory
// limit ("not enough memory" before a read it cannot hold).
func memory(a vm.Args) reserver {
	return func(n int64) error {
		a.L.CheckAlloc(n)
		return nil
	}
}

func (api API) List(a vm.Args) int {
	names, err := api.FS.List(a.String(1))
	if err != nil {
		raise(a, err)
	}
	t := a.L.CreateTable(len(names), 0)
	for i, n := range names {
		t.RawSetInt(i+1, lua.LString(n))
	}
	return a.Return(t)
}

func (api API) Exists(a vm.Args) int {
	return a.Return(lua.LBool(api.FS.Exists(a.String(1))))
}

func (api API) IsDir(a vm.Args) int {
	return a.Return(lua.LBool(api.FS.IsDir(a.String(1))))
}

func (api API) IsReadOnly(a vm.Args) int {
	return a.Return(lua.LBool(api.FS.IsReadOnly(a.String(1))))
}

func (api API) GetName(a vm.Args) int {
	return a.Return(lua.LString(Name(a.String(1))))
}

func (api API) GetDir(a vm.Args) int {
	return a.Return(lua.LString(Dir(a.String(1))))
}

// Combine takes one or more parts; the first is required.
func (api API) Combine(a vm.Args) int {
	parts := make([]string, max(a.N(), 1))
	for i := range parts {
		parts[i] = a.String(i + 1)
	}
	return a.Return(lua.LString(Combine(parts...)))
}

func (api API) GetSize(a vm.Args) int {
	n, err := api.FS.Size(a.String(1))
	if err != nil {
		raise(a, err)
	}
	return a.Return(lua.LNumber(n))
}

func (api API) GetFreeSpace(a vm.Args) int {
	n, err := api.FS.FreeSpace(a.String(1))
	if err != nil {
		raise(a, err)
	}
	return a.Return(lua.LNumber(n))
}

// GetCapacity is nil for the ROM.
func (api API) GetCapacity(a vm.Args) int {
	n, ok, err := api.FS.Capacity(a.String(1))
	if err != nil {
		raise(a, err)
	}
	if !ok {
		return a.Return(lua.LNil)
	}
	return a.Return(lua.LNumber(n))
}

// GetDrive is nil for paths that do not exist.
func (api API) GetDrive(a vm.Args) int {
	d, err := api.FS.Drive(a.String(1))
	if err != nil {
		raise(a, err)
	}
	if d == "" {
		return a.Return(lua.LNil)
	}
	return a.Return(lua.LString(d))
}

func (api API) MakeDir(a vm.Args) int {
	if err := api.FS.MakeDir(a.String(1)); err != nil {
		raise(a, err)
	}
	return 0
}

func (api API) Delete(a vm.Args) int {
	if err := api.FS.Delete(a.String(1)); err != nil {
		raise(a, err)
	}
	return 0
}

func (api API) Move(a vm.Args) int {
	from, to := a.String(1), a.String(2)
	if err := api.FS.Move(from, to); err != nil {
		raise(a, err)
	}
	return 0
}

func (api API) Copy(a vm.Args) int {
	from, to := a.String(1), a.String(2)
	if err := api.FS.Copy(from, to); err != nil {
		raise(a, err)
	}
	return 0
}

// Attributes gives size, isDir, isReadOnly, created and modified (ms since
// the epoch; "modification" is the old name CC:Tweaked still sets).
func (api API) Attributes(a vm.Args) int {
	st, readOnly, err := api.FS.Attributes(a.String(1))
	if err != nil {
		raise(a, err)
	}
	size := st.Size()
	if st.IsDir() {
		size = 0
	}
	var ms float64
	if t := st.ModTime(); !t.IsZero() {
		ms = float64(t.UnixMilli())
	}
	t := a.L.CreateTable(0, 6)
	t.RawSetString("size", lua.LNumber(size))
	t.RawSetString("isDir", lua.LBool(st.IsDir()))
	t.RawSetString("isReadOnly", lua.LBool(readOnly))
	t.RawSetString("created", lua.LNumber(created(st, ms)))
	t.RawSetString("modified", lua.LNumber(ms))
	t.RawSetString("modification", lua.LNumber(ms))
	return a.Return(t)
}

// Open returns a handle table, or nil and "/path: message". An unknown
// mode is an error.
func (api API) Open(a vm.Args) int {
	p, mode := a.String(1), a.String(2)
	if _, _, _, ok := ParseMode(mode); !ok {
		a.Fail(errUnsupportedMode)
	}
	h, err := api.FS.Open(p, mode)
	if err != nil {
		return a.Return(lua.LNil, lua.LString(err.Error()))
	}
	return a.Return(h.LuaValue(a.L))
}

// luaHandle is the Lua face of a Handle: CC:Tweaked's ReadHandle,
// WriteHandle and ReadWriteHandle functions.
type luaHandle struct{ h *Handle }

// handleFuncs are the functions each kind of handle has.
var handleFuncs = map[Mode][]string{
	ModeRead:   {"read", "readLine", "readAll", "seek", "close"},
	ModeWrite:  {"write", "writeLine", "flush", "seek", "close"},
	ModeAppend: {"write", "writeLine", "flush", "close"},
	ModeUpdate: {"read", "readLine", "readAll", "write", "writeLine", "flush", "seek", "close"},
}

// LuaValue builds the handle's table with the functions its mode has.
func (h *Handle) LuaValue(L *lua.LState) lua.LValue {
	return vm.HandleTableWith(L, luaHandle{h}, handleFuncs[h.mode])
}

func check(a vm.Args, err error) {
	if err != nil {
		raise(a, err)
	}
}

// Read is read([count]): without a count one byte, as a number in binary
// mode and a one-byte string otherwise; nil at the end of the file.
func (l luaHandle) Read(a vm.Args) int {
	if a.Value(1) == lua.LNil {
		check(a, l.h.check())
		if l.h.binary {
			c, ok, err := l.h.NextByte()
			check(a, err)
			if !ok {
				return a.Return(lua.LNil)
			}
			return a.Return(lua.LNumber(c))
		}
		return l.readN(a, 1)
	}
	n := a.Int(1) // arguments are checked first, as CC:Tweaked converts them before the call
	check(a, l.h.check())
	return l.readN(a, n)
}

func (l luaHandle) readN(a vm.Args, n int) int {
	b, ok, err := l.h.read(n, memory(a))
	check(a, err)
	if !ok {
		return a.Return(lua.LNil)
	}
	return a.Return(owned(b))
}

// ReadLine is readLine([withTrailing]); nil at the end of the file.
func (l luaHandle) ReadLine(a vm.Args) int {
	withTrailing := a.OptBool(1, false)
	check(a, l.h.check())
	b, ok, err := l.h.readLine(withTrailing, memory(a))
	check(a, err)
	if !ok {
		return a.Return(lua.LNil)
	}
	return a.Return(owned(b))
}

// ReadAll is readAll(): the rest of the file, "" at the end.
func (l luaHandle) ReadAll(a vm.Args) int {
	b, err := l.h.readAll(memory(a))
	check(a, err)
	return a.Return(owned(b))
}

// Write writes any value as Lua's tostring (without __tostring, as
// CC:Tweaked), or in binary mode a number as one byte.
func (l luaHandle) Write(a vm.Args) int {
	check(a, l.h.check())
	v := a.Value(1)
	if n, ok := v.(lua.LNumber); ok && l.h.binary {
		check(a, l.h.Write([]byte{javaByte(float64(n))}))
		return 0
	}
	check(a, l.h.Write([]byte(rawString(v))))
	return 0
}

// WriteLine writes a value as Write does, and a newline.
func (l luaHandle) WriteLine(a vm.Args) int {
	check(a, l.h.check())
	check(a, l.h.Write(append([]byte(rawString(a.Value(1))), '\n')))
	return 0
}

func (l luaHandle) Flush(a vm.Args) int {
	check(a, l.h.Flush())
	return 0
}

// Seek is seek([whence [, offset]]), whence "set", "cur" (default) or
// "end"; the new position, or nil and "Position is negative".
func (l luaHandle) Seek(a vm.Args) int {
	whence := a.OptString(1, "cur")
	off := int64(0)
	if a.Value(2) != lua.LNil {
		f := a.FiniteNumber(2)
		off = int64(math.Max(math.Min(f, math.MaxInt64/2), math.MinInt64/2))
	}
	check(a, l.h.check())
	pos, msg, err := l.h.Seek(whence, off)
	check(a, err)
	if msg != "" {
		return a.Return(lua.LNil, lua.LString(msg))
	}
	return a.Return(lua.LNumber(pos))
}

func (l luaHandle) Close(a vm.Args) int {
	check(a, l.h.Close())
	return 0
}

// owned makes a Lua string of a read's result without copying it: the
// buffer was made for this read and nothing else keeps it, so a read the
// memory limit allowed does not need twice its size.
func owned(b []byte) lua.LString {
	if len(b) == 0 {
		return ""
	}
	return lua.LString(unsafe.String(&b[0], len(b)))
}

// rawString is tostring(v) without metamethods.
func rawString(v lua.LValue) string {
	switch x := v.(type) {
	case lua.LString:
		return string(x)
	case lua.LNumber:
		return vm.FormatNumber(float64(x))
	}
	return v.String()
}

// javaByte is Java's (byte) (int) d: truncate (NaN is 0, saturating at the
// int range), then keep the low eight bits.
func javaByte(d float64) byte {
	switch {
	case math.IsNaN(d):
		return 0
	case d >= math.MaxInt32:
		return 0xFF // low byte of MaxInt32
	case d <= math.MinInt32:
		return 0
	}
	return byte(int32(d))
}
