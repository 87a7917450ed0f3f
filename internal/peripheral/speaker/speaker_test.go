package speaker_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	"github.com/craftos/craftos/internal/peripheral/speaker"
)

func withSpeakers(opts speaker.Options, specs ...computer.PeripheralSpec) computertest.Option {
	return computertest.Devices("speaker", speaker.New(opts), specs...)
}

func run(t *testing.T, opts speaker.Options, src string) computertest.Result {
	t.Helper()
	res := computertest.Run(t, src, withSpeakers(opts, computer.PeripheralSpec{Name: "left", Type: "speaker"}))
	if res.Err != nil || res.Stderr != "" {
		t.Fatalf("err %v, stdout:\n%s\nstderr:\n%s", res.Err, res.Stdout, res.Stderr)
	}
	return res
}

// readWAV checks the header of an 8-bit mono 48 kHz WAV file and returns
// its samples as signed values.
func readWAV(t *testing.T, path string) []int8 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 44 || string(b[0:4]) != "RIFF" || string(b[8:16]) != "WAVEfmt " || string(b[36:40]) != "data" {
		t.Fatalf("not a WAV file: % x", b[:min(len(b), 44)])
	}
	le := binary.LittleEndian
	if le.Uint16(b[20:]) != 1 || le.Uint16(b[22:]) != 1 || le.Uint32(b[24:]) != 48000 || le.Uint16(b[34:]) != 8 {
		t.Fatalf("format: % x", b[20:36])
	}
	n := le.Uint32(b[40:])
	if int(n) != len(b)-44 || le.Uint32(b[4:]) != 36+n {
		t.Fatalf("sizes: data %d, riff %d, file %d", n, le.Uint32(b[4:]), len(b))
	}
	out := make([]int8, n)
	for i, c := range b[44:] {
		out[i] = int8(int(c) - 128)
	}
	return out
}

// CC:Tweaked's argument checks and errors.
func TestSpeakerErrors(t *testing.T) {
	src := `
local s = peripheral.wrap("left")
local function try(f, ...)
    local ok, err = pcall(f, ...)
    print(ok and tostring(err) or (err:gsub("^[^:]*:%d+: ", "")))
end
try(s.playNote, "nope")
try(s.playNote)
try(s.playNote, "harp", "loud")
try(s.playNote, "harp", 0/0)
try(s.playNote, "harp", 1, math.huge)
try(s.playNote, "harp", "x", {})
try(s.playSound, string.rep("a", 513))
try(s.playSound, "Bad Name")
try(s.playSound, "a:b:c")
try(s.playSound, "music_disc.cat")
try(s.playSound, "minecraft:music_disc.far")
try(s.playAudio, "x")
try(s.playAudio, {})
try(s.playAudio, {[2] = 1})
local big = {} for i = 1, 128 * 1024 + 1 do big[i] = 0 end
try(s.playAudio, big)
try(s.playAudio, {1, 2, "x", 4, 5, 6, 7, 8})
try(s.playAudio, {1, 2, 3, 4, 5, 6, 7, 200})
try(s.playAudio, {1, 2, 3, 4, 5, 6, 7, 0/0})
try(s.playAudio, {0}, "x")
try(s.playAudio, {0}, 1/0)
try(s.playAudio, {1, 2, 3, "past the last whole byte"})
print(table.concat(peripheral.getMethods("left"), ","))
`
	res := run(t, speaker.Options{}, src)
	want := strings.Join([]string{
		`Invalid instrument, "nope"!`,
		"bad argument #1 (string expected, got nil)",
		"bad argument #2 (number expected, got string)",
		"bad argument #2 (number expected, got nan)",
		"bad argument #3 (number expected, got inf)",
		"bad argument #2 (number expected, got string)",
		"bad argument #1 (sound name is too long)",
		"bad argument #1 (malformed sound name)",
		"bad argument #1 (malformed sound name)",
		"false",
		"false",
		"bad argument #1 (table expected, got string)",
		"Cannot play empty audio",
		"Cannot play empty audio",
		"Audio data is too large",
		"bad item #3 (number expected, got string)",
		"table item #8 must be between -128 and 127",
		"bad item #8 (number expected, got nan)",
		"bad argument #2 (number expected, got string)",
		"bad argument #2 (number expected, got inf)",
		"true",
		"playAudio,playNote,playSound,stop",
		"",
	}, "\n")
	if res.Stdout != want {
		t.Errorf("got:\n%s\nwant:\n%s", res.Stdout, want)
	}
}

