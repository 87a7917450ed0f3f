package conformance

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The driver runs many programs in one process: each is loaded with the
// chunk name "gen" and run with pcall after a separator line, so one lua5.2
// process and one craftos machine serve a whole batch. Both sides run the
// same driver, so they see each program in the same way.
const sepPrefix = "=== program "

// DriverSource is the driver chunk for progs.
func DriverSource(progs []string) string {
	var sb strings.Builder
	sb.WriteString("local progs = {\n")
	for _, p := range progs {
		eq := strings.Repeat("=", longLevel(p))
		fmt.Fprintf(&sb, "[%s[\n%s]%s],\n", eq, p, eq)
	}
	// Each program may print at most 3000 lines: a safety net for a
	// generator slip (the limit is the same on both sides).
	sb.WriteString(`}
local realprint, lines = print, 0
print = function(...)
  lines = lines + 1
  if lines > 3000 then error("output limit", 0) end
  return realprint(...)
end
local pause = rawget(_G, "conformance_pause")
for i, src in ipairs(progs) do
  if pause then pause() end
  lines = 0
  realprint("` + sepPrefix + `" .. i)
  local f, err = load(src, "=gen")
  if not f then
    realprint("LOAD ERROR", err)
  else
    local ok, e = pcall(f)
    if not ok then realprint("ERROR", type(e) == "string" and e or type(e)) end
  end
end
`)
	return sb.String()
}

// longLevel is a long-bracket level whose closing bracket is not in s.
func longLevel(s string) int {
	for l := 0; ; l++ {
		if !strings.Contains(s, "]"+strings.Repeat("=", l)+"]") {
			return l
		}
	}
}

// splitOutputs cuts the driver's output into the n programs' outputs; a
// program whose separator is missing (the driver died) gets ok=false.
func splitOutputs(out string, n int) (outs []string, ok []bool) {
	outs, ok = make([]string, n), make([]bool, n)
	bufs := make([]strings.Builder, n)
	cur := -1
	for _, line := range strings.SplitAfter(out, "\n") {
		if rest, found := strings.CutPrefix(line, sepPrefix); found {
			if i, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && i >= 1 && i <= n {
				cur = i - 1
				ok[cur] = true
				continue
			}
		}
		if cur >= 0 {
			bufs[cur].WriteString(line)
		}
	}
	for i := range bufs {
		outs[i] = bufs[i].String()
	}
	return outs, ok
}

// RunBatch runs progs on both interpreters and returns each program's
// outputs. perProgram bounds each program on craftos (the watchdog's
// window: a program that runs away there costs that long); the lua5.2
// process gets two minutes. When the craftos machine stops in a program,
// the programs after it run in a new batch.
func RunBatch(progs []string, perProgram time.Duration) (want, got []string, wantOK, gotOK []bool, err error) {
	src := DriverSource(progs)
	type res struct {
		o   Outcome
		err error
	}
	lc := make(chan res, 1)
	go func() {
		o, err := RunLua52("", 2*time.Minute, []byte(src), "-")
		lc <- res{o, err}
	}()
	got, gotOK = runBareBatch(progs, src, perProgram)
	l := <-lc
	if l.err != nil {
		return nil, nil, nil, nil, l.err
	}
	if l.o.Failed {
		return nil, nil, nil, nil, fmt.Errorf("lua5.2 driver failed: %s", l.o.ErrMsg)
	}
	want, wantOK = splitOutputs(l.o.Stdout, len(progs))
	return want, got, wantOK, gotOK, nil
}

func runBareBatch(progs []string, src string, timeout time.Duration) ([]string, []bool) {
	g := RunBare(src, "=driver", timeout)
	got, gotOK := splitOutputs(g.Stdout, len(progs))
	if !g.Failed {
		return got, gotOK
	}
	// the program that was running when the machine failed
	last := -1
	for i, ok := range gotOK {
		if ok {
			last = i
		}
	}
	if last < 0 {
		return got, gotOK
	}
	got[last] += "DRIVER FAILED: " + g.ErrMsg + "\n"
	if rest := progs[last+1:]; len(rest) > 0 {
		g2, ok2 := runBareBatch(rest, DriverSource(rest), timeout)
		copy(got[last+1:], g2)
		copy(gotOK[last+1:], ok2)
	}
	return got, gotOK
}
