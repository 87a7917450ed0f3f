package computer_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	nethttp "net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/coder/websocket"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/http"
	"github.com/craftos/craftos/internal/trace"
)

// traceRun runs src with the event trace on and returns its lines, each
// parsed with encoding/json.
func traceRun(t *testing.T, src string, opts ...computertest.Option) ([]trace.Record, computertest.Result) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "trace.jsonl")
	opts = append(opts, computertest.Configure(func(c *computer.Config) { c.TraceEvents = file }))
	res := computertest.Run(t, src, opts...)
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []trace.Record
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r trace.Record
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	for i, r := range recs {
		if r.Seq != int64(i+1) {
			t.Errorf("line %d has seq %d", i+1, r.Seq)
		}
	}
	return recs, res
}

// find is the first record of an event named name.
func find(t *testing.T, recs []trace.Record, name string) trace.Record {
	t.Helper()
	for _, r := range recs {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no %s event in the trace: %+v", name, recs)
	return trace.Record{}
}

// thread matches a coroutine's name in the trace: what it runs and its
// tostring.
const thread = ` \(thread: 0x[0-9a-f]+\)`

// Coroutine managers report who got each event and whose filter skipped
// it: parallel, multishell (tabs by program), cc.internal.exception.try
// (by the function it runs). Received and skipped entries are matched as
// regular expressions, skipped ones as "coroutine|filter|at".
func TestTraceCoroutineManagers(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		opts   func(root string) []computertest.Option
		stdout string
		event  string
		recv   []string
		skip   []string
		// then: the coroutine that skipped event receives this one, last.
		then string
	}{
		{
			name: "parallel.waitForAll",
			src: `
local function waiter()
    local _, n = os.pullEvent("foo")
    print("foo", n)
end
local function sender()
    os.queueEvent("bar", string.rep("x", 100), { 1 })
    os.queueEvent("foo", 7)
    os.pullEvent("bar")
    print("bar")
end
parallel.waitForAll(waiter, sender)
`,
			stdout: "bar\nfoo\t7\n",
			event:  "bar",
			recv:   []string{"bios", "test.lua:6" + thread},
			skip:   []string{"test.lua:2" + thread + "\\|foo\\|test.lua:3"},
			then:   "foo",
		},
		{
			name: "exception.try under a manager that ignores filters",
			src: `
local exception = require("cc.internal.exception")
local co = coroutine.create(function()
    return exception.try(function()
        local _, n = os.pullEvent("foo")
        print("foo", n)
    end)
end)
coroutine.resume(co)
os.queueEvent("bar")
os.queueEvent("foo", 1)
while coroutine.status(co) ~= "dead" do
    coroutine.resume(co, os.pullEventRaw())
end
`,
			stdout: "foo\t1\n",
			event:  "bar",
			recv:   []string{"bios"},
			skip:   []string{"test.lua:4" + thread + "\\|foo\\|test.lua:5"},
			then:   "foo",
		},
		{
			name: "multishell tab and the shell's program",
			opts: func(root string) []computertest.Option {
				computertest.WriteFile(t, root, "prog.lua", "os.queueEvent(\"ping\")\nsleep(0.05)\nprint(\"slept\")\n")
				return []computertest.Option{
					computertest.Root(root),
					computertest.Boot(computer.Boot{Kind: computer.BootShell}),
					computertest.Stdin(strings.NewReader("prog\n")),
					computertest.Extensions(noMotd),
				}
			},
			event: "ping",
			recv:  []string{"bios"},
			// The tab waits in the ROM (exception.try): no program line.
			skip: []string{"/rom/programs/shell.lua" + thread + "\\|timer\\|"},
			then: "timer",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []computertest.Option
			if tt.opts != nil {
				opts = tt.opts(t.TempDir())
			}
			recs, res := traceRun(t, tt.src, opts...)
			if res.Status != 0 || tt.stdout != "" && res.Stdout != tt.stdout {
				t.Fatalf("run: %+v", res)
			}
			ev := find(t, recs, tt.event)
			matchAll(t, "received_by", ev.ReceivedBy, tt.recv)
			var skips []string
			for _, s := range ev.SkippedBy {
				skips = append(skips, s.Coroutine+"|"+s.Filter+"|"+s.At)
			}
			matchAll(t, "skipped_by", skips, tt.skip)
			if ev.Discarded {
				t.Errorf("%s discarded", tt.event)
			}
			// One coroutine is named alike where it skips and receives.
			then := find(t, recs, tt.then)
			if len(ev.SkippedBy) == 1 && len(then.ReceivedBy) > 0 {
				skipped := ev.SkippedBy[0].Coroutine
				if !slices.Contains(then.ReceivedBy, skipped) {
					t.Errorf("%s received by %q, not by %q which skipped %s", tt.then, then.ReceivedBy, skipped, tt.event)
				}
			}
		})
	}
}

func matchAll(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s %q, want %q", what, got, want)
		return
	}
	for i := range got {
		if !regexp.MustCompile("^" + want[i] + "$").MatchString(got[i]) {
			t.Errorf("%s[%d] %q does not match %q", what, i, got[i], want[i])
		}
	}
}

