package conformance

import (
	"context"
	"runtime"
	"strings"
	"time"

	"github.com/craftos/craftos/internal/vm"
	lua "github.com/yuin/gopher-lua"
)

// RunBare runs src on a bare craftos machine (internal/vm: the Lua surface
// without a computer, ROM or event loop) as the bios runs a program: inside a
// top-level coroutine. print writes tab-separated tostring values, as PUC's.
// Code that runs longer than timeout without yielding is stopped by the
// machine's watchdog. The global conformance_pause yields to this host,
// which resumes at once: the batch driver calls it between programs so that
// each program gets its own watchdog window.
func RunBare(src, chunkname string, timeout time.Duration) Outcome {
	m := vm.New(context.Background(), vm.Options{Watchdog: timeout, HardAbortAfter: time.Second})
	defer m.Close()
	var out strings.Builder
	m.L.SetGlobal("print", m.L.NewFunction(func(L *lua.LState) int {
		for i := 1; i <= L.GetTop(); i++ {
			if i > 1 {
				out.WriteByte('\t')
			}
			out.WriteString(vm.ToString(L, L.Get(i)))
		}
		out.WriteByte('\n')
		return 0
	}))
	fn, err := m.Load(src, chunkname)
	if err != nil {
		return Outcome{Failed: true, ErrMsg: err.Error()}
	}
	m.L.SetGlobal("conformance_pause", m.L.GetField(m.L.GetGlobal("coroutine"), "yield"))
	co, h := m.NewCoroutine(fn)
	vals, ok := m.RunHost(co, nil)
	for ok && co.Status() == vm.Suspended {
		vals, ok = m.RunHost(co, nil)
	}
	runtime.KeepAlive(h)
	o := Outcome{Stdout: out.String()}
	switch {
	case !ok:
		o.Failed = true
		if len(vals) > 0 {
			o.ErrMsg = firstLine(vm.ToString(m.L, vals[0]))
		}
	case co.Status() != vm.Dead:
		o.Failed, o.ErrMsg = true, "yielded to the host"
	}
	return o
}
