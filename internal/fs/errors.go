package fs

import (
	"errors"
	iofs "io/fs"
	"strings"
	"syscall"
)

// CraftOS's error texts (CC:Tweaked's MountConstants and FileSystem).
const (
	errNoSuchFile      = "No such file"
	errNotDir          = "Not a directory"
	errNotFile         = "Not a file"
	errAccessDenied    = "Access denied"
	errFileExists      = "File exists"
	errInvalidPath     = "Invalid Path"
	errTooManyFiles    = "Too many files already open"
	errCopyInside      = "Can't copy a directory inside itself"
	errMoveInside      = "Can't move a directory inside itself"
	errWriteToDir      = "Cannot write to directory"
	errTooDeep         = "Too many directories to copy"
	errUnsupportedMode = "Unsupported mode"
	errNoMemory        = "not enough memory" // PUC Lua's, for reads no computer could hold
)

// Error is a failure of an fs operation. Its text is CraftOS's:
// "/<path>: <message>", or the bare message for the few errors CC:Tweaked
// reports without a path (fs.move's, "Too many files already open").
type Error struct {
	Path    string // sanitised CraftOS path, without the leading slash
	Msg     string
	HasPath bool
}

func (e *Error) Error() string {
	if !e.HasPath {
		return e.Msg
	}
	return "/" + e.Path + ": " + e.Msg
}

// fail is an error about a path.
func fail(p, msg string) error { return &Error{Path: p, Msg: msg, HasPath: true} }

// bare is an error CC:Tweaked reports without a path.
func bare(msg string) error { return &Error{Msg: msg} }

// reason turns a host error into CraftOS's message. Host paths never reach
// the program: only the reason is kept, as CC:Tweaked does.
func reason(err error) string {
	switch {
	case errors.Is(err, errNotRegular):
		return errNotFile
	case errors.Is(err, iofs.ErrNotExist):
		return errNoSuchFile
	case errors.Is(err, iofs.ErrExist):
		return errFileExists
	case errors.Is(err, syscall.ENOTDIR):
		return errNotDir
	case errors.Is(err, syscall.ENOSPC):
		return errOutOfSpace
	case escaped(err), errors.Is(err, iofs.ErrPermission):
		return errAccessDenied
	}
	return errAccessDenied
}

// escaped reports an os.Root refusal: a symlink (or "..") leading out of
// the computer's folder. The error is unexported in package os.
func escaped(err error) bool {
	return err != nil && strings.Contains(err.Error(), "path escapes from parent")
}
