package vm

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// The memory limit. PUC Lua raises "not enough memory" when an allocation
// fails and the state lives on; Go instead dies with "fatal error: out of
// memory". Go has no per-goroutine accounting, but craftos runs one computer
// per process, so the process's live heap stands for the computer's:
//   - large single allocations (string.rep, .., table.concat, gsub,
//     readAll) are checked before they are made (checkAlloc, through
//     lua.AllocHook);
//   - a sampler per machine reads the live heap every few milliseconds and,
//     past the limit, asks the running code to stop with "not enough memory"
//     through the watchdog's abort mechanism; pcall catches it, and the
//     garbage it leaves is collected before the next check;
//   - Go's soft memory limit is set a quarter above, so that the collector
//     works harder, and the live heap is measured often, near the limit.

// ErrNotEnoughMemory is PUC Lua's out-of-memory error (no position).
const ErrNotEnoughMemory = "not enough memory"

// memSampleEvery is how often the sampler reads the heap.
const memSampleEvery = 10 * time.Millisecond

func init() { lua.AllocHook = checkAlloc }

// memLimiter is a machine's sampler.
type memLimiter struct {
	stop chan struct{}
	done chan struct{}
}

// startMemLimit starts the sampler when the machine has a limit.
func (m *Machine) startMemLimit() {
	limit := m.opts.MemoryLimit
	if limit <= 0 {
		return
	}
	m.mem = &memLimiter{stop: make(chan struct{}), done: make(chan struct{})}
	softLimits.add(limit)
	go m.sampleMemory(m.mem)
}

// stopMemLimit stops the sampler and waits for it.
func (m *Machine) stopMemLimit() {
	if m.mem == nil {
		return
	}
	close(m.mem.stop)
	<-m.mem.done
	softLimits.remove(m.opts.MemoryLimit)
	m.mem = nil
}

func (m *Machine) sampleMemory(ml *memLimiter) {
	defer close(ml.done)
	limit := uint64(m.opts.MemoryLimit)
	timer := time.NewTimer(memSampleEvery)
	defer timer.Stop()
	for {
		select {
		case <-ml.stop:
			return
		case <-timer.C:
		}
		live := heapLive()
		if live > limit && m.abort.Load() == abortNone {
			m.setAbort(abortMemory)
		}
		// Far below the limit, look less often: no Lua code fills half a
		// gigabyte in 50 ms, and single large allocations are checked.
		next := memSampleEvery
		if live < limit/2 {
			next = 5 * memSampleEvery
		}
		timer.Reset(next)
	}
}

// raiseMemory raises "not enough memory" in the running code, once. The
// live heap the sampler saw may be stale: garbage an earlier "not enough
// memory" left behind, or memory the code has let go of since. Only a fresh
// collection tells, and it runs here, on the goroutine running Lua, so that
// it never runs in the middle of an unwind, and the code allocates no more
// while it lasts.
func (m *Machine) raiseMemory(L *lua.LState) {
	runtime.GC()
	over := heapLive() > uint64(m.opts.MemoryLimit)
	if m.abort.CompareAndSwap(abortMemory, abortNone) {
		lua.RequestInterrupt(-1)
	}
	if over {
		L.Error(lua.LString(ErrNotEnoughMemory), 0)
	}
}

// checkAlloc raises "not enough memory" before an allocation of size bytes
// that would take L's computer past its limit.
func checkAlloc(L *lua.LState, size int64) {
	v, ok := machinesByGlobal.Load(L.G)
	if !ok {
		return
	}
	limit := v.(*Machine).opts.MemoryLimit
	if limit <= 0 {
		return
	}
	if size > limit {
		L.Error(lua.LString(ErrNotEnoughMemory), 0)
	}
	if heapLive()+uint64(size) > uint64(limit) {
		runtime.GC() // the live heap may hold garbage of the last collection
		if heapLive()+uint64(size) > uint64(limit) {
			L.Error(lua.LString(ErrNotEnoughMemory), 0)
		}
	}
}

// heapLive is the heap the last collection found live, in bytes.
func heapLive() uint64 {
	s := [1]metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s[:])
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// softLimits sets Go's soft memory limit a quarter above the smallest limit
// of the machines alive, and gives back the limit it found when the last
// one closes. The limit Go started with (GOMEMLIMIT) is never raised.
var softLimits softLimitSet

type softLimitSet struct {
	sync.Mutex
	active map[int64]int // limit -> machines with it
	orig   int64
}

func (s *softLimitSet) add(limit int64) {
	s.Lock()
	defer s.Unlock()
	if len(s.active) == 0 {
		s.orig = debug.SetMemoryLimit(-1)
		s.active = map[int64]int{}
	}
	s.active[limit]++
	s.apply()
}

func (s *softLimitSet) remove(limit int64) {
	s.Lock()
	defer s.Unlock()
	if s.active[limit]--; s.active[limit] <= 0 {
		delete(s.active, limit)
	}
	if len(s.active) == 0 {
		debug.SetMemoryLimit(s.orig)
		return
	}
	s.apply()
}

func (s *softLimitSet) apply() {
	soft := s.orig
	for l := range s.active {
		if l > math.MaxInt64/5*4 {
			continue
		}
		soft = min(soft, l+l/4)
	}
	debug.SetMemoryLimit(soft)
}

// concatSize is the length of table.concat's result, numbers counted as
// one byte (a table of numbers is larger than their text), checked against
// the memory limit before it is built. It stops at the first value concat
// will refuse.
func concatSize(L *lua.LState, t *lua.LTable, sep string, i, j int) int {
	var n int64
	for k := i; k <= j; k++ {
		switch v := t.RawGetInt(k).(type) {
		case lua.LString:
			n += int64(len(v))
		case lua.LNumber:
			n++
		default:
			return 0
		}
		if k < j {
			n += int64(len(sep))
		}
	}
	L.CheckAlloc(n)
	return int(n)
}
