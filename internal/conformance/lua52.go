package conformance

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"time"
)

// Lua52 is the path of the reference interpreter, or "" when it is not installed.
func Lua52() string {
	p, err := exec.LookPath("lua5.2")
	if err != nil {
		return ""
	}
	return p
}

// Outcome is how one run of a program ended.
type Outcome struct {
	Stdout string
	Failed bool   // the program raised an uncaught error (exit status 1)
	ErrMsg string // the uncaught error's message, first line only
}

// RunLua52 runs `lua5.2 args...` in dir (at most timeout) and returns its
// outcome. Uncaught errors are written by lua.c as "lua5.2: MSG" + traceback on
// stderr; ErrMsg keeps MSG's first line.
func RunLua52(dir string, timeout time.Duration, stdin []byte, args ...string) (Outcome, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, Lua52(), args...)
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	o := Outcome{Stdout: out.String()}
	if ctx.Err() != nil {
		return o, errors.New("lua5.2 timed out")
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		o.Failed = true
		// lua.c names itself by argv[0]: the full path when run by path.
		o.ErrMsg = trimPrefix(trimPrefix(firstLine(errb.String()), Lua52()+": "), "lua5.2: ")
		return o, nil
	}
	return o, err
}

func firstLine(s string) string {
	if i := bytes.IndexByte([]byte(s), '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func trimPrefix(s, p string) string {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}
