// Package world runs several computers in one process, as CraftOS-PC
// does: each with its own ID, folder, screen, event queue and goroutines,
// joined by the modems of one world (their wireless network and cables)
// and able to control each other through "computer" peripherals.
//
// The first computer's folder is Options.Base.Root; computer N's is
// ROOT/computer/N (CraftOS-PC keeps computer N's files in computer/N of its
// save folder). On a plain terminal the computers share the output
// streams, their lines prefixed with "[N] "; full-screen, the first
// computer has the terminal and shows the others' screens beside its own
// (or switched to with Shift+Left/Right).
package world

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/peripheral"
	pcomputer "github.com/craftos/craftos/internal/peripheral/computer"
	"github.com/craftos/craftos/internal/peripheral/modem"
	"github.com/craftos/craftos/internal/term"
)

// Options configure a world.
type Options struct {
	// Base is the first computer's configuration. The others are made from
	// it (ROM, limits, watchdog, clock, terminal size and colours,
	// extensions), each with its own ID, folder and screen, booting the
	// shell (which runs their startup files).
	Base computer.Config
	// Computers is how many computers start with the world, with IDs
	// Base.ID, Base.ID+1, ...; the later ones get Base.Peripherals too
	// (each its own devices), and the first has each of them attached as
	// "computer_<id>". Zero is one.
	Computers int
	// Positions are computers' positions by ID: where their modems are
	// (a modem made with "@X,Y,Z" has its own). Others are at the origin.
	Positions map[int]modem.Position
}

// World is a set of computers and the networks between them.
type World struct {
	opts  Options
	nets  *modem.Networks
	types map[string]peripheral.Factory
	out   *mux
	errs  *mux

	mu      sync.Mutex
	members map[int]*Member
	first   *Member
	ctx     context.Context // the running world's; nil before Run
	stopped bool            // Run has ended: nothing turns on any more
	wg      sync.WaitGroup  // the runs of every computer
}

// New makes a world; Run starts it.
func New(opts Options) *World {
	w := &World{opts: opts, nets: modem.NewNetworks(), members: map[int]*Member{}}
	w.out = &mux{w: orDiscard(opts.Base.Stdout)}
	w.errs = &mux{w: orDiscard(opts.Base.Stderr)}
	w.nets.Position = func(h peripheral.Host) modem.Position { return w.opts.Positions[h.ID()] }
	w.nets.Self = func(h peripheral.Host) peripheral.Device {
		if m := w.Computer(h.ID()); m != nil {
			return pcomputer.Device{T: m}
		}
		return nil
	}
	w.types = maps.Clone(opts.Base.PeripheralTypes)
	if w.types == nil {
		w.types = map[string]peripheral.Factory{}
	}
	// The world's own modems and computers: theirs are its networks.
	w.types["modem"] = w.newModem
	w.types["computer"] = w.newComputerPeripheral
	return w
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// Networks are the world's wireless network and cables.
func (w *World) Networks() *modem.Networks { return w.nets }

// Computer is the computer with an ID, nil when the world has none.
func (w *World) Computer(id int) *Member {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.members[id]
}

// Run starts the world's computers and runs until the first one is off for
// good (its program ended, it shut down, or ctx was cancelled); the others
// are then stopped. It returns the first computer's status and error, as
// computer.Run does.
func (w *World) Run(ctx context.Context) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		w.mu.Lock()
		w.stopped = true
		w.mu.Unlock()
		cancel()
		w.wg.Wait()
	}()
	n := max(w.opts.Computers, 1)
	prefixFirst := n > 1
	w.mu.Lock()
	w.ctx = ctx
	w.mu.Unlock()

	base := w.opts.Base
	cfg := base
	cfg.PeripheralTypes = w.types
	if prefixFirst && !base.Term.Full {
		cfg.Stdout = w.out.writer(prefix(base.ID))
		cfg.Stderr = w.errs.writer(prefix(base.ID))
	} else {
		cfg.Stdout = w.out.writer("")
		cfg.Stderr = w.errs.writer("")
	}
	cfg.Peripherals = append([]computer.PeripheralSpec(nil), base.Peripherals...)
	for i := 1; i < n; i++ {
		id := base.ID + i
		cfg.Peripherals = append(cfg.Peripherals, computer.PeripheralSpec{Name: "computer_" + strconv.Itoa(id), Type: "computer", Arg: float64(id)})
	}
	first := w.add(base.ID, cfg)
	w.mu.Lock()
	w.first = first
	w.mu.Unlock()
	// The others are there before the first computer boots (it attaches
	// them) and turned on after it is made (it shows their screens).
	others := make([]*Member, 0, n-1)
	for i := 1; i < n; i++ {
		ocfg, err := w.configFor(base.ID+i, true)
		if err != nil {
			return 1, err
		}
		others = append(others, w.add(base.ID+i, ocfg))
	}
	first.TurnOn()
	for _, m := range others {
		m.TurnOn()
	}
	return first.wait()
}

