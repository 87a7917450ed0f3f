package lua

import (
	"math"
	"reflect"
	"unsafe"
)

// iface is an internal representation of the go-interface.
type iface struct {
	itab unsafe.Pointer
	word unsafe.Pointer
}

const preloadLimit LNumber = 128

var _fv float64
var _uv uintptr

var preloads [int(preloadLimit)]LValue

func init() {
	for i := 0; i < int(preloadLimit); i++ {
		preloads[i] = LNumber(i)
	}
}

// allocator is a fast bulk memory allocator for the LValue.
type allocator struct {
	size    int
	fptrs   []float64
	fheader *reflect.SliceHeader

	scratchValue  LValue
	scratchValueP *iface
}

func newAllocator(size int) *allocator {
	al := &allocator{
		size:    size,
		fptrs:   make([]float64, 0, size),
		fheader: nil,
	}
	al.fheader = (*reflect.SliceHeader)(unsafe.Pointer(&al.fptrs))
	al.scratchValue = LNumber(0)
	al.scratchValueP = (*iface)(unsafe.Pointer(&al.scratchValue))

	return al
}

// LNumber2I takes a number value and returns an interface LValue representing the same number.
// Converting an LNumber to a LValue naively, by doing:
// `var val LValue = myLNumber`
// will result in an individual heap alloc of 8 bytes for the float value. LNumber2I amortizes the cost and memory
// overhead of these allocs by allocating blocks of floats instead.
// The downside of this is that all of the floats on a given block have to become eligible for gc before the block
// as a whole can be gc-ed.
func (al *allocator) LNumber2I(v LNumber) LValue {
	// first check for shared preloaded numbers
	// craftos: not -0, which PUC keeps (local x = 0 print(x * -1) is -0).
	if v >= 0 && v < preloadLimit && float64(v) == float64(int64(v)) && !(v == 0 && math.Signbit(float64(v))) {
		return preloads[int(v)]
	}

	// check if we need a new alloc page
	if cap(al.fptrs) == len(al.fptrs) {
		al.fptrs = make([]float64, 0, al.size)
		al.fheader = (*reflect.SliceHeader)(unsafe.Pointer(&al.fptrs))
	}

	// alloc a new float, and store our value into it
	al.fptrs = append(al.fptrs, float64(v))
	fptr := &al.fptrs[len(al.fptrs)-1]

	// hack our scratch LValue to point to our allocated value
	// this scratch lvalue is copied when this function returns meaning the scratch value can be reused
	// on the next call
	al.scratchValueP.word = unsafe.Pointer(fptr)

	return al.scratchValue
}

// craftos: PUC Lua raises "not enough memory" when an allocation fails,
// where Go kills the process. AllocHook, when set (by craftos's vm, once,
// at init), is asked before a large single allocation a Lua operation is
// about to make, and raises a Lua error when its computer cannot afford it.
var AllocHook func(L *LState, size int64)

// allocCheckMin keeps the check off the path of ordinary small values.
const allocCheckMin = 1 << 20

// CheckAlloc raises "not enough memory" (through AllocHook) before an
// allocation of size bytes its computer cannot afford.
func (ls *LState) CheckAlloc(size int64) {
	if size >= allocCheckMin && AllocHook != nil {
		AllocHook(ls, size)
	}
}

// ConcatSize is the length of the concatenation of parts.
func ConcatSize(parts []string) int64 {
	var n int64
	for _, p := range parts {
		n += int64(len(p))
	}
	return n
}
