package computer_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
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
	if len(bar.SkippedBy) != 1 || !strings.HasPrefix(bar.SkippedBy[0].Coroutine, "test.lua:2 (thread: ") || bar.SkippedBy[0].Filter != "foo" {
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
