package modem

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/vm"
)

// Kind is what a modem is.
type Kind int

const (
	Wireless Kind = iota // hears wireless modems within range
	Ender                // a wireless modem without a range limit
	Wired                // hears the modems on its cable
)

// WirelessRange is CC:Tweaked's default modem_range, in blocks. (Its
// higher range above y=96 is not modelled.)
const WirelessRange = 64

// maxOpen is how many channels a modem may have open (ModemState).
const maxOpen = 128

// Config says what modem to make.
type Config struct {
	Kind Kind
	// Cable is a wired modem's network name ("" is "default").
	Cable string
	// Position, when set, is where the modem is; otherwise it is where its
	// computer is (Networks.Position), else the origin.
	Position *Position
	// Networks is the world the modem is in; nil takes the networks of
	// the computer it is attached to (a Host with ModemNetworks), else
	// Default.
	Networks *Networks
}

// NetworksHost is a Host that belongs to a world of computers: its modems
// join that world's networks.
type NetworksHost interface {
	ModemNetworks() *Networks
}

// Modem is the state every kind of modem shares; its methods are the modem
// API (open, isOpen, close, closeAll, transmit, isWireless).
type Modem struct {
	cfg Config

	mu       sync.Mutex
	channels map[int]struct{}
	attached []attachment
	net      *Network
	nets     *Networks
	pos      Position
	self     string // the name this computer has on the cable ("" none)
}

type attachment struct {
	h    peripheral.Host
	name string
	held bool // h is held (see syncHolds)
}

// holder is a Host that can be told an event may still come (so a
// --clock=virtual computer waiting with a timeout does not jump past it).
type holder interface {
	Hold()
	Release()
}

// syncHolds holds each attached computer while a channel is open: a
// message may then arrive at any time. Called with m.mu held.
func (m *Modem) syncHolds() {
	want := len(m.channels) > 0
	for i := range m.attached {
		a := &m.attached[i]
		if a.held == want {
			continue
		}
		if hd, ok := a.h.(holder); ok {
			if want {
				hd.Hold()
			} else {
				hd.Release()
			}
		}
		a.held = want
	}
}

// WirelessModem is a wireless or ender modem: type "modem".
type WirelessModem struct{ *Modem }

// WiredModem is a wired modem: types "modem" and "peripheral_hub", with
// the methods reaching the peripherals on its cable.
type WiredModem struct{ *Modem }

// New makes a modem device.
func New(cfg Config) peripheral.Attachable {
	if cfg.Kind == Wired && cfg.Cable == "" {
		cfg.Cable = "default"
	}
	m := &Modem{cfg: cfg, channels: map[int]struct{}{}}
	if cfg.Kind == Wired {
		return WiredModem{m}
	}
	return WirelessModem{m}
}

// Factory is periphemu.create(side, "modem" [, arg]) and --peripheral
// SIDE=modem[:ARG]. arg is a string: "" or "wireless" (range 64), "ender"
// (no range limit), "wired" or "wired:CABLE" (a cable by name, "default"
// when none), each optionally followed by "@X,Y,Z", the modem's position.
func Factory(arg any) (peripheral.Device, error) {
	var s string
	switch v := arg.(type) {
	case nil:
	case string:
		s = v
	case lua.LString:
		s = string(v)
	default:
		return nil, fmt.Errorf("modem: expected a string argument, got %T", arg)
	}
	cfg, err := ParseArg(s)
	if err != nil {
		return nil, err
	}
	return New(cfg), nil
}

// ParseArg reads a modem argument (see Factory).
func ParseArg(s string) (Config, error) {
	var cfg Config
	kind, at, hasPos := strings.Cut(s, "@")
	if hasPos {
		parts := strings.Split(at, ",")
		if len(parts) != 3 {
			return cfg, fmt.Errorf("modem position %q: want X,Y,Z", at)
		}
		var p [3]float64
		for i, part := range parts {
			f, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return cfg, fmt.Errorf("modem position %q: %q is not a number", at, part)
			}
			p[i] = f
		}
		cfg.Position = &Position{p[0], p[1], p[2]}
	}
	switch name, cable, wired := strings.Cut(kind, ":"); {
	case kind == "" || kind == "wireless":
		cfg.Kind = Wireless
	case kind == "ender":
		cfg.Kind = Ender
	case name == "wired":
		cfg.Kind, cfg.Cable = Wired, cable
		if !wired || cable == "" {
			cfg.Cable = "default"
		}
	default:
		return cfg, fmt.Errorf("unknown modem kind %q (wireless, ender, wired[:CABLE])", kind)
	}
	return cfg, nil
}

