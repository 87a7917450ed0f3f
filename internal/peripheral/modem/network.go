// Package modem is CC:Tweaked's modem peripheral: wireless (and ender)
// modems that hear each other through the air of one world, and wired
// modems joined by a named cable, which also reach the peripherals on that
// cable (getNamesRemote, callRemote, ...). A message is queued as a
// modem_message event (name, channel, replyChannel, message, distance) on
// every computer attached to another modem of the network that has the
// channel open.
package modem

import (
	"math"
	"sort"
	"sync"

	"github.com/craftos/craftos/internal/peripheral"
)

// Position is where a modem is, in blocks; distances and the wireless
// range are measured between positions.
type Position struct{ X, Y, Z float64 }

func (p Position) distance(q Position) float64 {
	dx, dy, dz := p.X-q.X, p.Y-q.Y, p.Z-q.Z
	return math.Sqrt(dx*dx + dy*dy + dz*dz)
}

// Networks are the networks of one world: its air and its cables. A world
// of computers (internal/world) has its own; computers outside one share
// Default.
type Networks struct {
	// Position, when set, is the position of a computer's modems that
	// were not given one (nil: the origin).
	Position func(h peripheral.Host) Position
	// Self, when set, is the peripheral a computer shows on a cable its
	// wired modem is on ("computer_<id>"), as CC:Tweaked's wired modems
	// share the computer they are placed on. Nil: none.
	Self func(h peripheral.Host) peripheral.Device

	mu     sync.Mutex
	air    *Network
	cables map[string]*Network
}

// NewNetworks makes the networks of a new world.
func NewNetworks() *Networks {
	return &Networks{air: &Network{wireless: true}, cables: map[string]*Network{}}
}

// Default is the networks of computers that belong to no world.
var Default = NewNetworks()

// Air is the wireless network.
func (n *Networks) Air() *Network { return n.air }

// Cable is the wired network of that name, made on first use.
func (n *Networks) Cable(name string) *Network {
	n.mu.Lock()
	defer n.mu.Unlock()
	c, ok := n.cables[name]
	if !ok {
		c = &Network{remotes: map[string]*remote{}}
		n.cables[name] = c
	}
	return c
}

// Network is a set of modems that hear each other.
type Network struct {
	wireless bool

	mu     sync.Mutex
	modems []*Modem
	// remotes are the peripherals on a cable, by name.
	remotes map[string]*remote
}

// remote is a peripheral on a cable; owner is the modem that put it there
// (a computer's own peripheral), nil for one added with Attach.
type remote struct {
	dev   peripheral.Device
	owner *Modem
}

func (n *Network) join(m *Modem) {
	n.mu.Lock()
	n.modems = append(n.modems, m)
	n.mu.Unlock()
}

func (n *Network) leave(m *Modem) {
	n.mu.Lock()
	for i, o := range n.modems {
		if o == m {
			n.modems = append(n.modems[:i:i], n.modems[i+1:]...)
			break
		}
	}
	n.mu.Unlock()
}

// receivers is a snapshot of the network's modems.
func (n *Network) receivers() []*Modem {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]*Modem(nil), n.modems...)
}

// Attach puts a peripheral on a cable under name: every computer with a
// wired modem on it sees it (a "peripheral" event). It replaces one of the
// same name.
func (n *Network) Attach(name string, dev peripheral.Device) {
	n.addRemote(name, &remote{dev: dev})
}

// Detach takes a peripheral off a cable ("peripheral_detach").
func (n *Network) Detach(name string) {
	n.removeRemote(name, nil)
}

func (n *Network) addRemote(name string, r *remote) {
	n.mu.Lock()
	old := n.remotes[name]
	n.remotes[name] = r
	modems := append([]*Modem(nil), n.modems...)
	n.mu.Unlock()
	for _, m := range modems {
		if old != nil && old.owner != m {
			m.queueAll("peripheral_detach", name)
		}
		if r.owner != m {
			m.queueAll("peripheral", name)
		}
	}
}

// removeRemote removes name if it is owner's (any, for a nil owner).
func (n *Network) removeRemote(name string, owner *Modem) {
	n.mu.Lock()
	r, ok := n.remotes[name]
	if !ok || (owner != nil && r.owner != owner) {
		n.mu.Unlock()
		return
	}
	delete(n.remotes, name)
	modems := append([]*Modem(nil), n.modems...)
	n.mu.Unlock()
	for _, m := range modems {
		if r.owner != m {
			m.queueAll("peripheral_detach", name)
		}
	}
}

// remoteNames are the peripherals on the cable that m does not own, sorted.
func (n *Network) remoteNames(m *Modem) []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	var names []string
	for name, r := range n.remotes {
		if r.owner != m {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// remote is the peripheral named name as m sees it (nil: none).
func (n *Network) remote(m *Modem, name string) peripheral.Device {
	n.mu.Lock()
	defer n.mu.Unlock()
	if r, ok := n.remotes[name]; ok && r.owner != m {
		return r.dev
	}
	return nil
}
