package vm

import (
	"sync"

	lua "github.com/yuin/gopher-lua"
)

// Parsing and compiling the ROM is most of a boot (about 110 KB of Lua).
// gopher-lua's function prototypes are read-only once compiled, so every
// machine of the process can share them: chunks registered with Precompile
// are compiled once, on a background goroutine, and Load of the same source
// under the same chunk name takes the shared prototype. Nothing else is
// cached: a program's own load() calls compile every time.

type protoEntry struct {
	once  sync.Once
	src   string
	name  string
	proto *lua.FunctionProto
	err   error
}

func (e *protoEntry) compile() {
	e.once.Do(func() { e.proto, e.err = compile(e.src, e.name) })
}

var protoCache sync.Map // chunk name + "\x00" + source -> *protoEntry

// Chunk is a Lua source and the chunk name it will be loaded under
// ("@/rom/apis/colors.lua").
type Chunk struct {
	Name, Source string
}

// Precompile registers chunks whose compiled form every machine of the
// process shares, and compiles the new ones in the background (in order,
// so list first what is loaded first). Registering a chunk again is
// cheap and starts nothing.
func Precompile(chunks []Chunk) {
	var todo []*protoEntry
	for _, c := range chunks {
		e, loaded := protoCache.LoadOrStore(c.Name+"\x00"+c.Source, &protoEntry{src: c.Source, name: c.Name})
		if !loaded {
			todo = append(todo, e.(*protoEntry))
		}
	}
	if len(todo) == 0 {
		return
	}
	go func() {
		for _, e := range todo {
			e.compile()
		}
	}()
}

// sharedEntry is the registered chunk's entry, or nil.
func sharedEntry(src, chunkname string) *protoEntry {
	v, ok := protoCache.Load(chunkname + "\x00" + src)
	if !ok {
		return nil
	}
	return v.(*protoEntry)
}

// get returns the shared prototype, waiting if it is being compiled right
// now, compiling it here if its turn has not come.
func (e *protoEntry) get() (*lua.FunctionProto, error) {
	e.compile()
	return e.proto, e.err
}

// sharedProto returns the shared prototype of a registered chunk, or nil
// when the chunk is not registered.
func sharedProto(src, chunkname string) (*lua.FunctionProto, error) {
	if e := sharedEntry(src, chunkname); e != nil {
		return e.get()
	}
	return nil, nil
}