// Audio reaches the WAV file sample for sample, and speaker_audio_empty
// comes when the next buffer may be given: at once for the first, half a
// second before the audio sent ends for the next.
func TestSpeakerAudioEventsAndWAV(t *testing.T) {
	dir := t.TempDir()
	src := `
local s = peripheral.wrap("left")
local a, b = {}, {}
for i = 1, 48000 do a[i] = i % 256 - 128 b[i] = -(i % 100) end
local t0 = os.epoch("utc")
print(s.playAudio(a))
print(os.pullEvent())
print(s.playAudio(b, 2))
print(s.playAudio(b))
print(os.pullEvent("speaker_audio_empty"))
local waited = os.epoch("utc") - t0
print(waited >= 450 and "waited" or "too soon: " .. waited)
print(periphemu.create("right", "speaker", "named"))
print(peripheral.call("right", "playAudio", {5, 5, 5, 5, 5, 5, 5, 5, 9}))
`
	res := run(t, speaker.Options{Dir: dir, All: true}, src)
	want := "true\nspeaker_audio_empty\tleft\ntrue\nfalse\nspeaker_audio_empty\tleft\nwaited\ntrue\ntrue\n"
	if res.Stdout != want {
		t.Errorf("got:\n%s\nwant:\n%s", res.Stdout, want)
	}
	got := readWAV(t, filepath.Join(dir, "left.wav"))
	if len(got) != 96000 {
		t.Fatalf("%d samples, want 96000", len(got))
	}
	for i := 1; i <= 48000; i++ {
		if a, b := got[i-1], got[48000+i-1]; int(a) != i%256-128 || int(b) != -(i%100) {
			t.Fatalf("sample %d: %d, %d", i, a, b)
		}
	}
	// The named speaker's file: the whole bytes of audio (8 samples).
	if named := readWAV(t, filepath.Join(dir, "named.wav")); !bytes.Equal(u8(named), bytes.Repeat([]byte{5}, 8)) {
		t.Errorf("named.wav: %v", named)
	}
}

func u8(s []int8) []byte {
	b := make([]byte, len(s))
	for i, v := range s {
		b[i] = byte(v)
	}
	return b
}

// Without a folder nothing is written; a periphemu name leading out of the
// speaker folder is refused.
func TestSpeakerFiles(t *testing.T) {
	dir := t.TempDir()
	src := `
print(peripheral.call("left", "playAudio", {1, 2, 3, 4, 5, 6, 7, 8}))
print(periphemu.create("right", "speaker", "../out"))
print(periphemu.create("top", "speaker", "/tmp/x.wav"))
`
	res := run(t, speaker.Options{Dir: dir}, src)
	want := "true\n" +
		"false\tInvalid WAV file \"../out\" (a file inside the speaker folder)\n" +
		"false\tInvalid WAV file \"/tmp/x.wav\" (a file inside the speaker folder)\n"
	if res.Stdout != want {
		t.Errorf("got:\n%s\nwant:\n%s", res.Stdout, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
}

// The speaker program plays a DFPWM file: the WAV holds what
// cc.audio.dfpwm decodes from it.
func TestSpeakerProgramPlaysDFPWM(t *testing.T) {
	dir := t.TempDir()
	src := `
local dfpwm = require("cc.audio.dfpwm")
local tone = {}
for i = 1, 24000 do tone[i] = math.floor(100 * math.sin(i / 20)) end
local data = dfpwm.encode(tone)
local f = fs.open("tone.dfpwm", "wb") f.write(data) f.close()
local decoded = dfpwm.decode(data)
local out = fs.open("decoded.txt", "w")
for i = 1, #decoded do out.write(decoded[i] .. "\n") end
out.close()
shell.run("speaker sound entity.creeper.primed 2 0.5")
shell.run("speaker play tone.dfpwm")
-- While audio plays, no sound (CC:Tweaked's playSound is false then).
shell.run("speaker sound entity.creeper.primed")
shell.run("speaker stop")
`
	root := t.TempDir()
	res := computertest.Run(t, src, computertest.Root(root),
		withSpeakers(speaker.Options{Dir: dir, All: true}, computer.PeripheralSpec{Name: "left", Type: "speaker"}))
	if res.Err != nil {
		t.Fatalf("err %v, stderr:\n%s", res.Err, res.Stderr)
	}
	want := "Played sound \"entity.creeper.primed\" on speaker \"left\" with volume 2 and pitch 0.5.\n" +
		"Playing tone.dfpwm\n"
	if res.Stdout != want || res.Stderr != "Could not play sound \"entity.creeper.primed\"\n" {
		t.Errorf("got:\n%s\nwant:\n%s\nstderr:\n%s", res.Stdout, want, res.Stderr)
	}
	text, err := os.ReadFile(filepath.Join(root, "decoded.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got := readWAV(t, filepath.Join(dir, "left.wav"))
	lines := strings.Fields(string(text))
	if len(got) != len(lines) || len(got) != 24000 {
		t.Fatalf("%d samples in the WAV, %d decoded", len(got), len(lines))
	}
	for i, l := range lines {
		if l != strconv.Itoa(int(got[i])) {
			t.Fatalf("sample %d: WAV %d, decoded %s", i+1, got[i], l)
		}
	}
}

// With a virtual clock, a buffer waiting to be sent holds the computer:
// time does not jump past it, so the speaker's event comes before a
// longer sleep ends, as in real time.
func TestSpeakerHoldsVirtualClock(t *testing.T) {
	src := `
local s = peripheral.wrap("left")
local a = {} for i = 1, 48000 do a[i] = 0 end
s.playAudio(a) os.pullEvent("speaker_audio_empty")
s.playAudio(a)
parallel.waitForAny(
    function() os.pullEvent("speaker_audio_empty") print("audio first") end,
    function() sleep(30) print("sleep first") end)
`
	res := computertest.Run(t, src,
		withSpeakers(speaker.Options{}, computer.PeripheralSpec{Name: "left", Type: "speaker"}),
		computertest.Configure(func(c *computer.Config) { c.VirtualClock = true }))
	if res.Stdout != "audio first\n" {
		t.Errorf("got %q, stderr %q", res.Stdout, res.Stderr)
	}
}
