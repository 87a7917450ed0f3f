package computer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// BlankShebang blanks a first line starting with "#!" (keeping the line
// break, so line numbers in errors stay right), for scripts run directly
// from a Unix shell.
func BlankShebang(src string) string {
	if !strings.HasPrefix(src, "#!") {
		return src
	}
	if i := strings.IndexByte(src, '\n'); i >= 0 {
		return src[i:]
	}
	return ""
}

// ProgramFile prepares `craftos run FILE ARGS...`: the program's source,
// the name its errors show (the path as the user typed it) and its path
// inside the computer when it lies under root.
func ProgramFile(root, file string, args []string) (Boot, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return Boot{}, fmt.Errorf("cannot run %s: %w", file, err)
	}
	inside := filepath.Base(file)
	if absRoot, err := filepath.Abs(root); err == nil {
		if absFile, err := filepath.Abs(file); err == nil {
			if rel, err := filepath.Rel(absRoot, absFile); err == nil && !strings.HasPrefix(rel, "..") {
				inside = filepath.ToSlash(rel)
			}
		}
	}
	return Boot{Kind: BootRun, Source: BlankShebang(string(data)), Name: file, Path: inside, Args: args}, nil
}
