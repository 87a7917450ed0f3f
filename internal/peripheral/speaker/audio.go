package speaker

import (
	"math"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
)

// stream is CC:Tweaked's DfpwmState without the encoding: one buffer
// waiting to be sent, and when what was sent ends playing.
type stream struct {
	pending  []int8 // the buffer waiting, nil when none
	volume   float64
	unplayed bool      // nothing sent yet
	ends     time.Time // when the audio sent so far ends playing
	timer    *time.Timer
	held     bool // the hosts are held until the buffer is sent
	stopped  bool
}

// playing is DfpwmState.isPlaying.
func (st *stream) playing(now time.Time) bool {
	return st.unplayed || !st.ends.Before(now)
}

// PlayAudio takes a table of samples (-128..127, at most 128×1024) and an
// optional volume (0..3; the last one given by default). False when a
// buffer is already waiting: wait for speaker_audio_empty and try again.
func (s *Speaker) PlayAudio(a vm.Args) int {
	t := a.Table(1)
	hasVolume := a.Value(2) != lua.LNil
	volume := 0.0
	if hasVolume {
		volume = a.FiniteNumber(2)
	}
	n := 0
	for t.RawGetInt(n+1) != lua.LNil {
		n++
		if n > MaxSamples {
			break
		}
	}
	if n <= 0 {
		a.Fail("Cannot play empty audio")
	}
	if n > MaxSamples {
		a.Fail("Audio data is too large")
	}

	s.mu.Lock()
	now := s.now()
	if s.stream == nil || !s.stream.playing(now) {
		s.stopLocked()
		s.stream = &stream{unplayed: true, volume: 1}
	}
	st := s.stream
	if st.pending != nil {
		s.mu.Unlock()
		return a.Return(lua.LFalse)
	}
	s.soundTick = time.Time{} // a sound started this tick is dropped
	s.mu.Unlock()

	// Only whole bytes of DFPWM are played: the samples past the last
	// multiple of 8 are dropped, as CC:Tweaked's encoder drops them.
	samples := make([]int8, n/8*8)
	for i := range samples {
		v, ok := t.RawGetInt(i + 1).(lua.LNumber)
		if !ok {
			a.Fail("bad item #%d (number expected, got %s)", i+1, vm.TypeName(a.L, t.RawGetInt(i+1)))
		}
		if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
			a.Fail("bad item #%d (number expected, got %s)", i+1, map[bool]string{true: "nan", false: "inf"}[math.IsNaN(f)])
		}
		level := int64(v)
		if level < -128 || level > 127 {
			a.Fail("table item #%d must be between -128 and 127", i+1)
		}
		samples[i] = int8(level)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stream != st || st.pending != nil {
		return a.Return(lua.LFalse) // stopped, or filled, meanwhile
	}
	st.pending = samples
	if hasVolume {
		st.volume = min(max(volume, 0), 3)
	}
	s.dispatch(st)
	return a.Return(lua.LTrue)
}

// dispatch sends the waiting buffer once the audio sent before has less
// than half a second left (DfpwmState.shouldSendPending), or arranges to
// be called again then. Called with s.mu held.
func (s *Speaker) dispatch(st *stream) {
	if st.stopped || st.pending == nil {
		return
	}
	now := s.now()
	if wait := st.ends.Add(-clientBuffer).Sub(now); wait > 0 {
		if !st.held {
			st.held = true
			for _, at := range s.hosts {
				s.hold(at.host)
			}
		}
		st.timer = s.after(wait, func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.dispatch(st)
		})
		return
	}
	samples := st.pending
	st.pending = nil
	st.unplayed = false
	st.ends = later(now, st.ends).Add(time.Duration(len(samples)) * time.Second / SampleRate)
	s.record(samples)
	if st.held {
		st.held = false
		for _, at := range s.hosts {
			s.release(at.host)
		}
	}
	for _, at := range s.hosts {
		at.host.Queue("speaker_audio_empty", at.name)
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// stopLocked drops the stream: its waiting buffer goes, no event comes.
func (s *Speaker) stopLocked() {
	st := s.stream
	if st == nil {
		return
	}
	s.stream = nil
	st.stopped = true
	st.pending = nil
	if st.timer != nil {
		st.timer.Stop()
	}
	if st.held {
		st.held = false
		for _, at := range s.hosts {
			s.release(at.host)
		}
	}
}

// record appends samples to the WAV file, opened at the first audio. A
// file that cannot be written is given up on (the error is kept for
// WAVError). Called with s.mu held.
func (s *Speaker) record(samples []int8) {
	if s.path == "" || s.wavErr != nil || s.closed || len(samples) == 0 {
		return
	}
	if s.wav == nil {
		s.wav, s.wavErr = createWAV(s.path)
	} else {
		s.wavErr = s.wav.reopen(s.path)
	}
	if s.wavErr != nil {
		return
	}
	if err := s.wav.write(samples); err != nil {
		s.wavErr = err
	}
}

// WAVError is why the WAV file could not be written, nil when it could.
func (s *Speaker) WAVError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.wavErr
}
