package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/world"
	"github.com/craftos/craftos/rom"
)

// stdio is where a command reads and writes: the process's streams in main,
// buffers in tests.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// isTerminal reports whether a stream is a terminal.
func isTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// options are the flags shared by every command that boots a computer.
type options struct {
	stdio    stdio
	root     string
	rom      string
	id       int
	label    string
	watchdog time.Duration
	limits   computer.Limits
	// terminal
	termMode   string
	termSize   string
	color      string
	screenshot string
	// --clock, --seed (clockflags.go)
	clock clockOptions
	// --peripheral, --mount (peripheralflags.go)
	hardware hardwareOptions
	// computers: --computers N, the computers the world starts with
	computers int
	// traceEvents: --trace-events FILE (- for stderr)
	traceEvents string
	// cpuProfile, a hidden flag, profiles the run for performance work.
	cpuProfile string
}

// exitError carries a process exit status out of a command.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// execute runs the command line args and returns the process's exit status.
func execute(args []string, s stdio) int {
	root := newRootCommand(s)
	root.SetArgs(args)
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	err := root.Execute()
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintln(s.err, "craftos:", err)
		return 1
	}
}

func newRootCommand(s stdio) *cobra.Command {
	opts := &options{stdio: s, limits: computer.DefaultLimits()}
	root := &cobra.Command{
		Use:   "craftos [FILE [ARGS...]]",
		Short: "A standalone CraftOS computer for ComputerCraft programs",
		Long: "craftos runs ComputerCraft (CraftOS) Lua programs outside Minecraft: scripts,\n" +
			"an interactive REPL, and CraftOS-PC's HTTP and WebSocket servers.\n\n" +
			"`craftos` alone boots the CraftOS shell (`exit` or the end of input leaves it);\n" +
			"`craftos FILE ARGS...` is the same as `craftos run FILE ARGS...`.",
		Version:       computer.Version,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return boot(opts, computer.Boot{Kind: computer.BootShell}, nil)
			}
			return runFile(opts, args[0], args[1:])
		},
	}
	root.SetVersionTemplate(versionText())
	root.Flags().SetInterspersed(false)
	addComputerFlags(root, opts)
	root.AddCommand(newRunCommand(opts), newREPLCommand(opts), newTestCommand(opts), newVersionCommand())
	return root
}

