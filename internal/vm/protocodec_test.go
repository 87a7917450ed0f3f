package vm

import (
	iofs "io/fs"
	"math"
	"path"
	"reflect"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/rom"
)

// Programs whose prototypes use every field the codec writes: constants
// of each kind, nested and vararg functions, upvalues, locals, calls,
// goto, long strings with NULs, lines and columns.
var codecPrograms = []struct{ name, src string }{
	{"empty", ""},
	{"constants", `local a, b, c, d = nil, true, false, 1.5
local e, f, g = -0.0, 1e308 * 10, -(1e308 * 10)
local s = "a\0b\255" .. [[
long]] return a, b, c, d, e, f, g, s, 2^53 + 1, 0x7fffffff`},
	{"globals", `x = 1 y = x + 1 print(x, y) z = nil`},
	{"closures", `local n = 0
local function counter(step, ...)
  local extra = select('#', ...)
  return function() n = n + step + extra return n end
end
local t = { counter(1), counter(2, 'a', 'b'), k = function(self) return self end }
return t[1](), t[2](), t.k(t) == t`},
	{"loops and goto", `local s = 0
for i = 1, 10, 2 do s = s + i end
for k, v in pairs({a = 1}) do s = s + v end
while s > 100 do s = s - 1 end
repeat s = s + 1 until s > 40
do goto done end
::done:: return s`},
	{"methods and columns", `local t = {}
function t:m(a) return self, a end
local r = t:m(1) .m
return ("x"):rep(3), #t, -t, not t`},
	{"deep nesting", `local f = function() return function() return function() return function() return 1 end end end end
return f()()()()`},
}

func compileForTest(t *testing.T, src, name string) *lua.FunctionProto {
	t.Helper()
	p, err := compile(src, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

func roundTrip(t *testing.T, p *lua.FunctionProto) *lua.FunctionProto {
	t.Helper()
	data, err := encodeProto(nil, p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := decodeProto(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestProtoCodecRoundTrip(t *testing.T) {
	for _, tc := range codecPrograms {
		t.Run(tc.name, func(t *testing.T) {
			p := compileForTest(t, tc.src, "@codec/"+tc.name+".lua")
			if q := roundTrip(t, p); !reflect.DeepEqual(p, q) {
				t.Fatalf("decoded prototype differs:\ncompiled %s\ndecoded  %s", p, q)
			}
		})
	}
}

// Every chunk of the ROM, the codec's real input, decodes to what the
// compiler made, debug information included.
func TestProtoCodecRoundTripROM(t *testing.T) {
	fsys := rom.FS()
	n := 0
	iofs.WalkDir(fsys, ".", func(p string, d iofs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".lua" {
			return err
		}
		data, err := iofs.ReadFile(fsys, p)
		if err != nil {
			t.Fatal(err)
		}
		c := compileForTest(t, string(data), "@/rom/"+p)
		if q := roundTrip(t, c); !reflect.DeepEqual(c, q) {
			t.Errorf("%s: decoded prototype differs", p)
		}
		n++
		return nil
	})
	if n < 50 {
		t.Fatalf("only %d ROM files", n)
	}
}

// NaN is not equal to itself, so DeepEqual cannot check it: its bits can.
func TestProtoCodecKeepsNumberBits(t *testing.T) {
	p := &lua.FunctionProto{Constants: []lua.LValue{lua.LNumber(math.NaN()), lua.LNumber(math.Copysign(0, -1))}}
	q := roundTrip(t, p)
	for i, c := range p.Constants {
		want := math.Float64bits(float64(c.(lua.LNumber)))
		if got := math.Float64bits(float64(q.Constants[i].(lua.LNumber))); got != want {
			t.Errorf("constant %d: bits %x, want %x", i, got, want)
		}
	}
}

// A decoded prototype runs as the compiled one: globals through the
// string-constant cache FinishLoaded rebuilds, closures, varargs.
func TestDecodedProtoRuns(t *testing.T) {
	for _, tc := range codecPrograms {
		t.Run(tc.name, func(t *testing.T) {
			name := "@codec/" + tc.name + ".lua"
			want := runProto(t, compileForTest(t, tc.src, name))
			if got := runProto(t, roundTrip(t, compileForTest(t, tc.src, name))); got != want {
				t.Fatalf("decoded gave %q, compiled %q", got, want)
			}
		})
	}
}

func runProto(t *testing.T, p *lua.FunctionProto) string {
	t.Helper()
	tm := newTestMachine(t, Options{})
	L := tm.L
	L.SetGlobal("print", L.NewFunction(func(L *lua.LState) int { return 0 }))
	L.Push(L.NewFunctionFromProto(p))
	if err := L.PCall(0, lua.MultRet, nil); err != nil {
		return "error: " + err.Error()
	}
	out := ""
	for i := 1; i <= L.GetTop(); i++ {
		out += L.Get(i).String() + "|"
	}
	out += "x=" + L.GetGlobal("x").String() + ",y=" + L.GetGlobal("y").String()
	L.SetTop(0)
	return out
}

// Truncated or corrupted bytes are an error, never a panic or a huge
// allocation.
func TestProtoCodecRejectsBadBytes(t *testing.T) {
	p := compileForTest(t, codecPrograms[3].src, "@codec/bad.lua")
	data, err := encodeProto(nil, p)
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(data) {
		if _, err := decodeProto(string(data[:n])); err == nil {
			t.Fatalf("%d of %d bytes decoded", n, len(data))
		}
	}
	if _, err := decodeProto(string(data) + "x"); err == nil {
		t.Fatal("trailing byte accepted")
	}
	for i := range data {
		bad := append([]byte(nil), data...)
		bad[i] ^= 0xff
		decodeProto(string(bad)) // must not panic
	}
}

// The ROM's chunks compiled from source, and decoded from their compiled
// bytes: what a start saves per chunk it loads.
func BenchmarkROMChunks(b *testing.B) {
	var srcs []Chunk
	iofs.WalkDir(rom.FS(), ".", func(p string, d iofs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".lua" {
			data, _ := iofs.ReadFile(rom.FS(), p)
			srcs = append(srcs, Chunk{Name: "@/rom/" + p, Source: string(data)})
		}
		return err
	})
	var encoded []string
	for _, c := range srcs {
		p, err := compile(c.Source, c.Name)
		if err != nil {
			b.Fatal(err)
		}
		data, _ := encodeProto(nil, p)
		encoded = append(encoded, string(data))
	}
	b.Run("compile", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range srcs {
				compile(c.Source, c.Name)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, data := range encoded {
				if _, err := decodeProto(data); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