// Types is "modem", and "peripheral_hub" for a wired one.
func (m WirelessModem) Types() []string { return []string{"modem"} }

// Types is "modem", and "peripheral_hub" for a wired one.
func (m WiredModem) Types() []string { return []string{"modem", "peripheral_hub"} }

// Attach joins the modem's network when its first computer attaches.
func (m *Modem) Attach(h peripheral.Host, name string) {
	m.mu.Lock()
	m.attached = append(m.attached, attachment{h: h, name: name})
	m.syncHolds()
	first := len(m.attached) == 1
	if first {
		m.nets = m.cfg.Networks
		if m.nets == nil {
			if nh, ok := h.(NetworksHost); ok && nh.ModemNetworks() != nil {
				m.nets = nh.ModemNetworks()
			} else {
				m.nets = Default
			}
		}
		switch {
		case m.cfg.Position != nil:
			m.pos = *m.cfg.Position
		case m.nets.Position != nil:
			m.pos = m.nets.Position(h)
		}
		if m.cfg.Kind == Wired {
			m.net = m.nets.Cable(m.cfg.Cable)
		} else {
			m.net = m.nets.Air()
		}
	}
	net, nets := m.net, m.nets
	m.mu.Unlock()
	if !first {
		return
	}
	net.join(m)
	if m.cfg.Kind == Wired && nets.Self != nil {
		if dev := nets.Self(h); dev != nil {
			self := fmt.Sprintf("computer_%d", h.ID())
			m.mu.Lock()
			m.self = self
			m.mu.Unlock()
			net.addRemote(self, &remote{dev: dev, owner: m})
		}
	}
}

// Detach leaves the network when the last computer detaches; the modem's
// channels stay open, as a modem block keeps them.
func (m *Modem) Detach(h peripheral.Host, name string) {
	m.mu.Lock()
	for i, a := range m.attached {
		if a.h == h && a.name == name {
			if hd, ok := h.(holder); ok && a.held {
				hd.Release()
			}
			m.attached = append(m.attached[:i:i], m.attached[i+1:]...)
			break
		}
	}
	var net *Network
	var self string
	if len(m.attached) == 0 && m.net != nil {
		net, self = m.net, m.self
		m.net, m.self = nil, ""
	}
	m.mu.Unlock()
	if net != nil {
		net.leave(m)
		if self != "" {
			net.removeRemote(self, m)
		}
	}
}

// queueAll queues an event on every computer the modem is attached to,
// with the modem's name there first.
func (m *Modem) queueAll(event string, args ...any) {
	m.mu.Lock()
	attached := append([]attachment(nil), m.attached...)
	m.mu.Unlock()
	for _, a := range attached {
		a.h.Queue(event, append([]any{a.name}, args...)...)
	}
}

// channel reads a channel argument as CC:Tweaked's parseChannel: an int
// (truncated, cut to 32 bits) in 0-65535.
func channel(a vm.Args, i int) int {
	c := int(int32(int64(a.Int(i))))
	if c < 0 || c > 65535 {
		a.Fail("Expected number in range 0-65535")
	}
	return c
}

// Open opens a channel to receive messages on (at most 128 at once).
func (m *Modem) Open(a vm.Args) int {
	c := channel(a, 1)
	m.mu.Lock()
	_, open := m.channels[c]
	full := !open && len(m.channels) >= maxOpen
	if !open && !full {
		m.channels[c] = struct{}{}
		m.syncHolds()
	}
	m.mu.Unlock()
	if full {
		a.Fail("Too many open channels")
	}
	return 0
}

// IsOpen is whether a channel is open.
func (m *Modem) IsOpen(a vm.Args) int {
	return a.Return(lua.LBool(m.isOpen(channel(a, 1))))
}

func (m *Modem) isOpen(c int) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.channels[c]
	return ok
}

// Close closes a channel.
func (m *Modem) Close(a vm.Args) int {
	c := channel(a, 1)
	m.mu.Lock()
	delete(m.channels, c)
	m.syncHolds()
	m.mu.Unlock()
	return 0
}

// CloseAll closes every channel.
func (m *Modem) CloseAll(a vm.Args) int {
	m.mu.Lock()
	clear(m.channels)
	m.syncHolds()
	m.mu.Unlock()
	return 0
}

