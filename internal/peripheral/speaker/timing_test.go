package speaker

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
)

// fakeHost records the events a speaker queues and its holds.
type fakeHost struct {
	mu     sync.Mutex
	events []string
	holds  int
}

func (h *fakeHost) ID() int { return 0 }
func (h *fakeHost) Queue(name string, args ...any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, strings.TrimSpace(fmt.Sprintln(append([]any{name}, args...)...)))
}
func (h *fakeHost) Mount(string, string, bool) (string, error) { return "", nil }
func (h *fakeHost) Unmount(string)                             {}
func (h *fakeHost) Hold()                                      { h.mu.Lock(); h.holds++; h.mu.Unlock() }
func (h *fakeHost) Release()                                   { h.mu.Lock(); h.holds--; h.mu.Unlock() }

func (h *fakeHost) take() (string, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ev := strings.Join(h.events, ",")
	h.events = nil
	return ev, h.holds
}

// fakeClock is a clock the test moves; timers fire as it passes them.
type fakeClock struct {
	now    time.Time
	timers []fakeTimer
}

type fakeTimer struct {
	at time.Time
	f  func()
	t  *time.Timer
}

func (c *fakeClock) after(d time.Duration, f func()) *time.Timer {
	t := time.NewTimer(time.Hour) // a real timer only so Stop works
	c.timers = append(c.timers, fakeTimer{c.now.Add(d), f, t})
	return t
}

// advance moves the clock and runs the timers due (those not stopped).
func (c *fakeClock) advance(d time.Duration) {
	c.now = c.now.Add(d)
	due := c.timers[:0:0]
	var rest []fakeTimer
	for _, t := range c.timers {
		if !t.at.After(c.now) {
			due = append(due, t)
		} else {
			rest = append(rest, t)
		}
	}
	c.timers = rest
	for _, t := range due {
		if t.t.Stop() { // false: stopped by the speaker
			t.f()
		}
	}
}

