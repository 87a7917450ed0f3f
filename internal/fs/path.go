// Package fs is CraftOS's fs API: the computer's folder and the read-only
// ROM, behind CraftOS's path rules and error texts.
package fs

import (
	"strings"
)

// Sanitize normalises a CraftOS path as CC:Tweaked does: backslashes become
// slashes, forbidden characters are removed, "." parts and parts of three or
// more dots are dropped and ".." removes the previous part. A ".." that would
// climb above the root stays in the result, and every operation on such a
// path fails with "Invalid Path".
func Sanitize(path string, allowWildcards bool) string {
	path = strings.ReplaceAll(path, `\`, "/")
	var b strings.Builder
	for _, r := range path {
		switch {
		case r < 32 || r == 127:
			continue
		case strings.ContainsRune(`":<>|`, r):
			continue
		case (r == '*' || r == '?') && !allowWildcards:
			continue
		}
		b.WriteRune(r)
	}
	parts := strings.Split(b.String(), "/")
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		switch {
		case p == "" || p == ".":
			continue
		case p == "..":
			if len(out) > 0 && out[len(out)-1] != ".." {
				out = out[:len(out)-1]
			} else {
				out = append(out, "..")
			}
		case len(strings.Trim(p, ".")) == 0: // "...", "...." are dropped
			continue
		default:
			if len(p) > 255 {
				p = p[:255]
			}
			out = append(out, p)
		}
	}
	return strings.Join(out, "/")
}

// escapes reports whether a sanitised path climbs above the root.
func escapes(p string) bool {
	return p == ".." || strings.HasPrefix(p, "../")
}

// Combine joins paths as fs.combine does.
func Combine(parts ...string) string {
	return Sanitize(strings.Join(parts, "/"), true)
}

// Name is fs.getName.
func Name(path string) string {
	p := Sanitize(path, true)
	if p == "" {
		return "root"
	}
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// Dir is fs.getDir.
func Dir(path string) string {
	p := Sanitize(path, true)
	if p == "" {
		return ".."
	}
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}