// IsWireless is whether this is a wireless (or ender) modem.
func (m *Modem) IsWireless(a vm.Args) int {
	return a.Return(lua.LBool(m.cfg.Kind != Wired))
}

// Transmit sends a message on a channel (which need not be open here) to
// every other modem of the network listening on it and in range; the
// message is copied for each receiving computer.
func (m *Modem) Transmit(a vm.Args) int {
	ch, reply := channel(a, 1), channel(a, 2)
	payload := vm.Copy(a.Value(3))
	m.mu.Lock()
	net, pos := m.net, m.pos
	m.mu.Unlock()
	if net == nil {
		return 0 // not attached: nowhere to send
	}
	for _, r := range net.receivers() {
		if r == m || !r.isOpen(ch) {
			continue
		}
		r.mu.Lock()
		rpos := r.pos
		r.mu.Unlock()
		d := pos.distance(rpos)
		if net.wireless && !m.inRange(r, d) {
			continue
		}
		r.queueAll("modem_message", ch, reply, payload, d)
	}
	return 0
}

// inRange is CC:Tweaked's symmetric range check: the larger range of the
// two modems; an ender modem at either end reaches any distance.
func (m *Modem) inRange(r *Modem, d float64) bool {
	if m.cfg.Kind == Ender || r.cfg.Kind == Ender {
		return true
	}
	return d <= WirelessRange
}

// cable is the wired modem's network (nil when detached).
func (m WiredModem) cable() *Network {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.net
}

// GetNamesRemote lists the peripherals on the cable (not this computer).
func (m WiredModem) GetNamesRemote(a vm.Args) int {
	var names []string
	if net := m.cable(); net != nil {
		names = net.remoteNames(m.Modem)
	}
	if names == nil {
		names = []string{}
	}
	return a.Return(vm.ToLua(a.L, names))
}

func (m WiredModem) remote(name string) peripheral.Device {
	if net := m.cable(); net != nil {
		return net.remote(m.Modem, name)
	}
	return nil
}

// IsPresentRemote is whether a peripheral is on the cable.
func (m WiredModem) IsPresentRemote(a vm.Args) int {
	return a.Return(lua.LBool(m.remote(a.String(1)) != nil))
}

// GetTypeRemote is the types of a peripheral on the cable (nil: none).
func (m WiredModem) GetTypeRemote(a vm.Args) int {
	dev := m.remote(a.String(1))
	if dev == nil {
		return a.Return(lua.LNil)
	}
	n := 0
	for _, t := range dev.Types() {
		a.L.Push(lua.LString(t))
		n++
	}
	return n
}

// HasTypeRemote is whether a peripheral on the cable has a type (nil:
// none there).
func (m WiredModem) HasTypeRemote(a vm.Args) int {
	name, ty := a.String(1), a.String(2)
	dev := m.remote(name)
	if dev == nil {
		return a.Return(lua.LNil)
	}
	for _, t := range dev.Types() {
		if t == ty {
			return a.Return(lua.LTrue)
		}
	}
	return a.Return(lua.LFalse)
}

// GetMethodsRemote is the method names of a peripheral on the cable.
func (m WiredModem) GetMethodsRemote(a vm.Args) int {
	dev := m.remote(a.String(1))
	if dev == nil {
		return a.Return(lua.LNil)
	}
	var names []string
	for name := range vm.Functions(dev) {
		names = append(names, name)
	}
	sort.Strings(names)
	return a.Return(vm.ToLua(a.L, names))
}

// CallRemote calls a method of a peripheral on the cable with the
// arguments after its name.
func (m WiredModem) CallRemote(a vm.Args) int {
	name, method := a.String(1), a.String(2)
	dev := m.remote(name)
	if dev == nil {
		a.Fail("No peripheral: %s", name)
	}
	fn, ok := vm.Functions(dev)[method]
	if !ok {
		a.Fail("No such method %s", method)
	}
	// The method's own arguments start at 1, as peripheral.call's do.
	a.L.Remove(1)
	a.L.Remove(1)
	return fn(a)
}

// GetNameLocal is this computer's name on the cable (nil: none).
func (m WiredModem) GetNameLocal(a vm.Args) int {
	m.mu.Lock()
	self := m.self
	m.mu.Unlock()
	if self == "" {
		return a.Return(lua.LNil)
	}
	return a.Return(lua.LString(self))
}
