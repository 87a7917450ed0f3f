package modem

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/vm"
)

// fakeHost is a computer that records the events queued on it.
type fakeHost struct {
	id     int
	mu     sync.Mutex
	events [][]any
}

func (h *fakeHost) ID() int { return h.id }
func (h *fakeHost) Queue(name string, args ...any) {
	h.mu.Lock()
	h.events = append(h.events, append([]any{name}, args...))
	h.mu.Unlock()
}
func (h *fakeHost) Mount(string, string, bool) (string, error) { return "", errors.New("no mounts") }
func (h *fakeHost) Unmount(string)                             {}

func (h *fakeHost) take() [][]any {
	h.mu.Lock()
	defer h.mu.Unlock()
	e := h.events
	h.events = nil
	return e
}

// machine is a Lua state with devices as globals (their methods called
// with dot syntax, as a wrapped peripheral's are).
func machine(t *testing.T, devs map[string]peripheral.Device) *vm.Machine {
	t.Helper()
	m := vm.New(context.Background(), vm.Options{})
	t.Cleanup(m.Close)
	for name, d := range devs {
		m.Register(name, d)
	}
	return m
}

// run runs src and returns its error text ("" when it succeeded).
func run(t *testing.T, m *vm.Machine, src string) string {
	t.Helper()
	fn, err := m.Load(src, "=test")
	if err != nil {
		t.Fatal(err)
	}
	co, h := m.NewCoroutine(fn)
	defer runtime.KeepAlive(h)
	vals, ok := m.RunHost(co, nil)
	if !ok {
		return vm.ToString(m.L, vals[0])
	}
	return ""
}

func attach(t *testing.T, dev peripheral.Attachable, h peripheral.Host, name string) {
	dev.Attach(h, name)
	t.Cleanup(func() { dev.Detach(h, name) })
}

func TestWirelessDelivery(t *testing.T) {
	nets := NewNetworks()
	a, b, c := New(Config{Networks: nets}), New(Config{Networks: nets}), New(Config{Networks: nets})
	ha, hb, hc := &fakeHost{id: 1}, &fakeHost{id: 2}, &fakeHost{id: 3}
	attach(t, a, ha, "top")
	attach(t, b, hb, "left")
	attach(t, c, hc, "back")
	ma, mb := machine(t, map[string]peripheral.Device{"m": a}), machine(t, map[string]peripheral.Device{"m": b})
	if e := run(t, mb, `m.open(5) assert(m.isOpen(5) and not m.isOpen(6))`); e != "" {
		t.Fatal(e)
	}
	if e := run(t, ma, `m.open(5)
		local t = { n = 1, list = { 1, 2 }, f = string.len, [string.len] = 1 }
		t.self = t
		m.transmit(5, 6, t)
		t.n = 2 -- after transmit: not seen by the receiver`); e != "" {
		t.Fatal(e)
	}
	if ev := ha.take(); len(ev) != 0 {
		t.Errorf("the sending modem heard itself: %v", ev)
	}
	if ev := hc.take(); len(ev) != 0 {
		t.Errorf("a modem without the channel open heard: %v", ev)
	}
	ev := hb.take()
	if len(ev) != 1 || len(ev[0]) != 6 {
		t.Fatalf("events = %v, want one modem_message", ev)
	}
	if ev[0][0] != "modem_message" || ev[0][1] != "left" || ev[0][2] != 5 || ev[0][3] != 6 || ev[0][5] != 0.0 {
		t.Errorf("event = %v, want modem_message left 5 6 <msg> 0", ev[0])
	}
	mb.L.SetGlobal("msg", vm.ToLua(mb.L, ev[0][4]))
	if e := run(t, mb, `assert(msg.n == 1, "n") assert(msg.list[2] == 2, "list")
		assert(msg.f == nil, "function kept") assert(msg.self == msg, "cycle lost")
		local k = 0 for _ in pairs(msg) do k = k + 1 end assert(k == 3, "keys " .. k)`); e != "" {
		t.Error(e)
	}
}

