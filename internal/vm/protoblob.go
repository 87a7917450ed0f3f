package vm

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"sort"
	"sync"
	"sync/atomic"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// A compiled blob holds chunks compiled at build time (craftos's ROM: see
// internal/romcode), so a start decodes the few chunks a boot loads instead
// of compiling the whole ROM. Each chunk is found by its chunk name and
// used only when the source being loaded has the SHA-256 it was compiled
// from: an edited ROM file, or another ROM under the same names (--rom),
// compiles from source as before.
//
// Layout: blobMagic, a count, then per chunk its name, its source's length
// and SHA-256, and its encodeProto bytes (each length-prefixed).

const blobMagic = "craftos compiled lua 2\n"

type blobChunk struct {
	name   string
	srcLen int
	sum    string // SHA-256 of the source, 32 bytes
	data   string

	once  sync.Once
	proto *lua.FunctionProto
}

var compiled struct {
	mu     sync.RWMutex
	chunks map[string]*blobChunk
}

// BuildCompiled compiles chunks and returns their blob, in name order so
// the same chunks always give the same bytes.
func BuildCompiled(chunks []Chunk) ([]byte, error) {
	sorted := append([]Chunk(nil), chunks...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	buf := []byte(blobMagic)
	buf = appendLen(buf, len(sorted), false)
	for i, c := range sorted {
		if i > 0 && c.Name == sorted[i-1].Name {
			return nil, errors.New("compiled blob: chunk " + c.Name + " given twice")
		}
		p, err := compile(c.Source, c.Name)
		if err != nil {
			return nil, err
		}
		data, err := encodeProto(nil, p)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256([]byte(c.Source))
		buf = appendString(buf, c.Name)
		buf = binary.AppendUvarint(buf, uint64(len(c.Source)))
		buf = append(buf, sum[:]...)
		buf = appendString(buf, string(data))
	}
	return buf, nil
}

// UseCompiled makes the chunks of blob (from BuildCompiled) available to
// every machine's Load. The blob's bytes are kept, not copied: pass an
// embedded string. A malformed blob is an error and changes nothing.
func UseCompiled(blob string) error {
	chunks, err := parseBlob(blob)
	if err != nil {
		return err
	}
	compiled.mu.Lock()
	defer compiled.mu.Unlock()
	if compiled.chunks == nil {
		compiled.chunks = make(map[string]*blobChunk, len(chunks))
	}
	for _, c := range chunks {
		compiled.chunks[c.name] = c
	}
	return nil
}

func parseBlob(blob string) ([]*blobChunk, error) {
	if len(blob) < len(blobMagic) || blob[:len(blobMagic)] != blobMagic {
		return nil, errBadProto
	}
	r := &protoReader{data: blob, pos: len(blobMagic)}
	n, _ := r.len(1)
	chunks := make([]*blobChunk, 0, n)
	for range n {
		c := &blobChunk{name: r.string(), srcLen: int(r.uvarint())}
		if r.need(sha256.Size) {
			c.sum = blob[r.pos : r.pos+sha256.Size]
			r.pos += sha256.Size
		}
		c.data = r.string()
		chunks = append(chunks, c)
	}
	if r.err == nil && r.pos != len(blob) {
		r.err = errBadProto
	}
	return chunks, r.err
}

// compiledChunk returns the blob's chunk registered under name, or nil.
func compiledChunk(name string) *blobChunk {
	compiled.mu.RLock()
	defer compiled.mu.RUnlock()
	return compiled.chunks[name]
}

// CompiledSize is the source length the chunk name was compiled from, if
// a blob has it: a ROM file of another length needs compiling.
func CompiledSize(name string) (int, bool) {
	if c := compiledChunk(name); c != nil {
		return c.srcLen, true
	}
	return 0, false
}

// compiledProto returns the precompiled prototype of src under chunkname,
// decoded once per process, or nil when no blob compiled that source.
func compiledProto(src, chunkname string) *lua.FunctionProto {
	c := compiledChunk(chunkname)
	if c == nil || c.srcLen != len(src) {
		return nil
	}
	// Sum256 only reads its argument: the string's bytes are not copied.
	sum := sha256.Sum256(unsafe.Slice(unsafe.StringData(src), len(src)))
	if string(sum[:]) != c.sum {
		return nil
	}
	c.once.Do(func() {
		p, err := decodeProto(c.data)
		if err == nil {
			c.proto = p
		}
	})
	return c.proto
}

// sourceCompiles counts the chunks compiled from source in this process.
var sourceCompiles atomic.Int64

// SourceCompiles is how many chunks the process has compiled from source
// (not taken from a compiled blob): a boot of our ROM should add none.
func SourceCompiles() int64 { return sourceCompiles.Load() }