func TestTraceArguments(t *testing.T) {
	recs, _ := traceRun(t, `os.queueEvent("bar", string.rep("x", 100), { 1 }, 1.5, true, nil, print) os.pullEvent("bar")`)
	args, _ := json.Marshal(find(t, recs, "bar").Args)
	// What os.queueEvent keeps (CC:Tweaked drops functions), summarised.
	if want := `[{"len":100,"string":"` + strings.Repeat("x", 60) + `"},{"type":"table"},1.5,true,null,null]`; string(args) != want {
		t.Errorf("arguments %s, want %s", args, want)
	}
}

// sleepyServer is a WebSocket server that answers "one" to any message,
// and "two" to "sleeping": a message sent while the client sleeps.
func sleepyServer(t *testing.T) string {
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			_, msg, err := c.Read(r.Context())
			if err != nil {
				return
			}
			reply := "one"
			if string(msg) == "sleeping" {
				reply = "two"
			}
			if c.Write(r.Context(), websocket.MessageText, []byte(reply)) != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// The classic CraftOS bug: sleep inside an event loop swallows the
// websocket_message that arrives meanwhile. The trace names the event, its
// source and the coroutine whose filter skipped it.
func TestTraceSleepDiscardsWebSocketMessage(t *testing.T) {
	url := sleepyServer(t)
	recs, res := traceRun(t, `
local ws = assert(http.websocket(...))
ws.send("hello")
local deadline = os.startTimer(1)
local got = {}
while true do
    local event, a, b = os.pullEvent()
    if event == "websocket_message" then
        got[#got + 1] = b
        ws.send("sleeping")
        sleep(0.2) -- "two" arrives meanwhile: sleep's filter discards it
    elseif event == "timer" and a == deadline then
        break
    end
end
ws.close()
print(table.concat(got, ","))
`, computertest.Args(url), computertest.Extensions(http.Install))
	if res.Status != 0 || res.Stdout != "one\n" {
		t.Fatalf("run: %+v", res)
	}
	var one, two *trace.Record
	for i, r := range recs {
		if r.Name == "websocket_message" && len(r.Args) == 3 {
			switch r.Args[1] {
			case "one":
				one = &recs[i]
			case "two":
				two = &recs[i]
			}
		}
	}
	if one == nil || two == nil {
		t.Fatalf("trace lacks the messages: %+v", recs)
	}
	if one.Source != "websocket" || len(one.ReceivedBy) != 1 || one.ReceivedBy[0] != "bios" || one.Discarded {
		t.Errorf("message one: %+v", *one)
	}
	want := []trace.Skip{{Coroutine: "bios", Filter: "timer", At: "test.lua:11"}}
	if two.Source != "websocket" || !two.Discarded || len(two.ReceivedBy) != 0 || !reflect.DeepEqual(two.SkippedBy, want) {
		t.Errorf("message two: %+v, want discarded, skipped by %+v", *two, want)
	}
	if two.Args[0] != url || two.Args[2] != false {
		t.Errorf("message two's arguments %q", two.Args)
	}
	if two.Seq <= one.Seq || two.Time < one.Time {
		t.Errorf("two (seq %d at %v) not after one (seq %d at %v)", two.Seq, two.Time, one.Seq, one.Time)
	}
}

// http.listen runs each request's handler in a coroutine of its own: one
// that sleeps skips the events its filter does not want.
func TestTraceHTTPHandlers(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	done := make(chan string, 1)
	go func() {
		resp, err := nethttp.Get("http://" + l.Addr().String() + "/")
		if err != nil {
			done <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		done <- string(b)
	}()
	recs, res := traceRun(t, `
http.listen(tonumber(...), function(req, res)
    os.queueEvent("noise")
    sleep(0.05)
    res.write("ok")
    res.close()
    return true
end)
`, computertest.Args(strconv.Itoa(port)), computertest.Extensions(http.Install),
		computertest.Configure(func(c *computer.Config) {
			c.Listen = func(string, string) (net.Listener, error) { return l, nil }
		}))
	if body := <-done; res.Status != 0 || body != "ok" {
		t.Fatalf("run %+v, response %q", res, body)
	}
	req := find(t, recs, "http_request")
	if req.Source != "http_server" || len(req.Args) != 3 || req.Args[0] != float64(port) {
		t.Errorf("http_request: %+v", req)
	}
	noise := find(t, recs, "noise")
	var skips []string
	for _, s := range noise.SkippedBy {
		skips = append(skips, s.Coroutine+"|"+s.Filter+"|"+s.At)
	}
	matchAll(t, "skipped_by", skips, []string{"test.lua:2" + thread + `\|timer\|test.lua:4`})
	timer := find(t, recs, "timer")
	if len(noise.SkippedBy) == 1 && !slices.Contains(timer.ReceivedBy, noise.SkippedBy[0].Coroutine) {
		t.Errorf("timer received by %q", timer.ReceivedBy)
	}
}