// Each receiving computer gets its own copy of a table.
func TestEachReceiverGetsItsOwnTable(t *testing.T) {
	nets := NewNetworks()
	a, b := New(Config{Networks: nets}), New(Config{Networks: nets})
	ha, hb := &fakeHost{id: 1}, &fakeHost{id: 2}
	attach(t, a, ha, "top")
	attach(t, b, hb, "top")
	b.(WirelessModem).channels[1] = struct{}{}
	ma := machine(t, map[string]peripheral.Device{"m": a})
	run(t, ma, `m.transmit(1, 1, { x = 1 })`)
	ev := hb.take()
	mb := machine(t, nil)
	t1, t2 := vm.ToLua(mb.L, ev[0][4]), vm.ToLua(mb.L, ev[0][4])
	if t1 == t2 {
		t.Error("two deliveries share one table")
	}
}

func TestRangeAndDistance(t *testing.T) {
	at := func(x float64) *Position { return &Position{X: x} }
	cases := []struct {
		name     string
		from, to Config
		heard    bool
		wantDist float64
	}{
		{"in range", Config{Position: at(0)}, Config{Position: at(64)}, true, 64},
		{"out of range", Config{Position: at(0)}, Config{Position: &Position{X: 60, Y: 30}}, false, 0},
		{"ender sender", Config{Kind: Ender, Position: at(0)}, Config{Position: at(1000)}, true, 1000},
		{"ender receiver", Config{Position: at(0)}, Config{Kind: Ender, Position: at(1000)}, true, 1000},
		{"3d distance", Config{Position: &Position{1, 2, 3}}, Config{Position: &Position{4, 6, 3}}, true, 5},
		{"wired ignores range", Config{Kind: Wired, Position: at(0)}, Config{Kind: Wired, Position: at(500)}, true, 500},
		{"wired and wireless do not meet", Config{Kind: Wired}, Config{}, false, 0},
		{"different cables", Config{Kind: Wired, Cable: "a"}, Config{Kind: Wired, Cable: "b"}, false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			nets := NewNetworks()
			tc.from.Networks, tc.to.Networks = nets, nets
			a, b := New(tc.from), New(tc.to)
			ha, hb := &fakeHost{id: 1}, &fakeHost{id: 2}
			attach(t, a, ha, "top")
			attach(t, b, hb, "top")
			mb := machine(t, map[string]peripheral.Device{"m": b})
			run(t, mb, `m.open(7)`)
			ma := machine(t, map[string]peripheral.Device{"m": a})
			if e := run(t, ma, `m.transmit(7, 7, "hi")`); e != "" {
				t.Fatal(e)
			}
			ev := hb.take()
			if !tc.heard {
				if len(ev) != 0 {
					t.Fatalf("heard %v", ev)
				}
				return
			}
			if len(ev) != 1 || ev[0][5] != tc.wantDist {
				t.Fatalf("events %v, want one at distance %v", ev, tc.wantDist)
			}
		})
	}
}

// The host's networks and position are used when the modem has none.
type worldHost struct {
	fakeHost
	nets *Networks
}

func (h *worldHost) ModemNetworks() *Networks { return h.nets }

func TestNetworksFromHost(t *testing.T) {
	nets := NewNetworks()
	nets.Position = func(h peripheral.Host) Position { return Position{X: float64(h.ID()) * 10} }
	ha, hb := &worldHost{fakeHost{id: 1}, nets}, &worldHost{fakeHost{id: 4}, nets}
	a, b := New(Config{}), New(Config{})
	attach(t, a, ha, "top")
	attach(t, b, hb, "top")
	run(t, machine(t, map[string]peripheral.Device{"m": b}), `m.open(1)`)
	run(t, machine(t, map[string]peripheral.Device{"m": a}), `m.transmit(1, 2, true)`)
	ev := hb.take()
	if len(ev) != 1 || ev[0][5] != 30.0 || ev[0][4] != lua.LTrue {
		t.Fatalf("events %v, want one with true at distance 30", ev)
	}
}

