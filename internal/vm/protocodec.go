package vm

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	lua "github.com/yuin/gopher-lua"
)

// The byte form of a compiled chunk, for the ROM compiled at build time
// (see protoblob.go): PUC's luac output plays this part for PUC Lua. Every
// field of gopher-lua's FunctionProto is kept, debug information included
// (lines, columns, locals, calls, upvalue names), and a nil slice stays nil,
// so a decoded prototype equals the compiled one. Numbers are varints
// (signed ones zigzagged), instructions 4 bytes little-endian, strings a
// length and their bytes; a nested prototype shares its parent's names.
// After the names come the chunk's element counts (slabSizes), so that a
// decode makes one array of each kind for the whole chunk.
//
// Decoding reads from a string (the embedded blob) and keeps substrings of
// it, so the names and string constants cost no copies.

// encodeProto appends p's byte form to buf.
func encodeProto(buf []byte, p *lua.FunctionProto) ([]byte, error) {
	buf = appendString(buf, p.SourceName)
	buf = appendString(buf, p.ChunkName)
	var sz slabSizes
	sz.count(p)
	for _, n := range sz {
		buf = binary.AppendUvarint(buf, uint64(n))
	}
	return encodeBody(buf, p)
}

// slabSizes counts the elements of each kind in a prototype and the ones
// nested in it (prototypes, instructions, constants, lines, columns,
// locals, calls, upvalue names), so that decoding makes one array of each
// kind for the whole chunk instead of one per function.
type slabSizes [8]int

func (s *slabSizes) count(p *lua.FunctionProto) {
	s[0]++
	s[1] += len(p.Code)
	s[2] += len(p.Constants)
	s[3] += len(p.DbgSourcePositions)
	s[4] += len(p.DbgColumns)
	s[5] += len(p.DbgLocals)
	s[6] += len(p.DbgCalls)
	s[7] += len(p.DbgUpvalues)
	for _, child := range p.FunctionPrototypes {
		s.count(child)
	}
}

func encodeBody(buf []byte, p *lua.FunctionProto) ([]byte, error) {
	buf = binary.AppendVarint(buf, int64(p.LineDefined))
	buf = binary.AppendVarint(buf, int64(p.LastLineDefined))
	buf = append(buf, p.NumUpvalues, p.NumParameters, p.IsVarArg, p.NumUsedRegisters)

	buf = appendLen(buf, len(p.Code), p.Code == nil)
	for _, ins := range p.Code {
		buf = binary.LittleEndian.AppendUint32(buf, ins)
	}
	buf = appendLen(buf, len(p.Constants), p.Constants == nil)
	for _, c := range p.Constants {
		switch v := c.(type) {
		case *lua.LNilType:
			buf = append(buf, constNil)
		case lua.LBool:
			if v {
				buf = append(buf, constTrue)
			} else {
				buf = append(buf, constFalse)
			}
		case lua.LNumber:
			buf = append(buf, constNumber)
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(float64(v)))
		case lua.LString:
			buf = append(buf, constString)
			buf = appendString(buf, string(v))
		default:
			return nil, fmt.Errorf("protocodec: constant of type %s", c.Type())
		}
	}
	buf = appendLen(buf, len(p.FunctionPrototypes), p.FunctionPrototypes == nil)
	for _, child := range p.FunctionPrototypes {
		if child.SourceName != p.SourceName || child.ChunkName != p.ChunkName {
			return nil, errors.New("protocodec: a nested function has another chunk name")
		}
		var err error
		if buf, err = encodeBody(buf, child); err != nil {
			return nil, err
		}
	}
	buf = appendLen(buf, len(p.DbgSourcePositions), p.DbgSourcePositions == nil)
	prev := 0
	for _, line := range p.DbgSourcePositions { // lines as deltas: mostly one byte
		buf = binary.AppendVarint(buf, int64(line-prev))
		prev = line
	}
	buf = appendLen(buf, len(p.DbgColumns), p.DbgColumns == nil)
	for _, col := range p.DbgColumns {
		buf = binary.AppendVarint(buf, int64(col))
	}
	buf = appendLen(buf, len(p.DbgLocals), p.DbgLocals == nil)
	for _, l := range p.DbgLocals {
		buf = appendString(buf, l.Name)
		buf = binary.AppendVarint(buf, int64(l.StartPc))
		buf = binary.AppendVarint(buf, int64(l.EndPc))
	}
	buf = appendLen(buf, len(p.DbgCalls), p.DbgCalls == nil)
	for _, c := range p.DbgCalls {
		buf = appendString(buf, c.Name)
		buf = binary.AppendVarint(buf, int64(c.Pc))
	}
	buf = appendLen(buf, len(p.DbgUpvalues), p.DbgUpvalues == nil)
	for _, name := range p.DbgUpvalues {
		buf = appendString(buf, name)
	}
	return buf, nil
}

