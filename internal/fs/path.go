// Package fs is CraftOS's fs API: the computer's folder and the read-only
// ROM, behind CraftOS's path rules and error texts.
package fs

import (
	"strings"
)

// maxPart is the longest path part CC:Tweaked keeps; longer parts are cut.
const maxPart = 255

// Sanitize normalises a CraftOS path as CC:Tweaked's FileSystem.sanitizePath
// does. Paths are Lua strings, so it works on bytes (CC:Tweaked sees each
// byte as one Latin-1 character):
//   - backslashes become slashes;
//   - bytes below 32 and " : < > | are removed, and * ? too unless
//     allowWildcards;
//   - each part is trimmed of spaces; empty parts, "." and parts of three or
//     more dots are dropped;
//   - ".." removes the previous part; one that would climb above the root
//     stays, and every operation on such a path fails with "Invalid Path";
//   - parts are cut to 255 bytes.
func Sanitize(path string, allowWildcards bool) string {
	clean := make([]byte, 0, len(path))
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case c == '\\':
			c = '/'
		case c < 32, c == '"', c == ':', c == '<', c == '>', c == '|':
			continue
		case (c == '*' || c == '?') && !allowWildcards:
			continue
		}
		clean = append(clean, c)
	}
	out := make([]string, 0, strings.Count(string(clean), "/")+1)
	for _, part := range strings.Split(string(clean), "/") {
		part = strings.Trim(part, " ")
		switch {
		case part == "" || part == "." || allDots(part):
			continue
		case part == "..":
			if len(out) > 0 && out[len(out)-1] != ".." {
				out = out[:len(out)-1]
			} else {
				out = append(out, "..")
			}
		case len(part) >= maxPart:
			out = append(out, strings.Trim(part[:maxPart], " "))
		default:
			out = append(out, part)
		}
	}
	return strings.Join(out, "/")
}

// allDots reports whether p is three or more dots ("...", "....").
func allDots(p string) bool {
	return len(p) >= 3 && strings.Trim(p, ".") == ""
}

// escapes reports whether a sanitised path climbs above the root.
func escapes(p string) bool {
	return p == ".." || strings.HasPrefix(p, "../")
}

// Combine is fs.combine: every part sanitised (wildcards kept), joined with
// slashes between non-empty parts, and the whole sanitised again.
func Combine(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = Sanitize(p, true)
		if b.Len() > 0 && p != "" {
			b.WriteByte('/')
		}
		b.WriteString(p)
	}
	return Sanitize(b.String(), true)
}

// Name is fs.getName: the last part, "root" for the root.
func Name(path string) string {
	p := Sanitize(path, true)
	if p == "" {
		return "root"
	}
	return p[strings.LastIndexByte(p, '/')+1:]
}

// Dir is fs.getDir: the path without its last part, ".." for the root, and
// one more ".." for a path that already ends in "..".
func Dir(path string) string {
	p := Sanitize(path, true)
	if p == "" {
		return ".."
	}
	i := strings.LastIndexByte(p, '/')
	if p[i+1:] == ".." {
		return p + "/.."
	}
	if i < 0 {
		return ""
	}
	return p[:i]
}

// contains is CC:Tweaked's FileSystem.contains: whether child is parent or
// lies under it, compared without case as CC:Tweaked does.
func contains(parent, child string) bool {
	parent, child = strings.ToLower(parent), strings.ToLower(child)
	switch {
	case escapes(child):
		return false
	case parent == child, parent == "":
		return true
	}
	return strings.HasPrefix(child, parent+"/")
}