func TestModemErrors(t *testing.T) {
	m := machine(t, map[string]peripheral.Device{"m": New(Config{Networks: NewNetworks()})})
	cases := []struct{ src, want string }{
		{`m.open(65536)`, "Expected number in range 0-65535"},
		{`m.open(-1)`, "Expected number in range 0-65535"},
		{`m.isOpen(1e6)`, "Expected number in range 0-65535"},
		{`m.close(70000)`, "Expected number in range 0-65535"},
		{`m.transmit(1, 65536, "x")`, "Expected number in range 0-65535"},
		{`m.open("x")`, "bad argument #1 (number expected, got string)"},
		{`m.transmit(1)`, "bad argument #2 (number expected, got nil)"},
		{`for i = 0, 128 do m.open(i) end`, "Too many open channels"},
		{`for i = 0, 127 do m.open(i) end m.open(5) m.closeAll() m.open(200)`, ""},
	}
	for _, tc := range cases {
		got := run(t, m, tc.src)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: error %q, want %q", tc.src, got, tc.want)
		}
		run(t, m, `m.closeAll()`)
	}
}

func TestParseArg(t *testing.T) {
	cases := []struct {
		arg  string
		want Config
		err  bool
	}{
		{"", Config{Kind: Wireless}, false},
		{"wireless", Config{Kind: Wireless}, false},
		{"ender", Config{Kind: Ender}, false},
		{"wired", Config{Kind: Wired, Cable: "default"}, false},
		{"wired:lab", Config{Kind: Wired, Cable: "lab"}, false},
		{"@1,2.5,-3", Config{Kind: Wireless, Position: &Position{1, 2.5, -3}}, false},
		{"wired:x@0,0,9", Config{Kind: Wired, Cable: "x", Position: &Position{0, 0, 9}}, false},
		{"laser", Config{}, true},
		{"@1,2", Config{}, true},
		{"@1,a,2", Config{}, true},
	}
	for _, tc := range cases {
		got, err := ParseArg(tc.arg)
		if (err != nil) != tc.err {
			t.Errorf("%q: error %v", tc.arg, err)
			continue
		}
		if tc.err {
			continue
		}
		if got.Kind != tc.want.Kind || got.Cable != tc.want.Cable || (got.Position == nil) != (tc.want.Position == nil) ||
			got.Position != nil && *got.Position != *tc.want.Position {
			t.Errorf("%q: %+v, want %+v", tc.arg, got, tc.want)
		}
	}
}

// idDevice is a stand-in for a computer's own peripheral on a cable.
type idDevice struct{ id int }

func (idDevice) Types() []string { return []string{"computer"} }
func (d idDevice) GetID(a vm.Args) int {
	return a.Return(lua.LNumber(d.id))
}
func (d idDevice) Echo(a vm.Args) int { return a.Return(lua.LString(a.String(1))) }

