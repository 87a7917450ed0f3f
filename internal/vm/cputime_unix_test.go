//go:build unix

package vm

import (
	"syscall"
	"time"
)

// cpuTime is the process's CPU time: timings that other processes on a
// shared machine do not disturb.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