func addComputerFlags(cmd *cobra.Command, o *options) {
	f := cmd.PersistentFlags()
	f.StringVar(&o.root, "root", ".", "host folder that is the computer's root (/)")
	f.StringVar(&o.rom, "rom", "", "boot another ROM: a folder with bios.lua beside a rom/ folder")
	f.IntVar(&o.id, "id", 0, "computer ID (os.getComputerID)")
	f.StringVar(&o.cpuProfile, "cpuprofile", "", "write a Go CPU profile of the run to FILE")
	_ = f.MarkHidden("cpuprofile")
	f.StringVar(&o.label, "label", "", "computer label (os.getComputerLabel)")
	o.watchdog = 7 * time.Second
	f.Var(seconds{&o.watchdog}, "watchdog", `"Too long without yielding" window, in seconds or as a duration such as 500ms (0 disables)`)
	addTermFlags(f, o)
	addClockFlags(f, &o.clock)
	addHardwareFlags(f, &o.hardware)
	f.IntVar(&o.computers, "computers", 1, "start `N` computers (IDs --id, --id+1, ...; computer N's folder is ROOT/computer/N) joined by their modems; plain output lines are prefixed [ID]")
	f.StringVar(&o.traceEvents, "trace-events", "", "write one JSON line per event to `FILE` (- for stderr): its source, arguments, the coroutines that received it and those whose filter skipped it")
	f.StringVar(&o.limits.HTTPBind, "http-bind", o.limits.HTTPBind, "address HTTP and WebSocket listeners bind to (0.0.0.0 exposes them)")
	f.Int64Var(&o.limits.MaxBodySize, "http-max-body", o.limits.MaxBodySize, "largest request body a listener accepts, bytes (413 past it)")
	f.IntVar(&o.limits.MaxHeaderSize, "http-max-header", o.limits.MaxHeaderSize, "largest request header block, bytes")
	f.Int64Var(&o.limits.MaxWebSocketMessage, "ws-max-message", o.limits.MaxWebSocketMessage, "largest WebSocket message, bytes")
	f.IntVar(&o.limits.MaxConnections, "http-max-connections", o.limits.MaxConnections, "open connections per listener")
	f.Var(seconds{&o.limits.ResponseTimeout}, "http-response-timeout", "time a handler has to close a response (then 504), in seconds or as a duration")
	f.Var(byteSize{&o.limits.MaxResponseSize}, "http-max-response", "largest response body a handler may write (64M); past it write raises and the client gets 500 (0 disables)")
	f.Var(seconds{&o.limits.IdleTimeout}, "http-idle-timeout", "time a keep-alive connection may sit idle between requests (0: no keep-alive)")
	f.StringVar(&o.limits.TLSCertFile, "http-tls-cert", "", "PEM certificate: listeners serve HTTPS / WSS (with --http-tls-key)")
	f.StringVar(&o.limits.TLSKeyFile, "http-tls-key", "", "PEM private key of --http-tls-cert")
	f.Var(seconds{&o.limits.WSPingInterval}, "ws-ping-interval", "WebSocket ping interval; a peer silent through --ws-pong-timeout after a ping is dropped (0 disables)")
	f.Var(seconds{&o.limits.WSPongTimeout}, "ws-pong-timeout", "time a WebSocket peer has to answer a ping")
	f.Var(seconds{&o.limits.WSFrameTimeout}, "ws-frame-timeout", "time a WebSocket message may take to arrive once its first frame has begun")
	f.Var(seconds{&o.limits.HTTPTimeout}, "http-timeout", "http.request connect / read-idle timeout, in seconds or as a duration")
	f.IntVar(&o.limits.HTTPMaxRequests, "http-max-requests", o.limits.HTTPMaxRequests, "http.request calls running at once")
	f.IntVar(&o.limits.HTTPMaxQueued, "http-max-queued", o.limits.HTTPMaxQueued, "http.request calls waiting to run (past it: Too many ongoing HTTP requests)")
	f.Int64Var(&o.limits.HTTPMaxUpload, "http-max-upload", o.limits.HTTPMaxUpload, "largest http.request body plus headers, bytes")
	f.Int64Var(&o.limits.HTTPMaxDownload, "http-max-download", o.limits.HTTPMaxDownload, "largest http.request response body, bytes")
	f.IntVar(&o.limits.MaxWebSockets, "ws-max-open", o.limits.MaxWebSockets, "WebSockets open at once: http.websocket clients and connections accepted by http.websocketServer together")
	f.StringSliceVar(&o.limits.HTTPAllow, "http-allow", o.limits.HTTPAllow, "hosts http.request/websocket may reach: names with * wildcards, CIDR ranges, $private")
	f.StringSliceVar(&o.limits.HTTPDeny, "http-deny", o.limits.HTTPDeny, "hosts they may not reach (checked before --http-allow)")
	f.Var(byteSize{&o.limits.MemoryLimit}, "memory-limit", `memory a program may use (512M, 1G); past it Lua's "not enough memory" (0 disables)`)
	f.Var(byteSize{&o.limits.DiskCapacity}, "disk-capacity", `size of the computer's folder (fs.getCapacity; 512M, 2G); writes past it fail with "Out of space"`)
	f.BoolVar(&o.limits.HTTPBlockPrivate, "http-block-private", false, "deny local and private addresses, as CC:Tweaked does by default")
}

func newRunCommand(opts *options) *cobra.Command {
	var code string
	cmd := &cobra.Command{
		Use:   "run FILE [ARGS...] | run -e CODE | run -",
		Short: "Run a CraftOS program and exit with its status",
		Long: "Run FILE as a CraftOS program: it gets ARGS as ... and in arg. The exit status\n" +
			"is 0 when it returns, 1 on an uncaught error (message and traceback on stderr),\n" +
			"or the code given to os.shutdown(code). `-` reads the program from stdin.",
		Args: func(cmd *cobra.Command, args []string) error {
			if code == "" && len(args) == 0 {
				return errors.New("run needs a FILE, `-` or -e CODE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if code != "" {
				return boot(opts, computer.Boot{Kind: computer.BootRun, Source: code, Name: "(command line)", Path: "(command line)", Args: args}, nil)
			}
			return runFile(opts, args[0], args[1:])
		},
	}
	cmd.Flags().SetInterspersed(false)
	cmd.Flags().StringVarP(&code, "execute", "e", "", "run CODE instead of a file")
	return cmd
}

func runFile(opts *options, file string, args []string) error {
	if file == "-" {
		src, err := io.ReadAll(opts.stdio.in)
		if err != nil {
			return fmt.Errorf("read program from stdin: %w", err)
		}
		b := computer.Boot{Kind: computer.BootRun, Source: computer.BlankShebang(string(src)), Name: "stdin", Path: "stdin", Args: args}
		return boot(opts, b, eofReader{})
	}
	b, err := computer.ProgramFile(opts.root, file, args)
	if err != nil {
		return err
	}
	return boot(opts, b, nil)
}

// versionText is what `craftos version` and `craftos --version` print.
func versionText() string {
	return "craftos " + computer.Version + "\n" + computer.HostString() + "\n"
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

func newREPLCommand(opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "repl",
		Short: "An interactive Lua REPL on a CraftOS computer",
		Long: "Each line is tried as an expression (its values printed) and then as a\n" +
			"statement. Globals persist, and the event loop keeps running. Reads lines\n" +
			"from a pipe when stdin is not a terminal.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return boot(opts, computer.Boot{Kind: computer.BootREPL}, nil)
		},
	}
}

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print craftos's version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprint(cmd.OutOrStdout(), versionText())
		},
	}
}