func TestWiredRemotePeripherals(t *testing.T) {
	nets := NewNetworks()
	nets.Self = func(h peripheral.Host) peripheral.Device { return idDevice{h.ID()} }
	a, b := New(Config{Kind: Wired, Networks: nets}), New(Config{Kind: Wired, Networks: nets})
	ha, hb := &fakeHost{id: 1}, &fakeHost{id: 2}
	attach(t, a, ha, "back")
	attach(t, b, hb, "right")
	if ev := ha.take(); len(ev) != 1 || ev[0][0] != "peripheral" || ev[0][1] != "back" || ev[0][2] != "computer_2" {
		t.Errorf("computer 1 events %v, want peripheral back computer_2", ev)
	}
	nets.Cable("default").Attach("printer_0", idDevice{99})
	ma := machine(t, map[string]peripheral.Device{"m": a})
	if e := run(t, ma, `
		assert(not m.isWireless(), "wireless")
		local names = m.getNamesRemote()
		assert(#names == 2 and names[1] == "computer_2" and names[2] == "printer_0", table.concat(names, ","))
		assert(m.getNameLocal() == "computer_1", tostring(m.getNameLocal()))
		assert(m.isPresentRemote("computer_2") and not m.isPresentRemote("computer_1"), "present")
		assert(m.getTypeRemote("computer_2") == "computer", "type")
		assert(m.getTypeRemote("nope") == nil, "type of nothing")
		assert(m.hasTypeRemote("computer_2", "computer") == true and m.hasTypeRemote("computer_2", "x") == false, "hasType")
		assert(m.hasTypeRemote("nope", "x") == nil, "hasType of nothing")
		local ms = m.getMethodsRemote("computer_2")
		assert(#ms == 2 and ms[1] == "echo" and ms[2] == "getID", table.concat(ms, ","))
		assert(m.callRemote("computer_2", "getID") == 2, "callRemote")
		assert(m.callRemote("computer_2", "echo", "hi") == "hi", "callRemote args")
		local ok, err = pcall(m.callRemote, "nope", "getID")
		assert(not ok and err:find("No peripheral: nope", 1, true), err)
		ok, err = pcall(m.callRemote, "computer_2", "fly")
		assert(not ok and err:find("No such method fly", 1, true), err)
		ok, err = pcall(m.callRemote, "computer_2", "echo", 1)
		assert(not ok and err:find("bad argument #1 (string expected, got number)", 1, true), err)
	`); e != "" {
		t.Fatal(e)
	}
	ha.take()
	b.Detach(hb, "right")
	if ev := ha.take(); len(ev) != 1 || ev[0][0] != "peripheral_detach" || ev[0][2] != "computer_2" {
		t.Errorf("after computer 2's modem left: %v, want peripheral_detach back computer_2", ev)
	}
	b.Attach(hb, "right")
}

func TestFactory(t *testing.T) {
	for _, arg := range []any{nil, "wired:x", lua.LString("ender@1,1,1")} {
		if _, err := Factory(arg); err != nil {
			t.Errorf("Factory(%v): %v", arg, err)
		}
	}
	d, _ := Factory("wired")
	if got := d.Types(); len(got) != 2 || got[1] != "peripheral_hub" {
		t.Errorf("wired types %v", got)
	}
	if _, err := Factory(3.0); err == nil {
		t.Error("Factory(3) made a modem")
	}
}

// holdHost counts holds, as a computer's host does.
type holdHost struct {
	fakeHost
	holds int
}

func (h *holdHost) Hold()    { h.mu.Lock(); h.holds++; h.mu.Unlock() }
func (h *holdHost) Release() { h.mu.Lock(); h.holds--; h.mu.Unlock() }
func (h *holdHost) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.holds
}

// A modem with a channel open holds its computer (a message may come), so
// a virtual clock does not jump past a receive's timeout.
func TestOpenChannelHoldsTheComputer(t *testing.T) {
	h := &holdHost{fakeHost: fakeHost{id: 1}}
	d := New(Config{Networks: NewNetworks()})
	d.Attach(h, "top")
	m := machine(t, map[string]peripheral.Device{"m": d})
	steps := []struct {
		src   string
		holds int
	}{
		{``, 0},
		{`m.open(1)`, 1},
		{`m.open(2) m.open(1)`, 1},
		{`m.close(1)`, 1},
		{`m.close(2)`, 0},
		{`m.open(3)`, 1},
		{`m.closeAll()`, 0},
		{`m.open(4)`, 1},
	}
	for _, s := range steps {
		if e := run(t, m, s.src); e != "" {
			t.Fatal(e)
		}
		if got := h.count(); got != s.holds {
			t.Errorf("after %q: %d holds, want %d", s.src, got, s.holds)
		}
	}
	d.Detach(h, "top")
	if got := h.count(); got != 0 {
		t.Errorf("detached with a channel open: %d holds", got)
	}
	d.Attach(h, "top") // channels stay open on the modem
	if got := h.count(); got != 1 {
		t.Errorf("attached again: %d holds", got)
	}
	d.Detach(h, "top")
}
