// Package computer boots a CraftOS computer: the Lua machine, its natives,
// the bios, and the scheduler that feeds it events.
package computer

import (
	"io"
	iofs "io/fs"
	"net"
	"time"

	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/term"
)

// Config is everything a computer needs; the CLI fills it from flags and no
// package reads flags itself.
type Config struct {
	// Root is the host folder that is the computer's "/".
	Root string
	// ROM is the folder mounted read-only at /rom, and BIOS the bios source.
	ROM  iofs.FS
	BIOS []byte

	ID    int
	Label string

	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// StdinIsTerminal switches line input to an editing line reader.
	StdinIsTerminal bool

	// Term chooses the renderer (plain stream or full screen), the screen
	// size and colours; the computer fills in Out, Post and Keys.
	Term term.Options
	// Screenshot, when set, is a file the final screen is written to, as
	// text lines, when the run ends.
	Screenshot string
	// TraceEvents, when set, is a file (- for stderr) the event trace is
	// written to: one JSON line per event (trace.go).
	TraceEvents string

	// Boot says what the bios runs once it is up.
	Boot Boot

	// Watchdog is CraftOS's "Too long without yielding" window (CC:Tweaked:
	// 7 s); the computer stops HardAbortAfter later. Zero disables it.
	Watchdog       time.Duration
	HardAbortAfter time.Duration

	// VirtualClock (--clock=virtual) lets time jump to the next timer or
	// alarm whenever nothing else can wake the computer (clock.go).
	VirtualClock bool
	// Seed (--seed), when set, seeds math.random at boot as
	// math.randomseed(*Seed) would.
	Seed *int64

	// Limits is passed to the HTTP and WebSocket natives.
	Limits Limits

	// Extensions install further natives (HTTP, WebSocket) on boot.
	Extensions []Extension

	// PeripheralTypes are the devices periphemu.create and Peripherals can
	// make, by type name (the CLI passes internal/peripheral/all.Types).
	PeripheralTypes map[string]peripheral.Factory
	// Peripherals are attached before the first boot (--peripheral).
	Peripherals []PeripheralSpec
	// Mounts are host folders inside the computer (--mount).
	Mounts []Mount

	// Listen opens the sockets listeners serve (nil: net.Listen). Tests hand
	// over sockets they opened themselves, so no other test can take the port
	// between choosing it and binding it.
	Listen func(network, address string) (net.Listener, error)
}

// Limits bound what a program can make the host hold.
type Limits struct {
	HTTPBind            string        // address listeners bind to
	MaxBodySize         int64         // request body, bytes (413 past it)
	MaxHeaderSize       int           // request headers, bytes
	MaxWebSocketMessage int64         // bytes
	MaxConnections      int           // open connections per listener
	ResponseTimeout     time.Duration // a request never answered (504 past it)
	MaxResponseSize     int64         // a response body Lua writes, bytes (0: no cap)
	IdleTimeout         time.Duration // keep-alive connection between requests (0: no keep-alive)
	// TLSCertFile and TLSKeyFile (PEM), both or neither, make every
	// listener serve HTTPS / WSS (HTTP/2 where the client offers it).
	TLSCertFile string
	TLSKeyFile  string

	// WebSocket liveness, both sides: a ping every WSPingInterval, dropped
	// without a pong within WSPongTimeout (0 disables pings); a message
	// whose first frame has arrived must be complete within WSFrameTimeout.
	WSPingInterval time.Duration
	WSPongTimeout  time.Duration
	WSFrameTimeout time.Duration

	// The http client (http.request, http.websocket), CC:Tweaked's defaults.
	HTTPTimeout      time.Duration // connect / read-idle timeout of a request
	HTTPMaxRequests  int           // requests running at once
	HTTPMaxQueued    int           // requests waiting for a slot, then an error
	HTTPMaxUpload    int64         // request body + headers, bytes
	HTTPMaxDownload  int64         // response body, bytes
	MaxWebSockets    int           // client WebSockets open at once
	HTTPAllow        []string      // hosts a program may reach (* wildcards, CIDR, $private)
	HTTPDeny         []string      // hosts it may not, checked first
	HTTPBlockPrivate bool          // deny $private as CC:Tweaked does by default

	// MemoryLimit is the live heap, in bytes, past which the running code
	// gets Lua's "not enough memory" instead of the process dying. Zero
	// disables it.
	MemoryLimit int64

	// DiskCapacity is the size of the computer's folder (fs.getCapacity);
	// writes past it fail with "Out of space". Zero is 1 GiB.
	DiskCapacity int64
}

// DefaultLimits are the documented defaults.
func DefaultLimits() Limits {
	return Limits{
		HTTPBind:            "127.0.0.1",
		MaxBodySize:         16 << 20,
		MaxHeaderSize:       64 << 10,
		MaxWebSocketMessage: 128 << 10,
		MaxConnections:      10000,
		ResponseTimeout:     15 * time.Second,
		MaxResponseSize:     64 << 20,
		IdleTimeout:         15 * time.Second,
		WSPingInterval:      30 * time.Second,
		WSPongTimeout:       30 * time.Second,
		WSFrameTimeout:      30 * time.Second,
		HTTPTimeout:         30 * time.Second,
		HTTPMaxRequests:     16,
		HTTPMaxQueued:       512,
		HTTPMaxUpload:       4 << 20,
		HTTPMaxDownload:     16 << 20,
		MaxWebSockets:       4,
		// CraftOS-PC's default: everything, loopback included, so a program
		// can call its own server.
		HTTPAllow:    []string{"*"},
		MemoryLimit:  1 << 30,
		DiskCapacity: 1 << 30,
	}
}

// BootKind says what the bios starts.
type BootKind string

const (
	BootShell BootKind = "shell" // the CraftOS shell
	BootRun   BootKind = "run"   // one program, then shut down
	BootREPL  BootKind = "repl"  // the Lua REPL
)

// Boot describes the program the bios runs.
type Boot struct {
	Kind BootKind
	// Program: its source, the chunk name errors show, the path
	// shell.getRunningProgram and arg[0] report, and its arguments.
	Source string
	Name   string
	Path   string
	Args   []string
}
