package spectest

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Each spec file's computer is rooted at a scratch copy of the project, so
// what one spec writes cannot reach the next one or the project itself. The
// copy leaves out .git, and a project past MaxCopy bytes is refused rather
// than copied once per spec file (point --root at a smaller folder).

// DefaultMaxCopy is the largest project copied for each spec file.
const DefaultMaxCopy = 256 << 20

// skipCopy names folders never copied.
func skipCopy(name string) bool { return name == ".git" }

// measure checks the project fits in max bytes (0: no limit).
func measure(root string, max int64) error {
	var total int64
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && skipCopy(d.Name()) {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			total += info.Size()
			if max > 0 && total > max {
				return usagef("the project folder %s holds more than %d MB (without .git); each spec file runs on a copy of it, so point --root at a smaller folder", root, max>>20)
			}
		}
		return nil
	})
	return err
}

// copyProject copies root's files, folders and symlinks into dst (which
// exists); special files (FIFOs, sockets, devices) are left out.
func copyProject(root, dst string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			if path != root && skipCopy(d.Name()) {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.Type().IsRegular():
			return copyFile(path, target)
		}
		return nil
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, info.Mode().Perm()|0o200)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}
