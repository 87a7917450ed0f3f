package computer_test

import (
	"bufio"
	"encoding/json"
	nethttp "net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
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

func TestTraceParallelSkip(t *testing.T) {
	recs, res := traceRun(t, `
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
`)
	if res.Status != 0 || res.Stdout != "bar\nfoo\t7\n" {
		t.Fatalf("run: %+v", res)
	}
	bar := find(t, recs, "bar")
	if bar.Source != "os.queueEvent" {
		t.Errorf("bar's source %q", bar.Source)
	}
	if len(bar.ReceivedBy) != 2 || bar.ReceivedBy[0] != "bios" || !strings.HasPrefix(bar.ReceivedBy[1], "test.lua:6 (thread: ") {
		t.Errorf("bar received by %q", bar.ReceivedBy)
	}
	if len(bar.SkippedBy) != 1 || !strings.HasPrefix(bar.SkippedBy[0].Coroutine, "test.lua:2 (thread: ") || bar.SkippedBy[0].Filter != "foo" || bar.SkippedBy[0].At != "test.lua:3" {
		t.Errorf("bar skipped by %+v", bar.SkippedBy)
	}
	// The same coroutine is named alike where it skips and where it receives.
	foo := find(t, recs, "foo")
	if len(bar.SkippedBy) == 1 && (len(foo.ReceivedBy) != 2 || foo.ReceivedBy[1] != bar.SkippedBy[0].Coroutine) {
		t.Errorf("foo received by %q, want the coroutine that skipped bar", foo.ReceivedBy)
	}
	if foo.Discarded || bar.Discarded {
		t.Errorf("discarded: foo %v, bar %v", foo.Discarded, bar.Discarded)
	}
	args, _ := json.Marshal(bar.Args)
	if want := `[{"len":100,"string":"` + strings.Repeat("x", 60) + `"},{"type":"table"}]`; string(args) != want {
		t.Errorf("bar's arguments %s, want %s", args, want)
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
