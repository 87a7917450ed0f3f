// Package speaker is CC:Tweaked's speaker peripheral. Nothing is heard:
// the audio playAudio streams is written to a WAV file (8-bit mono PCM at
// 48 kHz, the samples as given, back to back) when a folder is configured
// (--speaker-wav) or periphemu names the file, and speaker_audio_empty
// events come as CC:Tweaked times them: a buffer is taken once what was
// sent before has less than half a second left to play at 48 kHz.
package speaker

import (
	"fmt"
	"math"
	"path/filepath"
	"sync"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/vm"
)

// CC:Tweaked's numbers (SpeakerPeripheral, DfpwmState, Config).
const (
	SampleRate     = 48000
	MaxSamples     = 128 * 1024
	maxSoundLength = 512
	maxNotesPerTik = 8
	tick           = 50 * time.Millisecond
	clientBuffer   = 500 * time.Millisecond
)

// Options configure the speakers a factory makes.
type Options struct {
	// Dir is the folder WAV files are written to.
	Dir string
	// All makes every speaker write one, named after its side
	// (--speaker-wav); otherwise only those periphemu names a file for.
	All bool
}

// New is the factory for "speaker": arg, when given, names the WAV file
// inside opts.Dir (".wav" added when it has no extension).
func New(opts Options) peripheral.Factory {
	return func(arg any) (peripheral.Device, error) {
		s := NewSpeaker("")
		switch {
		case arg != nil:
			name, ok := arg.(string)
			if !ok {
				return nil, fmt.Errorf("bad argument #3 (string expected, got %s)", peripheral.ArgType(arg))
			}
			clean, ok := peripheral.LocalPath(name)
			if !ok {
				return nil, fmt.Errorf("Invalid WAV file %q (a file inside the speaker folder)", name)
			}
			if filepath.Ext(clean) == "" {
				clean += ".wav"
			}
			s.path = filepath.Join(opts.Dir, clean)
		case opts.All:
			s.dir = opts.Dir
		}
		return s, nil
	}
}

type attachment struct {
	host peripheral.Host
	name string
}

// holder is what a Host may offer to say an event is still to come, so a
// computer waiting for speaker_audio_empty is not idle for good.
type holder interface {
	Hold()
	Release()
}

// Speaker is one speaker.
type Speaker struct {
	path string // the WAV file, "" for none (or named at the first attach)
	dir  string // with no path: the folder for <side>.wav

	// now and after are the clock, replaced in tests.
	now   func() time.Time
	after func(time.Duration, func()) *time.Timer

	mu        sync.Mutex
	hosts     []attachment
	noteTick  time.Time // the tick notes were last counted in
	notes     int
	soundTick time.Time // the tick of the last playSound
	stream    *stream
	wav       *wavFile
	wavErr    error
	played    []Sound
	closed    bool
}

// Sound is a note or sound a speaker played (for tests and logs).
type Sound struct {
	Note          bool // a note (Name is the instrument) or a sound
	Name          string
	Volume, Pitch float64
}

// NewSpeaker makes a speaker writing its audio to the WAV file path ("":
// none).
func NewSpeaker(path string) *Speaker {
	return &Speaker{path: path, now: time.Now, after: time.AfterFunc}
}

// Types is "speaker".
func (s *Speaker) Types() []string { return []string{"speaker"} }

// Path is the WAV file the speaker writes ("" when none).
func (s *Speaker) Path() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.path
}

// Played lists the notes and sounds played so far (the last 1024).
func (s *Speaker) Played() []Sound {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sound(nil), s.played...)
}

// Attach remembers the computer, to send it speaker_audio_empty.
func (s *Speaker) Attach(h peripheral.Host, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hosts = append(s.hosts, attachment{h, name})
	if s.path == "" && s.dir != "" {
		s.path = filepath.Join(s.dir, wavName(h.ID(), name))
	}
	if s.stream != nil && s.stream.held {
		s.hold(h)
	}
}