const (
	constNil byte = iota
	constFalse
	constTrue
	constNumber
	constString
)

// appendLen writes a slice's length, 0 for a nil slice and n+1 otherwise.
func appendLen(buf []byte, n int, isNil bool) []byte {
	if isNil {
		return binary.AppendUvarint(buf, 0)
	}
	return binary.AppendUvarint(buf, uint64(n)+1)
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

var errBadProto = errors.New("protocodec: malformed prototype bytes")

// protoReader decodes from data; the first error sticks and every read
// after it returns zero values.
type protoReader struct {
	data string
	pos  int
	err  error

	// the chunk's arrays, each function taking its part
	protos    []lua.FunctionProto
	code      []uint32
	consts    []lua.LValue
	lines     []int
	cols      []int32
	locals    []lua.DbgLocalInfo
	localRefs []*lua.DbgLocalInfo
	calls     []lua.DbgCall
	upvals    []string
}

// decodeProto decodes one chunk's prototype written by encodeProto.
func decodeProto(data string) (*lua.FunctionProto, error) {
	r := &protoReader{data: data}
	source, chunk := r.string(), r.string()
	var sz slabSizes
	for i := range sz {
		// Every element takes a byte at least: a corrupt size cannot
		// allocate more than the data could hold.
		if v := r.uvarint(); v <= uint64(len(data)) {
			sz[i] = int(v)
		} else {
			r.err = errBadProto
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	r.protos = make([]lua.FunctionProto, sz[0])
	r.code = make([]uint32, sz[1])
	r.consts = make([]lua.LValue, sz[2])
	r.lines = make([]int, sz[3])
	r.cols = make([]int32, sz[4])
	r.locals = make([]lua.DbgLocalInfo, sz[5])
	r.localRefs = make([]*lua.DbgLocalInfo, sz[5])
	r.calls = make([]lua.DbgCall, sz[6])
	r.upvals = make([]string, sz[7])
	p := r.body(source, chunk, 0)
	if r.err == nil && (r.pos != len(data) || len(r.protos)+len(r.code)+len(r.consts)+len(r.lines)+
		len(r.cols)+len(r.locals)+len(r.calls)+len(r.upvals) != 0) {
		r.err = errBadProto
	}
	if r.err != nil {
		return nil, r.err
	}
	p.FinishLoaded()
	return p, nil
}

// take cuts n elements off the front of slab, for a slice of their own
// (full capacity: an append cannot reach the next function's part).
func take[T any](r *protoReader, slab *[]T, n int) []T {
	if n > len(*slab) {
		r.err = errBadProto
		return nil
	}
	s := (*slab)[:n:n]
	*slab = (*slab)[n:]
	return s
}

func (r *protoReader) body(source, chunk string, depth int) *lua.FunctionProto {
	if depth > 200 || len(r.protos) == 0 { // 200: LUAI_MAXCCALLS, the parser nests no deeper
		r.err = errBadProto
		return &lua.FunctionProto{}
	}
	p := &r.protos[0]
	r.protos = r.protos[1:]
	p.SourceName, p.ChunkName = source, chunk
	p.LineDefined = r.int()
	p.LastLineDefined = r.int()
	p.NumUpvalues, p.NumParameters, p.IsVarArg, p.NumUsedRegisters = r.byte(), r.byte(), r.byte(), r.byte()

	if n, ok := r.len(4); ok {
		p.Code = take(r, &r.code, n)
		for i := range p.Code {
			p.Code[i] = r.uint32()
		}
	}
	if n, ok := r.len(1); ok {
		p.Constants = take(r, &r.consts, n)
		for i := range p.Constants {
			p.Constants[i] = r.constant()
		}
	}
	if n, ok := r.len(1); ok {
		p.FunctionPrototypes = make([]*lua.FunctionProto, n)
		for i := range p.FunctionPrototypes {
			p.FunctionPrototypes[i] = r.body(source, chunk, depth+1)
		}
	}
	if n, ok := r.len(1); ok {
		p.DbgSourcePositions = take(r, &r.lines, n)
		line := 0
		for i := range p.DbgSourcePositions {
			line += r.int()
			p.DbgSourcePositions[i] = line
		}
	}
	if n, ok := r.len(1); ok {
		p.DbgColumns = take(r, &r.cols, n)
		for i := range p.DbgColumns {
			p.DbgColumns[i] = int32(r.int())
		}
	}
	if n, ok := r.len(3); ok {
		infos := take(r, &r.locals, n)
		p.DbgLocals = take(r, &r.localRefs, len(infos))
		for i := range p.DbgLocals {
			infos[i] = lua.DbgLocalInfo{Name: r.string(), StartPc: r.int(), EndPc: r.int()}
			p.DbgLocals[i] = &infos[i]
		}
	}
	if n, ok := r.len(2); ok {
		p.DbgCalls = take(r, &r.calls, n)
		for i := range p.DbgCalls {
			p.DbgCalls[i] = lua.DbgCall{Name: r.string(), Pc: r.int()}
		}
	}
	if n, ok := r.len(1); ok {
		p.DbgUpvalues = take(r, &r.upvals, n)
		for i := range p.DbgUpvalues {
			p.DbgUpvalues[i] = r.string()
		}
	}
	return p
}

func (r *protoReader) constant() lua.LValue {
	switch r.byte() {
	case constNil:
		return lua.LNil
	case constFalse:
		return lua.LFalse
	case constTrue:
		return lua.LTrue
	case constNumber:
		lo, hi := r.uint32(), r.uint32()
		return lua.LNumber(math.Float64frombits(uint64(lo) | uint64(hi)<<32))
	case constString:
		return lua.LString(r.string())
	default:
		r.err = errBadProto
	}
	return lua.LNil
}

// len reads a slice length; ok is false for a nil slice. Each element
// takes at least minSize bytes, so a corrupt length cannot allocate more
// than the data could hold.
func (r *protoReader) len(minSize int) (n int, ok bool) {
	v := r.uvarint()
	if v == 0 || r.err != nil {
		return 0, false
	}
	v--
	if v > uint64(len(r.data)-r.pos)/uint64(minSize) {
		r.err = errBadProto
		return 0, false
	}
	return int(v), true
}

func (r *protoReader) need(n int) bool {
	if r.err != nil {
		return false
	}
	if n < 0 || len(r.data)-r.pos < n {
		r.err = errBadProto
		return false
	}
	return true
}

func (r *protoReader) byte() byte {
	if !r.need(1) {
		return 0
	}
	b := r.data[r.pos]
	r.pos++
	return b
}

func (r *protoReader) uint32() uint32 {
	if !r.need(4) {
		return 0
	}
	d := r.data[r.pos : r.pos+4]
	r.pos += 4
	return uint32(d[0]) | uint32(d[1])<<8 | uint32(d[2])<<16 | uint32(d[3])<<24
}

func (r *protoReader) uvarint() uint64 {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		b := r.byte()
		if r.err != nil {
			return 0
		}
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
	r.err = errBadProto
	return 0
}

func (r *protoReader) int() int {
	u := r.uvarint()
	return int(int64(u>>1) ^ -int64(u&1)) // zigzag, as binary.AppendVarint
}

func (r *protoReader) string() string {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.data)-r.pos) {
		r.err = errBadProto
		return ""
	}
	s := r.data[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return s
}
