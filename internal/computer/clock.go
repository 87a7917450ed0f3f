package computer

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/vm"
)

// newClock is the computer's clock: the wall clock, or with
// Config.VirtualClock one the scheduler may move forward. It lives as long
// as the computer, so time never goes back across a reboot.
func newClock(cfg Config) events.Clock {
	if cfg.VirtualClock {
		return events.NewVirtualClock()
	}
	return events.RealClock
}

// skipTime is the virtual clock's jump, tried when the computer is about to
// wait on an empty queue: if the only thing that can happen next is a timer
// or an alarm, time moves to it and it fires. While anything else may still
// wake the computer (an HTTP request, a port, a WebSocket, stdin being read,
// a full-screen terminal's keyboard) the clock keeps real speed.
func (c *Computer) skipTime() bool {
	if !c.isVirtual() {
		return false
	}
	// Holds and reads first: a source queues its last event before it
	// lets go, so an empty queue read afterwards is really empty.
	if c.host.holds.Load() != 0 || c.input.reading.Load() != 0 || c.queue.Len() != 0 {
		return false
	}
	return c.timers.Skip()
}

// isVirtual reports whether the clock can jump: a virtual clock on the
// plain terminal (a full screen's keyboard may always wake the computer).
func (c *Computer) isVirtual() bool {
	_, ok := c.clock.(*events.VirtualClock)
	return ok && c.term.Plain()
}

// seedRandom seeds math.random with Config.Seed, as if the boot began with
// math.randomseed(seed), so a run's random numbers repeat.
func (c *Computer) seedRandom(m *vm.Machine) {
	if c.cfg.Seed == nil {
		return
	}
	mth, ok := m.L.GetGlobal("math").(*lua.LTable)
	if !ok {
		return
	}
	if fn, ok := mth.RawGetString("randomseed").(*lua.LFunction); ok {
		_ = m.L.CallByParam(lua.P{Fn: fn, Protect: true}, lua.LNumber(*c.cfg.Seed))
	}
}

// osDate is os.date on the computer's clock: without a time argument it
// formats the clock's now (vm.OSDate reads the wall clock).
func (c *Computer) osDate() lua.LGFunction {
	if c.clock == events.RealClock {
		return vm.OSDate
	}
	return func(L *lua.LState) int {
		if L.Get(2) == lua.LNil {
			L.SetTop(1)
			L.Push(lua.LNumber(c.clock.Now().Unix()))
		}
		return vm.OSDate(L)
	}
}
