//go:build unix

package fs

import "syscall"

// hostOpenFlags are added to every host open. O_NONBLOCK: opening a FIFO
// returns at once instead of waiting for a writer (the handle's fstat then
// refuses it). O_NOFOLLOW: the last component is never followed by the
// kernel; os.Root resolves symlinks itself and keeps them inside the folder.
const hostOpenFlags = syscall.O_NONBLOCK | syscall.O_NOFOLLOW