func newTimed(t *testing.T) (*Speaker, *fakeHost, *fakeClock, *lua.LState) {
	clock := &fakeClock{now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := NewSpeaker("")
	s.now = func() time.Time { return clock.now }
	s.after = clock.after
	h := &fakeHost{}
	s.Attach(h, "left")
	L := lua.NewState()
	t.Cleanup(L.Close)
	return s, h, clock, L
}

// call calls a speaker method with Lua arguments and returns its results
// as text, or its error.
func call(L *lua.LState, fn vm.Fn, args ...lua.LValue) string {
	f := L.NewFunction(func(L *lua.LState) int { return fn(vm.Args{L: L}) })
	L.SetTop(0)
	L.Push(f)
	for _, a := range args {
		L.Push(a)
	}
	if err := L.PCall(len(args), lua.MultRet, nil); err != nil {
		return "error: " + err.(*lua.ApiError).Object.String()
	}
	var out []string
	for i := 1; i <= L.GetTop(); i++ {
		out = append(out, L.Get(i).String())
	}
	return strings.Join(out, " ")
}

func samples(L *lua.LState, n int) *lua.LTable {
	t := L.CreateTable(n, 0)
	for i := 1; i <= n; i++ {
		t.RawSetInt(i, lua.LNumber(i%256-128))
	}
	return t
}

// The buffer timing of CC:Tweaked's DfpwmState: a buffer is sent (and
// speaker_audio_empty queued) once what was sent before has less than
// half a second to play; one buffer waits at most, and the computer is
// held while it does.
func TestAudioTiming(t *testing.T) {
	s, h, clock, L := newTimed(t)
	second := samples(L, SampleRate) // one second of audio
	steps := []struct {
		advance time.Duration
		call    bool
		want    string // playAudio's result
		events  string
		holds   int
	}{
		{0, true, "true", "speaker_audio_empty left", 0},                // sent at once: ends at 1 s
		{0, true, "true", "", 1},                                        // waits until 0.5 s
		{0, true, "false", "", 1},                                       // one buffer waits at most
		{499 * time.Millisecond, false, "", "", 1},                      // not yet
		{time.Millisecond, false, "", "speaker_audio_empty left", 0},    // 0.5 s: sent, ends at 2 s
		{0, true, "true", "", 1},                                        // waits until 1.5 s
		{time.Second, false, "", "speaker_audio_empty left", 0},         // 1.5 s
		{10 * time.Second, true, "true", "speaker_audio_empty left", 0}, // long after: at once
	}
	for i, st := range steps {
		clock.advance(st.advance)
		if st.call {
			if got := call(L, s.PlayAudio, second); got != st.want {
				t.Errorf("step %d: playAudio = %q, want %q", i, got, st.want)
			}
		}
		if ev, holds := h.take(); ev != st.events || holds != st.holds {
			t.Errorf("step %d: events %q holds %d, want %q holds %d", i, ev, holds, st.events, st.holds)
		}
	}
}

// stop drops the waiting buffer: no event comes, the hold ends, and the
// next audio starts a new stream at once.
func TestAudioStop(t *testing.T) {
	s, h, clock, L := newTimed(t)
	second := samples(L, SampleRate)
	call(L, s.PlayAudio, second)
	call(L, s.PlayAudio, second)
	h.take()
	call(L, s.Stop)
	clock.advance(2 * time.Second)
	if ev, holds := h.take(); ev != "" || holds != 0 {
		t.Errorf("after stop: events %q holds %d", ev, holds)
	}
	if got := call(L, s.PlayAudio, second); got != "true" {
		t.Errorf("playAudio after stop = %q", got)
	}
	if ev, _ := h.take(); ev != "speaker_audio_empty left" {
		t.Errorf("events %q", ev)
	}
	// Detaching the last computer stops the audio too.
	call(L, s.PlayAudio, second)
	s.Detach(h, "left")
	if _, holds := h.take(); holds != 0 {
		t.Errorf("holds %d after detach", holds)
	}
}

// At most 8 notes per game tick; one sound per tick, none while audio
// plays, and none for music discs.
func TestNotesAndSoundsPerTick(t *testing.T) {
	s, _, clock, L := newTimed(t)
	harp := lua.LString("harp")
	var got []string
	for i := 0; i < 9; i++ {
		got = append(got, call(L, s.PlayNote, harp))
	}
	clock.advance(tick)
	got = append(got, call(L, s.PlayNote, harp))
	if w := "true true true true true true true true false true"; strings.Join(got, " ") != w {
		t.Errorf("notes: %v, want %s", got, w)
	}

	sound := lua.LString("entity.creeper.primed")
	got = []string{call(L, s.PlaySound, sound), call(L, s.PlaySound, sound)}
	clock.advance(tick)
	got = append(got, call(L, s.PlaySound, sound), call(L, s.PlaySound, lua.LString("music_disc.cat")))
	clock.advance(tick)
	call(L, s.PlayAudio, samples(L, 8))
	got = append(got, call(L, s.PlaySound, sound))
	clock.advance(tick)
	got = append(got, call(L, s.PlaySound, sound)) // 8 samples ended long ago
	if w := "true false true false false true"; strings.Join(got, " ") != w {
		t.Errorf("sounds: %v, want %s", got, w)
	}
	played := s.Played()
	if len(played) != 9+3 || !played[0].Note || played[0].Name != "harp" || played[9].Name != "entity.creeper.primed" {
		t.Errorf("played: %+v", played)
	}
}

// Detached at a reboot and attached again, a speaker goes on writing the
// same WAV file; a speaker on another computer than the first names its
// file after that computer too.
func TestWAVAcrossReattach(t *testing.T) {
	path := filepath.Join(t.TempDir(), "left.wav")
	s, h, clock, L := newTimed(t)
	s.path = path
	call(L, s.PlayAudio, samples(L, 8))
	s.Detach(h, "left")
	s.Attach(h, "left")
	clock.advance(time.Second)
	call(L, s.PlayAudio, samples(L, 16))
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil || len(b) != 44+24 || binary.LittleEndian.Uint32(b[40:]) != 24 {
		t.Fatalf("%d bytes, %v: % x", len(b), err, b[:min(len(b), 44)])
	}

	if a, b := wavName(0, "left"), wavName(3, "top"); a != "left.wav" || b != "3-top.wav" {
		t.Errorf("names %q %q", a, b)
	}
}
