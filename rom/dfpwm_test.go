package rom_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/craftos/craftos/internal/computertest"
)

// refPredictor is DFPWM1a's shared predictor, written here from the published
// algorithm (GreaseMonkey's reference codec), independently of the Lua module.
type refPredictor struct {
	charge, strength int
	last             bool
}

// floorDiv is division rounding toward minus infinity, as Lua's math.floor(a/b).
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func (p *refPredictor) next(bit bool) int {
	target := -128
	if bit {
		target = 127
	}
	nc := p.charge + floorDiv(p.strength*(target-p.charge)+512, 1024)
	if nc == p.charge && nc != target {
		if bit {
			nc++
		} else {
			nc--
		}
	}
	z := 0
	if bit == p.last {
		z = 1023
	}
	if p.strength != z {
		if bit == p.last {
			p.strength++
		} else {
			p.strength--
		}
	}
	if p.strength < 8 {
		p.strength = 8
	}
	p.charge, p.last = nc, bit
	return nc
}

// refEncode encodes samples, padding the last byte with zero samples.
func refEncode(samples []int) []byte {
	var p refPredictor
	level := 0
	var out []byte
	for i := 0; i < len(samples); i += 8 {
		var b byte
		for j := 0; j < 8; j++ {
			s := 0
			if i+j < len(samples) {
				s = samples[i+j]
			}
			bit := s > level || (s == level && s == 127)
			if bit {
				b |= 1 << j
			}
			level = p.next(bit)
		}
		out = append(out, b)
	}
	return out
}

// refDecode decodes DFPWM bytes with the reference's anti-jerk averaging and
// low-pass filter.
func refDecode(data []byte) []int {
	var p refPredictor
	lowpass, lastCharge, lastBit := 0, 0, false
	var out []int
	for _, b := range data {
		for j := 0; j < 8; j++ {
			bit := b&(1<<j) != 0
			charge := p.next(bit)
			smoothed := charge
			if bit != lastBit {
				smoothed = floorDiv(charge+lastCharge+1, 2)
			}
			lastCharge, lastBit = charge, bit
			lowpass += floorDiv((smoothed-lowpass)*140+128, 256)
			out = append(out, lowpass)
		}
	}
	return out
}

// The Lua module (whole-stream and chunked) agrees bit for bit with the Go
// reference on random audio and random DFPWM bytes.
func TestDFPWMMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2024))
	// Audio: a random walk (like real sound) followed by white noise, with
	// the extremes present, and a length that is not a multiple of 8.
	var pcm []int
	v := 0
	for i := 0; i < 3000; i++ {
		v += rng.IntN(21) - 10
		v = max(-128, min(127, v))
		pcm = append(pcm, v)
	}
	for i := 0; i < 2005; i++ {
		pcm = append(pcm, rng.IntN(256)-128)
	}
	pcm = append(pcm, 127, 127, 127, -128, -128, -128)
	stream := make([]byte, 1500)
	for i := range stream {
		stream[i] = byte(rng.IntN(256))
	}

	root := t.TempDir()
	raw := make([]byte, len(pcm))
	for i, s := range pcm {
		raw[i] = byte(s + 128)
	}
	computertest.WriteFile(t, root, "pcm.bin", string(raw))
	computertest.WriteFile(t, root, "stream.bin", string(stream))

	r := computertest.Run(t, `
local dfpwm = require "cc.audio.dfpwm"
local function slurp(path)
  local f = fs.open(path, "rb") local s = f.readAll() f.close() return s
end
local function spit(path, s)
  local f = fs.open(path, "wb") f.write(s) f.close()
end
local function samples_to_bytes(list)
  local out = {}
  for i = 1, #list do out[i] = string.char(list[i] + 128) end
  return table.concat(out)
end

local raw = slurp("pcm.bin")
local pcm = {}
for i = 1, #raw do pcm[i] = raw:byte(i) - 128 end
spit("enc_whole.bin", dfpwm.encode(pcm))

-- Chunks of 8k samples (whole bytes) through one encoder.
local enc, parts = dfpwm.make_encoder(), {}
local i = 1
while i <= #pcm do
  local n = math.min(#pcm - i + 1, 8 * (1 + (i % 37)))
  local chunk = {}
  for j = 1, n do chunk[j] = pcm[i + j - 1] end
  parts[#parts + 1] = enc(chunk)
  i = i + n
end
spit("enc_chunked.bin", table.concat(parts))

local stream = slurp("stream.bin")
spit("dec_whole.bin", samples_to_bytes(dfpwm.decode(stream)))
local dec, out = dfpwm.make_decoder(), {}
local pos = 1
while pos <= #stream do
  local n = 1 + (pos % 29)
  for _, s in ipairs(dec(stream:sub(pos, pos + n - 1))) do out[#out + 1] = s end
  pos = pos + n
end
spit("dec_chunked.bin", samples_to_bytes(out))
spit("roundtrip.bin", samples_to_bytes(dfpwm.decode(dfpwm.encode(pcm))))
`, computertest.Root(root))
	if r.Status != 0 || r.Err != nil {
		t.Fatalf("status %d err %v\nstdout:\n%s\nstderr:\n%s", r.Status, r.Err, r.Stdout, r.Stderr)
	}

	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	samples := func(b []byte) []int {
		out := make([]int, len(b))
		for i, x := range b {
			out[i] = int(x) - 128
		}
		return out
	}
	wantEnc := refEncode(pcm)
	for _, name := range []string{"enc_whole.bin", "enc_chunked.bin"} {
		if got := read(name); string(got) != string(wantEnc) {
			t.Errorf("%s: %d bytes, differs from the reference's %d bytes at %d", name, len(got), len(wantEnc), firstDiff(got, wantEnc))
		}
	}
	wantDec := refDecode(stream)
	for _, name := range []string{"dec_whole.bin", "dec_chunked.bin"} {
		if got := samples(read(name)); !slices.Equal(got, wantDec) {
			t.Errorf("%s: %d samples, differs from the reference's %d", name, len(got), len(wantDec))
		}
	}
	if got, want := samples(read("roundtrip.bin")), refDecode(wantEnc); !slices.Equal(got, want) {
		t.Errorf("decode(encode(pcm)) differs from the reference")
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