// boot builds the computer from the flags, runs it and maps its end to an
// exit status.
func boot(opts *options, b computer.Boot, stdin io.Reader) error {
	romFS, bios, err := rom.Load(opts.rom)
	if err != nil {
		return err
	}
	if opts.cpuProfile != "" {
		stop, err := startCPUProfile(opts.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if stdin == nil {
		stdin = opts.stdio.in
	}
	cfg := computer.Config{
		Root:            opts.root,
		ROM:             romFS,
		BIOS:            bios,
		ID:              opts.id,
		Label:           opts.label,
		Stdin:           stdin,
		Stdout:          opts.stdio.out,
		Stderr:          opts.stdio.err,
		StdinIsTerminal: stdin == opts.stdio.in && isTerminal(stdin),
		Screenshot:      opts.screenshot,
		TraceEvents:     opts.traceEvents,
		Boot:            b,
		Watchdog:        opts.watchdog,
		Limits:          opts.limits,
		Extensions:      extensions(),
	}
	cfg.Term, err = termOptions(opts, b, cfg.StdinIsTerminal)
	if err != nil {
		return err
	}
	if err := opts.clock.apply(&cfg); err != nil {
		return err
	}
	if err := opts.hardware.apply(&cfg); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// forced is the exit status of a run ended from outside (a second
	// Ctrl-C, SIGTERM): the computer is cancelled, which stops even code
	// that never yields, and Run returns.
	var forced atomic.Int32
	stopWith := func(status int) {
		forced.CompareAndSwap(0, int32(status))
		cancel()
	}
	intr := &interrupter{stop: stopWith}
	cfg.Term.Interrupt = intr.interrupt
	// The computer is the first of a world (internal/world): --computers
	// starts more, and periphemu.create(id, "computer") adds them.
	w := world.New(world.Options{Base: cfg, Computers: opts.computers})
	intr.setComputer(w)
	stopSignals := handleSignals(ctx, intr, stopWith)
	status, err := w.Run(ctx)
	stopSignals()
	if f := forced.Load(); f != 0 {
		return exitError{int(f)}
	}
	var halt *computer.HaltError
	if errors.As(err, &halt) {
		fmt.Fprintln(opts.stdio.err, halt.Message) // as CraftOS shows it
		return exitError{1}
	}
	if err != nil {
		return err
	}
	if status != 0 {
		return exitError{status}
	}
	return nil
}

// handleSignals turns Ctrl-C into the interrupter's presses, and SIGTERM and
// SIGHUP into a stop with the shell's status for them (128 + the signal), so
// the output so far is flushed and the terminal given back.
func handleSignals(ctx context.Context, intr *interrupter, stopWith func(int)) (stop func()) {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		for {
			select {
			case s := <-sig:
				switch s {
				case syscall.SIGTERM:
					stopWith(128 + 15)
				case syscall.SIGHUP:
					stopWith(128 + 1)
				default:
					intr.interrupt()
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	return func() { signal.Stop(sig) }
}

// interrupter is Ctrl-C: "terminate" first; pressed again within two
// seconds, the run stops with exit status 130.
// (A full-screen terminal reads Ctrl-C as a key and calls it too.)
type interrupter struct {
	c    interface{ Terminate() }
	stop func(status int)
	mu   sync.Mutex
	last time.Time
}

func (i *interrupter) setComputer(c interface{ Terminate() }) {
	i.mu.Lock()
	i.c = c
	i.mu.Unlock()
}

func (i *interrupter) interrupt() {
	i.mu.Lock()
	again := time.Since(i.last) < 2*time.Second
	i.last = time.Now()
	c := i.c
	i.mu.Unlock()
	if again {
		i.stop(130)
		return
	}
	if c != nil {
		c.Terminate()
	}
}