// Detach forgets it; the audio stops when no computer is left, and the
// WAV file is closed.
func (s *Speaker) Detach(h peripheral.Host, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, at := range s.hosts {
		if at.host == h && at.name == name {
			s.hosts = append(s.hosts[:i], s.hosts[i+1:]...)
			if s.stream != nil && s.stream.held {
				s.release(h)
			}
			break
		}
	}
	if len(s.hosts) == 0 {
		s.stopLocked()
		if s.wav != nil {
			s.wav.close()
		}
	}
}

// wavName is SIDE.wav on the first computer (id 0), ID-SIDE.wav on the
// others, so the computers of one run write files of their own.
func wavName(id int, side string) string {
	if id == 0 {
		return side + ".wav"
	}
	return fmt.Sprintf("%d-%s.wav", id, side)
}

func (s *Speaker) hold(h peripheral.Host) {
	if hd, ok := h.(holder); ok {
		hd.Hold()
	}
}

func (s *Speaker) release(h peripheral.Host) {
	if hd, ok := h.(holder); ok {
		hd.Release()
	}
}

// volumePitch reads the optional volume and pitch (arguments 2 and 3) as
// CC:Tweaked does: numbers, finite, the volume clamped to 0..3.
func volumePitch(a vm.Args) (volume, pitch float64) {
	a.OptNumber(2, 0)
	a.OptNumber(3, 0)
	volume, pitch = 1, 1
	if a.Value(2) != lua.LNil {
		volume = a.FiniteNumber(2)
	}
	if a.Value(3) != lua.LNil {
		pitch = a.FiniteNumber(3)
	}
	return math.Min(math.Max(volume, 0), 3), pitch
}

// PlayNote plays a note block note: instrument, volume (0..3, default 1)
// and pitch in semitones (0..24). False past 8 notes in one game tick.
func (s *Speaker) PlayNote(a vm.Args) int {
	name := a.String(1)
	volume, pitch := volumePitch(a)
	inst, ok := instrument(name)
	if !ok {
		a.Fail("Invalid instrument, %q!", name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now().Truncate(tick)
	if !now.Equal(s.noteTick) {
		s.noteTick, s.notes = now, 0
	}
	if s.notes >= maxNotesPerTik {
		return a.Return(lua.LFalse)
	}
	s.notes++
	s.remember(Sound{Note: true, Name: inst, Volume: volume, Pitch: pitch})
	return a.Return(lua.LTrue)
}

// PlaySound plays a Minecraft sound by name. False for a music disc's
// sound, when a sound was already started this tick, or while audio from
// playAudio is playing.
func (s *Speaker) PlaySound(a vm.Args) int {
	name := a.String(1)
	volume, pitch := volumePitch(a)
	if len(name) > maxSoundLength {
		a.Error(1, "sound name is too long")
	}
	if !validSound(name) {
		a.Error(1, "malformed sound name")
	}
	if isRecord(name) {
		return a.Return(lua.LFalse)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if now.Truncate(tick).Equal(s.soundTick) || s.stream != nil && s.stream.playing(now) {
		return a.Return(lua.LFalse)
	}
	s.stopLocked()
	s.soundTick = now.Truncate(tick)
	s.remember(Sound{Name: name, Volume: volume, Pitch: pitch})
	return a.Return(lua.LTrue)
}

// maxPlayed is how many of the last notes and sounds Played keeps.
const maxPlayed = 1024

func (s *Speaker) remember(snd Sound) {
	if len(s.played) == maxPlayed {
		s.played = append(s.played[:0], s.played[1:]...)
	}
	s.played = append(s.played, snd)
}

// Stop clears the audio playAudio queued and stops the last sound.
func (s *Speaker) Stop(a vm.Args) int {
	s.mu.Lock()
	s.stopLocked()
	s.soundTick = time.Time{}
	s.mu.Unlock()
	return 0
}

// Close stops the speaker and closes its WAV file (for hosts and tests).
func (s *Speaker) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.stopLocked()
	if s.wav != nil {
		return s.wav.close()
	}
	return nil
}

var _ peripheral.Attachable = (*Speaker)(nil)