// prefix is what a computer's lines start with on a shared plain stream.
func prefix(id int) string { return "[" + strconv.Itoa(id) + "] " }

// add registers a computer (off).
func (w *World) add(id int, cfg computer.Config) *Member {
	m := &Member{w: w, id: id, cfg: cfg}
	w.mu.Lock()
	w.members[id] = m
	w.mu.Unlock()
	return m
}

// start returns the computer with an ID, making and turning it on when the
// world has none; hardware gives it the first computer's --peripheral
// devices.
func (w *World) start(id int, hardware bool) (*Member, error) {
	w.mu.Lock()
	if m, ok := w.members[id]; ok {
		w.mu.Unlock()
		return m, nil
	}
	w.mu.Unlock()
	cfg, err := w.configFor(id, hardware)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	if m, ok := w.members[id]; ok { // made meanwhile
		w.mu.Unlock()
		return m, nil
	}
	m := &Member{w: w, id: id, cfg: cfg}
	w.members[id] = m
	w.mu.Unlock()
	m.TurnOn()
	return m, nil
}

// configFor is the configuration of a computer other than the first.
func (w *World) configFor(id int, hardware bool) (computer.Config, error) {
	base := w.opts.Base
	cfg := base
	cfg.ID = id
	cfg.Label = ""
	cfg.Root = filepath.Join(base.Root, "computer", strconv.Itoa(id))
	if err := os.MkdirAll(cfg.Root, 0o755); err != nil {
		return cfg, fmt.Errorf("computer %d: %w", id, err)
	}
	cfg.Boot = computer.Boot{Kind: computer.BootShell}
	// The keyboard and stdin are the first computer's: the others' shells
	// wait for input that never comes, and run their startup files.
	cfg.Stdin = &waitReader{ctx: w.ctx}
	cfg.StdinIsTerminal = false
	cfg.Screenshot, cfg.TraceEvents = "", ""
	cfg.Mounts = nil
	cfg.PeripheralTypes = w.types
	cfg.Peripherals = nil
	if hardware {
		cfg.Peripherals = append([]computer.PeripheralSpec(nil), base.Peripherals...)
	}
	if base.Seed != nil {
		// Each computer its own numbers (rednet's message IDs differ).
		s := *base.Seed + int64(id-base.ID)
		cfg.Seed = &s
	}
	cfg.Term.Interrupt = nil
	cfg.Term.Screen = nil
	if base.Term.Full {
		// The first computer owns the terminal and shows this one's screen.
		cfg.Term.Full = false
		cfg.Stdout, cfg.Stderr = io.Discard, io.Discard
	} else {
		cfg.Stdout = w.out.writer(prefix(id))
		cfg.Stderr = w.errs.writer(prefix(id))
	}
	return cfg, nil
}

