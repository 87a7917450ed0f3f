//go:build !unix

package fs

// hostOpenFlags: Windows has no FIFOs in the file tree, and os.Root refuses
// its reserved device names; the handle's fstat still refuses anything that
// is not a regular file.
const hostOpenFlags = 0
