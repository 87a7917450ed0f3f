package world

import (
	"bytes"
	"context"
	"fmt"
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

// mustContain fails the test unless each of wants is in the output.
func (r result) mustContain(t *testing.T, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
}

// setup is a world whose first computer runs src, with files written
// under the root (computer N's are under computer/N/).
type setup struct {
	src       string
	computers int
	files     map[string]string
	modem     string // each computer's modem on top ("": wireless)
	noModem   bool
	stdin     string // the first computer's standard input
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
	if s.stdin != "" {
		cfg.Stdin = strings.NewReader(s.stdin)
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
	res.mustContain(t,
		"[0] pong 1 ping\tpong 2 ping\n",
		"[0] 2\tpong 2 table: ",
		"\tq\n",
		"[0] true\n",
	)
}

// gpsHosts are four GPS hosts (computers 1-4) at their world positions.
func gpsHosts(hosts ...[3]float64) (map[string]string, map[int]modemPos) {
	files := map[string]string{}
	pos := map[int]modemPos{}
	for i, h := range hosts {
		id := i + 1
		files[fmt.Sprintf("computer/%d/startup.lua", id)] = fmt.Sprintf(`shell.run("gps", "host", %q, %q, %q)`,
			fmt.Sprint(h[0]), fmt.Sprint(h[1]), fmt.Sprint(h[2]))
		pos[id] = h
	}
	return files, pos
}

// locateSrc waits for the hosts, then locates with debug output.
const locateSrc = `
for _ = 1, 50 do
    local x = gps.locate(0.2)
    if x then break end
end
print("result", gps.locate(2, true))
`

func TestGPSFix(t *testing.T) {
	cases := []struct {
		name  string
		hosts [][3]float64
		at    [3]float64
		want  []string
	}{
		{
			name:  "four hosts",
			hosts: [][3]float64{{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10}},
			at:    [3]float64{3, 4, 5},
			want:  []string{"Finding position...", "Position is 3,4,5", "result\t3\t4\t5"},
		},
		{
			name:  "negative and fractional",
			hosts: [][3]float64{{-20, 64, 7}, {15, 70, 7}, {0, 64, 30}, {0, 90, 0}},
			at:    [3]float64{-2.5, 71, 11},
			want:  []string{"Position is -2.5,71,11", "result\t-2.5\t71\t11"},
		},
		{
			name:  "three hosts leave two candidates",
			hosts: [][3]float64{{0, 0, 0}, {10, 0, 0}, {0, 10, 0}},
			at:    [3]float64{3, 4, 5},
			want:  []string{"Ambiguous position", "Could be 3,4,", "result\tnil"},
		},
		{
			name:  "in the hosts' plane",
			hosts: [][3]float64{{0, 0, 0}, {10, 0, 0}, {0, 10, 0}},
			at:    [3]float64{3, 4, 0},
			want:  []string{"Position is 3,4,0", "result\t3\t4\t0"},
		},
		{
			name:  "on a host",
			hosts: [][3]float64{{0, 0, 0}, {3, 4, 5}},
			at:    [3]float64{3, 4, 5},
			want:  []string{"0 metres from 3,4,5", "Position is 3,4,5"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files, pos := gpsHosts(tc.hosts...)
			pos[0] = tc.at
			src := locateSrc
			if len(tc.hosts) == 3 && tc.at[2] != 0 {
				// No fix ever settles: wait for the three hosts instead.
				src = `sleep(1) print("result", gps.locate(2, true))`
			}
			res := runWorld(t, setup{computers: len(tc.hosts) + 1, files: files, positions: pos, src: src})
			if res.err != nil || res.status != 0 {
				t.Fatalf("%+v", res)
			}
			for _, want := range tc.want {
				res.mustContain(t, "[0] "+want)
			}
		})
	}
}

func TestGPSWithoutHosts(t *testing.T) {
	res := runWorld(t, setup{computers: 1, src: `print(gps.locate(0.2, true))`})
	if !strings.Contains(res.stdout, "Finding position...\nCould not determine position\nnil\n") {
		t.Errorf("stdout:\n%s", res.stdout)
	}
	res = runWorld(t, setup{computers: 1, noModem: true, src: `print(gps.locate(0.2, true))`})
	if !strings.Contains(res.stdout, "No wireless modem attached\nnil\n") {
		t.Errorf("stdout:\n%s", res.stdout)
	}
}
