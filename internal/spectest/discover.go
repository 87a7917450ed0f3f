package spectest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Suffix names a spec file.
const Suffix = "_spec.lua"

// Spec is one spec file to run.
type Spec struct {
	Host   string // its path on the host, as shown in reports
	Inside string // its path inside the computer (relative to the project root)
}

// UsageError is a problem with the command line (exit status 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error { return &UsageError{fmt.Sprintf(format, args...)} }

// Discover finds the spec files under paths (folders are searched for
// *_spec.lua, hidden folders skipped; files are taken as given). With no
// paths: spec/, else test/, else the current folder. Every spec must lie
// inside root, the project folder its computer sees.
func Discover(root string, paths []string) ([]Spec, error) {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		paths = []string{"."}
		for _, dir := range []string{"spec", "test"} {
			if st, err := os.Stat(dir); err == nil && st.IsDir() {
				paths = []string{dir}
				break
			}
		}
	}
	seen := map[string]bool{}
	var specs []Spec
	add := func(p string) error {
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(absRoot, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return usagef("%s is outside the project folder %s (see --root)", p, root)
		}
		if seen[abs] {
			return nil
		}
		seen[abs] = true
		specs = append(specs, Spec{Host: filepath.Clean(p), Inside: filepath.ToSlash(rel)})
		return nil
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, usagef("%s: no such file or folder", p)
		}
		if !st.IsDir() {
			if err := add(p); err != nil {
				return nil, err
			}
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), Suffix) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		for _, f := range found {
			if err := add(f); err != nil {
				return nil, err
			}
		}
	}
	if len(specs) == 0 {
		return nil, usagef("no *%s files in %s", Suffix, strings.Join(paths, ", "))
	}
	return specs, nil
}
