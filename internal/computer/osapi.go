package computer

import (
	"math"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/events"
	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/vm"
)

// osAPI is the native part of CraftOS's os API; the bios adds pullEvent,
// sleep, run, loadAPI and version.
type osAPI struct {
	c      *Computer
	timers *events.Timers
}

// The in-game clock, as CraftOS-PC keeps it: a computer boots at 06:00, an
// in-game hour lasts 50 real seconds, a day 20 minutes.
const (
	msPerGameDay  = 1200000
	gameDayOffset = 300000 // 06:00
)

func (o osAPI) sinceBoot() int64 { return o.c.clock.Now().Sub(o.c.started).Milliseconds() }

func (o osAPI) gameTime() float64 {
	t := (o.sinceBoot() + gameDayOffset) % msPerGameDay
	return math.Floor(float64(t)/50) / 1000
}

func (o osAPI) gameDay() int64 {
	return (o.sinceBoot()+gameDayOffset)/msPerGameDay + 1
}

func (o osAPI) QueueEvent(a vm.Args) int {
	name := a.String(1)
	params := make([]any, 0, a.N()-1)
	for i := 2; i <= a.N(); i++ {
		params = append(params, vm.Copy(a.Value(i)))
	}
	o.c.queue.Push(events.Event{Name: name, Args: params, Source: events.SourceQueueEvent})
	return 0
}

func (o osAPI) StartTimer(a vm.Args) int {
	d := Seconds(a.FiniteNumber(1))
	return a.Return(lua.LNumber(o.timers.Start(d)))
}

func (o osAPI) CancelTimer(a vm.Args) int {
	o.timers.Cancel(a.Int(1))
	return 0
}

func (o osAPI) SetAlarm(a vm.Args) int {
	h := a.FiniteNumber(1)
	if h < 0 || h >= 24 {
		a.Fail("Number out of range")
	}
	now := o.gameTime()
	delta := h - now
	if delta < 0 {
		delta += 24
	}
	d := time.Duration(delta*50*float64(time.Second)) + 3*time.Millisecond
	return a.Return(lua.LNumber(o.timers.StartAlarm(d)))
}

func (o osAPI) CancelAlarm(a vm.Args) int {
	o.timers.Cancel(a.Int(1))
	return 0
}

// Shutdown stops the computer after the bios next yields; a numeric code
// becomes the process's exit status, as in CraftOS-PC's headless mode.
func (o osAPI) Shutdown(a vm.Args) int {
	o.c.shutdown = true
	o.c.exitCode = a.OptInt(1, 0)
	return 0
}

func (o osAPI) Reboot(a vm.Args) int {
	o.c.shutdown = true
	o.c.reboot = true
	return 0
}

func (o osAPI) GetComputerID(a vm.Args) int {
	return a.Return(lua.LNumber(o.c.cfg.ID))
}

func (o osAPI) GetComputerLabel(a vm.Args) int {
	label, ok := o.c.Label()
	if !ok {
		return 0
	}
	return a.Return(lua.LString(label))
}

func (o osAPI) SetComputerLabel(a vm.Args) int {
	label, ok := "", false
	if a.Value(1) != lua.LNil {
		label, ok = peripheral.NormaliseLabel(a.String(1)), true
	}
	o.c.labelMu.Lock()
	o.c.label, o.c.hasLabel = label, ok
	o.c.labelMu.Unlock()
	return 0
}

// Label is the computer's label (ok false: none). Other computers read it
// (the computer peripheral's getLabel), so it is guarded.
func (c *Computer) Label() (label string, ok bool) {
	c.labelMu.Lock()
	defer c.labelMu.Unlock()
	return c.label, c.hasLabel
}

func (o osAPI) Clock(a vm.Args) int {
	return a.Return(lua.LNumber(float64(o.sinceBoot()) / 1000))
}

func clockArg(a vm.Args) string {
	return strings.ToLower(a.OptString(1, "ingame"))
}

func hoursOf(t time.Time) float64 {
	return float64(t.Hour()) + float64(t.Minute())/60 + float64(t.Second())/3600 + float64(t.Nanosecond()/1e6)/3600000
}

func (o osAPI) Time(a vm.Args) int {
	if t, ok := a.Value(1).(*lua.LTable); ok {
		return a.Return(vm.OSTime(a.L, t))
	}
	switch clockArg(a) {
	case "ingame":
		return a.Return(lua.LNumber(o.gameTime()))
	case "utc":
		return a.Return(lua.LNumber(hoursOf(o.c.clock.Now().UTC())))
	case "local":
		return a.Return(lua.LNumber(hoursOf(o.c.clock.Now())))
	}
	a.Fail("Unsupported operation")
	return 0
}

// Day follows CraftOS-PC: days since 1970-01-01, counted from 0.
func (o osAPI) Day(a vm.Args) int {
	switch clockArg(a) {
	case "ingame":
		return a.Return(lua.LNumber(o.gameDay()))
	case "utc", "local":
		return a.Return(lua.LNumber(o.c.clock.Now().Unix() / 86400))
	}
	a.Fail("Unsupported operation")
	return 0
}

func (o osAPI) Epoch(a vm.Args) int {
	now := o.c.clock.Now()
	switch clockArg(a) {
	case "ingame":
		return a.Return(lua.LNumber(float64(o.gameDay())*86400000 + o.gameTime()*3600000))
	case "utc":
		return a.Return(lua.LNumber(now.UnixMilli()))
	case "local":
		_, off := now.Zone()
		return a.Return(lua.LNumber(now.UnixMilli() + int64(off)*1000))
	case "nano":
		return a.Return(lua.LNumber(now.UnixNano() & (1<<53 - 1)))
	}
	a.Fail("Unsupported operation")
	return 0
}

func (o osAPI) LuaAliases() map[string]string {
	return map[string]string{
		"computerID":    "getComputerID",
		"computerLabel": "getComputerLabel",
	}
}
