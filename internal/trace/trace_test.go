package trace

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/events"
)

type handle struct{}

type queuedTable struct{}

func (queuedTable) TraceType() string { return "table" }

func TestSummarise(t *testing.T) {
	long := strings.Repeat("a", 59) + "é" + "tail" // é's two bytes straddle byte 60
	tests := []struct {
		name string
		in   any
		want string // JSON
	}{
		{"nil", nil, `null`},
		{"short string", "hello", `"hello"`},
		{"60 bytes", strings.Repeat("x", 60), `"` + strings.Repeat("x", 60) + `"`},
		{"61 bytes", strings.Repeat("x", 61), `{"string":"` + strings.Repeat("x", 60) + `","len":61}`},
		{"cut before a split character", long, `{"string":"` + strings.Repeat("a", 59) + `","len":65}`},
		{"bytes", []byte("raw"), `"raw"`},
		{"lua string", lua.LString("s"), `"s"`},
		{"int", 3, `3`},
		{"float", 1.5, `1.5`},
		{"lua number", lua.LNumber(2), `2`},
		{"nan", math.NaN(), `"NaN"`},
		{"inf", math.Inf(-1), `"-Inf"`},
		{"bool", true, `true`},
		{"lua bool", lua.LFalse, `false`},
		{"queued table", queuedTable{}, `{"type":"table"}`},
		{"string map", map[string]string{"a": "b"}, `{"type":"table"}`},
		{"string list", []string{"a"}, `{"type":"table"}`},
		{"lua nil", lua.LNil, `null`},
		{"function", &lua.LFunction{}, `{"type":"function"}`},
		{"handle", &handle{}, `{"type":"handle","handle":"*trace.handle"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(Summarise([]any{tt.in})[0])
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// writes records each Write call, so a test can check one call per line.
type writes struct{ calls []string }

func (w *writes) Write(p []byte) (int, error) {
	w.calls = append(w.calls, string(p))
	return len(p), nil
}

func TestRecorder(t *testing.T) {
	w := &writes{}
	r := New(w)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r.Boot(func() time.Time { return now })
	r.Received("early") // no event being delivered: ignored
	now = now.Add(1500 * time.Millisecond)
	r.Delivered(events.Event{Name: "a", Source: events.SourceTimer, Args: []any{1}}, Bios)
	r.Received("co1")
	r.Skipped(Skip{Coroutine: "co2", Filter: "b", At: "p.lua:3"})
	if len(w.calls) != 0 {
		t.Fatalf("a line before the delivery ended: %q", w.calls)
	}
	r.Discarded(events.Event{Name: "c", Source: events.SourceQueueEvent}, Skip{Coroutine: Bios, Filter: "timer"})
	r.Flush() // nothing open: writes nothing
	r.Boot(func() time.Time { return now.Add(time.Hour) })
	r.Delivered(events.Event{Name: "d"}, Bios)
	r.Flush()
	want := []string{
		`{"seq":1,"time":1.5,"clock":"2026-01-02T03:04:06.5Z","name":"a","args":[1],"source":"timer","received_by":["bios","co1"],"skipped_by":[{"coroutine":"co2","filter":"b","at":"p.lua:3"}]}` + "\n",
		`{"seq":2,"time":1.5,"clock":"2026-01-02T03:04:06.5Z","name":"c","args":[],"source":"os.queueEvent","received_by":[],"skipped_by":[{"coroutine":"bios","filter":"timer"}],"discarded":true}` + "\n",
		`{"seq":3,"time":0,"clock":"2026-01-02T04:04:06.5Z","name":"d","args":[],"source":"","received_by":["bios"]}` + "\n",
	}
	if strings.Join(w.calls, "") != strings.Join(want, "") || len(w.calls) != len(want) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(w.calls, ""), strings.Join(want, ""))
	}
}

type failing struct{ n int }

func (f *failing) Write(p []byte) (int, error) {
	f.n++
	return 0, errors.New("disk full")
}

func TestRecorderStopsAtWriteError(t *testing.T) {
	f := &failing{}
	r := New(f)
	for range 3 {
		r.Discarded(events.Event{Name: "x"}, Skip{Coroutine: Bios, Filter: "y"})
	}
	if f.n != 1 || r.Err() == nil {
		t.Errorf("%d writes, error %v; want 1 write and the error", f.n, r.Err())
	}
	var b bytes.Buffer
	if New(&b).Err() != nil {
		t.Error("a new recorder has an error")
	}
}
