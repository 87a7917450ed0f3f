package computer

import (
	lua "github.com/yuin/gopher-lua"
	"strings"

	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/fs"
	"github.com/craftos/craftos/internal/vm"
)

// Version is craftos's version, shown in _HOST and `craftos version`.
var Version = "0.1.0"

// CCVersion is the ComputerCraft version whose API craftos follows.
const CCVersion = "1.116.1"

// Host returns _HOST's text: ComputerCraft <semver> (<host>).
func HostString() string {
	return "ComputerCraft " + CCVersion + " (craftos " + Version + ")"
}

// installNatives sets the Go-provided APIs, as CC:Tweaked's Java provides
// them: term, fs, os, peripheral, redstone; and the private host table the
// bios takes for itself.
func (c *Computer) installNatives(h *Host, fsys *fs.FS, timers *events.Timers) {
	m := h.M
	L := m.L
	m.Register("term", c.term)
	m.Register("fs", fs.API{FS: fsys})

	// os.date is C's strftime, as CC:Tweaked's OSAPI.date (vm.OSDate).
	osTable := m.Register("os", osAPI{c: c, timers: timers})
	osTable.RawSetString("date", L.NewFunction(c.osDate())) // clock.go

	m.Register("peripheral", peripheralAPI{p: c.periph})
	m.Register("periphemu", periphemuAPI{p: c.periph, types: c.cfg.PeripheralTypes})
	rs := m.Register("redstone", redstoneAPI{s: &redstoneState{}})
	L.SetGlobal("rs", rs)

	L.SetGlobal("_HOST", lua.LString(HostString()))
	L.SetGlobal("_CC_DEFAULT_SETTINGS", lua.LString(""))

	hostTable := m.Table(hostAPI{c: c})
	boot := L.NewTable()
	boot.RawSetString("kind", lua.LString(c.cfg.Boot.Kind))
	boot.RawSetString("source", lua.LString(c.cfg.Boot.Source))
	boot.RawSetString("name", lua.LString(c.cfg.Boot.Name))
	boot.RawSetString("path", lua.LString(c.cfg.Boot.Path))
	boot.RawSetString("args", vm.ToLua(L, c.cfg.Boot.Args))
	hostTable.RawSetString("boot", boot)
	hostTable.RawSetString("interactive", lua.LBool(c.cfg.StdinIsTerminal || !c.term.Plain()))
	L.SetGlobal("_CRAFTOS_HOST", hostTable)
}

// hostAPI is what only our bios uses; it removes the global at once.
type hostAPI struct{ c *Computer }

// Stderr writes text to the error stream.
func (h hostAPI) Stderr(a vm.Args) int {
	h.c.stderr(a.StringOrNumber(1))
	return 0
}

// RequestLine asks for a line of standard input, delivered as a
// "stdin_line" event (nil at the end of input). A full-screen terminal owns
// standard input: there the input has ended at once.
func (h hostAPI) RequestLine(a vm.Args) int {
	prompt := a.OptString(1, "")
	if !h.c.term.Plain() {
		h.c.queue.PushHost(events.Event{Name: StdinLine, Source: events.SourceStdin})
		return 0
	}
	h.c.input.request(prompt)
	return 0
}

// Write shows text as write() does: on the plain terminal it is streamed
// unchanged (and word-wrapped on the screen kept for screenshots).
func (h hostAPI) Write(a vm.Args) int {
	h.c.term.WriteText(a.StringOrNumber(1))
	return 0
}

// Print is print(...) for the plain terminal: the values as tostring shows
// them, joined by tabs, and a line break; it returns the lines printed.
// Scripts that print a lot (CI logs) spend most of their time here, so it
// is one native call instead of the bios's Lua.
func (h hostAPI) Print(a vm.Args) int {
	var b strings.Builder
	for i := 1; i <= a.N(); i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		b.WriteString(vm.ToString(a.L, a.Value(i)))
	}
	b.WriteByte('\n')
	text := b.String()
	h.c.term.WriteText(text)
	return a.Return(lua.LNumber(strings.Count(text, "\n")))
}

// redstoneAPI is CC:Tweaked's RedstoneMethods on a computer with nothing
// next to it: no signal comes in, and what is set on a side is kept.
type redstoneAPI struct{ s *redstoneState }

type redstoneState struct{ out, bundled [6]int }

// sides are ComputerSide.NAMES, in CC:Tweaked's order.
var sides = []string{"bottom", "top", "back", "front", "right", "left"}

// sideArg reads a side as CC:Tweaked reads its ComputerSide enum
// (LuaValues.checkEnum): a name in any case, else
// "bad argument #1 (unknown option NAME)".
func sideArg(a vm.Args) int {
	s := a.String(1)
	for i, side := range sides {
		if asciiEqualFold(s, side) {
			return i
		}
	}
	a.Error(1, "unknown option "+s)
	return 0
}

// asciiEqualFold is Java's equalsIgnoreCase on a Lua string (bytes read as
// Latin-1), compared with an ASCII name: only ASCII letters fold.
func asciiEqualFold(s, ascii string) bool {
	if len(s) != len(ascii) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c, d := s[i], ascii[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// javaInt is an int argument of a CC:Tweaked method: the number truncated,
// then cut to 32 bits as Java's (int) cast of a long does.
func javaInt(a vm.Args, i int) int { return int(int32(int64(a.Int(i)))) }

func (redstoneAPI) GetSides(a vm.Args) int       { return a.Return(vm.ToLua(a.L, sides)) }
func (redstoneAPI) GetInput(a vm.Args) int       { sideArg(a); return a.Return(lua.LFalse) }
func (r redstoneAPI) GetOutput(a vm.Args) int    { return a.Return(lua.LBool(r.s.out[sideArg(a)] > 0)) }
func (redstoneAPI) GetAnalogInput(a vm.Args) int { sideArg(a); return a.Return(lua.LNumber(0)) }
func (r redstoneAPI) GetAnalogOutput(a vm.Args) int {
	return a.Return(lua.LNumber(r.s.out[sideArg(a)]))
}
func (redstoneAPI) GetBundledInput(a vm.Args) int { sideArg(a); return a.Return(lua.LNumber(0)) }
func (r redstoneAPI) GetBundledOutput(a vm.Args) int {
	return a.Return(lua.LNumber(r.s.bundled[sideArg(a)]))
}

func (r redstoneAPI) SetOutput(a vm.Args) int {
	side, level := sideArg(a), 0
	if a.Bool(2) {
		level = 15
	}
	r.s.out[side] = level
	return 0
}

func (r redstoneAPI) SetAnalogOutput(a vm.Args) int {
	side, level := sideArg(a), javaInt(a, 2)
	if level < 0 || level > 15 {
		a.Fail("Expected number in range 0-15")
	}
	r.s.out[side] = level
	return 0
}

func (r redstoneAPI) SetBundledOutput(a vm.Args) int {
	side, mask := sideArg(a), javaInt(a, 2)
	r.s.bundled[side] = mask
	return 0
}

// TestBundledInput is (input & mask) == mask, with no input.
func (redstoneAPI) TestBundledInput(a vm.Args) int {
	sideArg(a)
	return a.Return(lua.LBool(javaInt(a, 2) == 0))
}

func (redstoneAPI) LuaAliases() map[string]string {
	return map[string]string{
		"getAnalogueInput":  "getAnalogInput",
		"getAnalogueOutput": "getAnalogOutput",
		"setAnalogueOutput": "setAnalogOutput",
	}
}
