package vm

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// DisplayName turns a Lua chunk name into the name errors show, as PUC Lua's
// luaO_chunkid does (LUA_IDSIZE 60): "=name" loses its prefix, "@file" too
// (long paths keep their end), source text becomes [string "first line..."].
func DisplayName(chunk string) string {
	const idSize = 60
	switch {
	case strings.HasPrefix(chunk, "="):
		if len(chunk) > idSize {
			return chunk[1:idSize]
		}
		return chunk[1:]
	case strings.HasPrefix(chunk, "@"):
		if len(chunk) > idSize {
			return "..." + chunk[len(chunk)-(idSize-1-3):]
		}
		return chunk[1:]
	}
	const room = idSize - len(`[string "..."]`) - 1
	line, _, multiLine := strings.Cut(chunk, "\n")
	if !multiLine && len(line) < room {
		return `[string "` + line + `"]`
	}
	if len(line) > room {
		line = line[:room]
	}
	return `[string "` + line + `..."]`
}

// Load compiles src as a chunk named chunkname (a PUC chunk name: "@file",
// "=name" or source text) after rewriting Lua 5.2/5.3 escapes gopher-lua's
// lexer lacks. Syntax errors read "name:line: message", as in CraftOS.
func (m *Machine) Load(src, chunkname string) (*lua.LFunction, error) {
	return m.LoadIn(nil, src, chunkname)
}

// LoadIn is Load for code running on thread L (load, loadstring): the
// watchdog can stop a long compile, and its "Too long without yielding"
// (or the computer's stop) is then raised on L, as the running code's error.
func (m *Machine) LoadIn(L *lua.LState, src, chunkname string) (*lua.LFunction, error) {
	var proto *lua.FunctionProto
	var err error
	if p := compiledProto(src, chunkname); p != nil {
		proto = p // the ROM, compiled at build time (protoblob.go)
	} else if e := sharedEntry(src, chunkname); e != nil {
		// The ROM compiles once per process, maybe on another goroutine
		// right now: waiting for it is not running Lua, so the watchdog's
		// window does not count it (a short --watchdog once fired in the
		// bios while it waited).
		m.wd.pause()
		proto, err = e.get()
		m.wd.resume()
	} else {
		proto, err = compileInterruptible(src, chunkname, func() bool {
			return m.abort.Load() != abortNone
		})
	}
	if err == errInterrupted {
		if L != nil {
			m.raiseAbort(L)
		}
		return nil, errors.New(ErrTooLongWithoutYielding)
	}
	if err != nil {
		return nil, err
	}
	return m.L.NewFunctionFromProto(proto), nil
}

// compile turns a chunk into a function prototype.
func compile(src, chunkname string) (*lua.FunctionProto, error) {
	return compileInterruptible(src, chunkname, nil)
}

// compileInterruptible compiles, polling interrupt now and then (the
// watchdog's way to stop a huge compile); a stop returns errInterrupted.
// Syntax errors read as PUC Lua 5.2 writes them: the parser is a port of
// its lparser.c and llex.c.
func compileInterruptible(src, chunkname string, interrupt func() bool) (*lua.FunctionProto, error) {
	sourceCompiles.Add(1)
	name := DisplayName(chunkname)
	chunk, err := parse.ParseString(src, name, interrupt)
	if err == parse.ErrInterrupted {
		return nil, errInterrupted
	}
	if err != nil {
		return nil, err
	}
	rewriteChunk(chunk)
	proto, err := lua.CompileInterruptible(chunk, name, interrupt)
	if err == lua.ErrCompileInterrupted {
		return nil, errInterrupted
	}
	if err != nil {
		return nil, fmt.Errorf("%s", compileMessage(err, name))
	}
	proto.SetChunkName(chunkname) // debug.getinfo's source, as PUC keeps it
	return proto, nil
}

var errInterrupted = errors.New("compile interrupted")

var compileErr = regexp.MustCompile(`^compile error near line\((\d+)\) (.*?): (.*)$`)

// compileMessage words the errors gopher-lua's code generator raises (its
// own limits; the parser has reported every PUC syntax error before).
func compileMessage(err error, name string) string {
	text := strings.TrimSpace(err.Error())
	if g := compileErr.FindStringSubmatch(text); g != nil {
		if g[3] == "too long to jump." { // PUC's luaK_fixjump
			g[3] = "control structure too long"
		}
		return fmt.Sprintf("%s:%s: %s", name, g[1], g[3])
	}
	return text
}

// utf8Encode encodes v as Lua 5.3's \u{} does (up to 6 bytes, 2^31).
func utf8Encode(v uint32) []byte {
	if v < 0x80 {
		return []byte{byte(v)}
	}
	var buf [8]byte
	n := 0
	limit := uint32(0x3f)
	for v > limit {
		buf[7-n] = byte(0x80 | (v & 0x3f))
		n++
		v >>= 6
		limit >>= 1
	}
	buf[7-n] = byte((^limit << 1) | v)
	n++
	return buf[8-n:]
}
