package fs

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
)

// API is the native fs table; each method is the Lua function of its name.
type API struct {
	FS *FS
}

func raise(a vm.Args, err error) {
	a.L.RaiseError("%s", err.Error())
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

func (api API) Combine(a vm.Args) int {
	parts := make([]string, a.N())
	for i := range parts {
		parts[i] = a.String(i + 1)
	}
	if len(parts) == 0 {
		a.String(1)
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

func (api API) GetCapacity(a vm.Args) int {
	l, err := api.FS.locate(a.String(1))
	if err != nil {
		raise(a, err)
	}
	if l.rom {
		return a.Return(lua.LNil)
	}
	return a.Return(lua.LNumber(Capacity))
}

func (api API) GetDrive(a vm.Args) int {
	p := a.String(1)
	if !api.FS.Exists(p) {
		return a.Return(lua.LNil)
	}
	l, _ := api.FS.locate(p)
	if l.rom {
		return a.Return(lua.LString("rom"))
	}
	return a.Return(lua.LString("hdd"))
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
	if err := api.FS.Move(a.String(1), a.String(2)); err != nil {
		raise(a, err)
	}
	return 0
}

func (api API) Copy(a vm.Args) int {
	if err := api.FS.Copy(a.String(1), a.String(2)); err != nil {
		raise(a, err)
	}
	return 0
}

func (api API) Attributes(a vm.Args) int {
	st, l, err := api.FS.Attributes(a.String(1))
	if err != nil {
		raise(a, err)
	}
	t := a.L.NewTable()
	size := st.Size()
	if st.IsDir() {
		size = 0
	}
	t.RawSetString("size", lua.LNumber(size))
	t.RawSetString("isDir", lua.LBool(st.IsDir()))
	t.RawSetString("isReadOnly", lua.LBool(l.rom))
	t.RawSetString("created", lua.LNumber(modTime(st)))
	t.RawSetString("modified", lua.LNumber(modTime(st)))
	t.RawSetString("modification", lua.LNumber(modTime(st)))
	return a.Return(t)
}

// Open returns a handle table, or nil and "/path: message".
func (api API) Open(a vm.Args) int {
	p := a.String(1)
	mode := a.String(2)
	h, err := api.FS.Open(p, mode)
	if err == errUnsupportedMode {
		a.Fail("Unsupported mode")
	}
	if err != nil {
		return a.Return(lua.LNil, lua.LString(err.Error()))
	}
	return a.Return(h.LuaValue(a.L))
}
