package world

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/peripheral/all"
	"github.com/craftos/craftos/internal/peripheral/modem"
	"github.com/craftos/craftos/rom"
)

// syncBuffer is an output stream the test reads while computers write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// result is how a world's run ended.
type result struct {
	status         int
	err            error
	stdout, stderr string
}

// setup is a world whose first computer runs src, with files written
// under the root (computer N's are under computer/N/).
type setup struct {
	src       string
	computers int
	files     map[string]string
	modem     string // each computer's modem on top ("": wireless)
	noModem   bool
	positions map[int]modemPos
}

type modemPos = [3]float64

func runWorld(t *testing.T, s setup) result {
	t.Helper()
	romFS, bios, err := rom.Load("")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for name, content := range s.files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	cfg := computer.Config{
		Root: root, ROM: romFS, BIOS: bios, Stdout: stdout, Stderr: stderr,
		Watchdog: 7 * time.Second, Limits: computer.DefaultLimits(),
		Boot:            computer.Boot{Kind: computer.BootRun, Source: s.src, Name: "test.lua", Path: "test.lua"},
		PeripheralTypes: all.Types,
	}
	if !s.noModem {
		cfg.Peripherals = []computer.PeripheralSpec{{Name: "top", Type: "modem", Arg: s.modem}}
	}
	opts := Options{Base: cfg, Computers: s.computers}
	if s.positions != nil {
		opts.Positions = map[int]modem.Position{}
		for id, p := range s.positions {
			opts.Positions[id] = modem.Position{X: p[0], Y: p[1], Z: p[2]}
		}
	}
	w := New(opts)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	status, err := w.Run(ctx)
	if ctx.Err() != nil {
		t.Fatalf("the world did not stop within 30 s; stdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	return result{status, err, stdout.String(), stderr.String()}
}

// responder is a startup file answering each rednet message.
const responder = `
rednet.open("top")
while true do
    local id, msg, proto = rednet.receive()
    rednet.send(id, "pong " .. os.getComputerID() .. " " .. tostring(msg), proto)
end
`

func TestRednetBetweenComputers(t *testing.T) {
	res := runWorld(t, setup{
		computers: 3,
		files: map[string]string{
			"computer/1/startup.lua": responder,
			"computer/2/startup.lua": responder,
		},
		src: `
rednet.open("top")
-- Ask until both answer (their startup files may not have run yet).
local seen, n = {}, 0
for _ = 1, 100 do
    rednet.broadcast("ping", "p")
    local id, msg = rednet.receive("p", 0.1)
    if id and not seen[id] then seen[id] = msg n = n + 1 end
    if n == 2 then break end
end
print(seen[1], seen[2])
rednet.send(2, { 1, 2 }, "q")
local id, msg, proto = rednet.receive("q", 5)
print(id, msg, proto)
print(rednet.send(5, "nobody"))
`,
	})
	t.Logf("stdout:\n%s", res.stdout)
	if res.err != nil || res.status != 0 {
		t.Fatalf("%+v", res)
	}
	for _, want := range []string{
		"[0] pong 1 ping\tpong 2 ping\n",
		"[0] 2\tpong 2 table: ",
		"\tq\n",
		"[0] true\n",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.stdout)
		}
	}
}