// newModem is the world's "modem" type: a modem (modem.ParseArg) on the
// world's networks.
func (w *World) newModem(arg any) (peripheral.Device, error) {
	s, _ := arg.(string)
	if arg != nil && s == "" {
		if _, ok := arg.(string); !ok {
			return nil, fmt.Errorf("modem: expected a string argument")
		}
	}
	cfg, err := modem.ParseArg(s)
	if err != nil {
		return nil, err
	}
	cfg.Networks = w.nets
	return modem.New(cfg), nil
}

// newComputerPeripheral is the world's "computer" type:
// periphemu.create(id, "computer") attaches "computer_<id>" and turns that
// computer on when the world does not have it yet (CraftOS-PC); a side
// names its computer by the argument (periphemu.create("left",
// "computer", 2)).
func (w *World) newComputerPeripheral(arg any) (peripheral.Device, error) {
	id := -1
	switch v := arg.(type) {
	case nil:
	case float64:
		id = int(v)
	case string:
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, fmt.Errorf("computer: %q is not a computer ID", v)
		}
		id = n
	default:
		return nil, fmt.Errorf("computer: expected a computer ID")
	}
	if id < 0 && arg != nil {
		return nil, fmt.Errorf("computer: %d is not a computer ID", id)
	}
	b := &binding{w: w, id: id}
	return link{Device: pcomputer.Device{T: b}, b: b}, nil
}

// link is a computer peripheral of the world: bound to its computer when
// attached, since the ID may come from the name it is attached under.
type link struct {
	pcomputer.Device
	b *binding
}

func (l link) Attach(h peripheral.Host, name string) {
	id := l.b.id
	if id < 0 {
		n, err := strconv.Atoi(name[strings.LastIndexByte(name, '_')+1:])
		if err != nil || n < 0 {
			return // no computer named: an unbound peripheral
		}
		id = n
	}
	m, err := l.b.w.start(id, false)
	if err != nil {
		h.Queue("craftos_error", err.Error())
		return
	}
	l.b.mu.Lock()
	l.b.m = m
	l.b.mu.Unlock()
}

func (l link) Detach(peripheral.Host, string) {}

// binding is the Target of a link: its computer, once attached.
type binding struct {
	w  *World
	id int
	mu sync.Mutex
	m  *Member
}

func (b *binding) member() *Member {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.m
}

func (b *binding) ID() int {
	if m := b.member(); m != nil {
		return m.id
	}
	return b.id
}

func (b *binding) IsOn() bool {
	m := b.member()
	return m != nil && m.IsOn()
}

func (b *binding) Label() (string, bool) {
	if m := b.member(); m != nil {
		return m.Label()
	}
	return "", false
}

func (b *binding) TurnOn() {
	if m := b.member(); m != nil {
		m.TurnOn()
	}
}

func (b *binding) Shutdown() {
	if m := b.member(); m != nil {
		m.Shutdown()
	}
}

func (b *binding) Reboot() {
	if m := b.member(); m != nil {
		m.Reboot()
	}
}

// waitReader is the standard input of a computer other than the first:
// nothing, until the world stops.
type waitReader struct{ ctx context.Context }

func (r *waitReader) Read([]byte) (int, error) {
	<-r.ctx.Done()
	return 0, io.EOF
}

// screens shows a computer's screen on the first computer's full-screen
// terminal; it returns what takes it away.
func (w *World) showScreen(m *Member, t *term.Terminal) (remove func()) {
	w.mu.Lock()
	first := w.first
	w.mu.Unlock()
	if first == nil || first == m || !w.opts.Base.Term.Full {
		return func() {}
	}
	c := first.current()
	if c == nil {
		return func() {}
	}
	return c.Terminal().AddScreen(&term.Screen{Name: "computer_" + strconv.Itoa(m.id), Buf: t.Buffer()})
}

// Terminate queues "terminate" on the first computer (Ctrl-C, Ctrl-T).
func (w *World) Terminate() {
	w.mu.Lock()
	first := w.first
	w.mu.Unlock()
	if first != nil {
		first.Terminate()
	}
}
