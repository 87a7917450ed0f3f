package fs

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// FuzzPath checks the path resolver (Sanitize, Combine, locate, contains):
// no panic; a result is either one that climbs above the root (a run of
// ".." first, refused with "Invalid Path") or a clean relative path whose
// host form stays inside the folder; results do not change when resolved
// again. `make fuzz-fs` runs it; the seeds run with every go test.
func FuzzPath(f *testing.F) {
	for _, s := range []string{
		"", "/", ".", "..", "...", "....", "a/..", "a/../..", "../a", "a/../../b",
		"/../outside/secret.txt", `..\..\x`, "a\\b\\..\\c", " . / .. / a ", "a/ .. /b",
		"rom/../../x", "ROM/apis", "a//b///c/", "./a/./b/.", "a/b/../../../c/d",
		"C:\\Windows\\system32", "c:/x", "\\\\host\\share\\x", "/etc/passwd",
		"a\x00b", "a\x1fb/\x7f", "*?<>|\":", "a*/b?", "\xff\xfe/..", "é/../..",
		"..../x", ". ./x", ".. /x", " ../x", strings.Repeat("a", 300) + "/b",
		strings.Repeat("x", 254) + " /y", strings.Repeat("../", 50) + "z",
		"NUL", "con/aux", "a/./../b/./../../c",
	} {
		f.Add(s, "..")
		f.Add(s, "b/c")
		f.Add("a/b", s)
	}
	fsys, err := New(f.TempDir(), nil, Options{})
	if err != nil {
		f.Fatal(err)
	}
	host := filepath.Join("/", "computer")
	f.Fuzz(func(t *testing.T, p, q string) {
		for _, wild := range []bool{false, true} {
			checkResolved(t, p, Sanitize(p, wild), wild, host)
		}
		c := Combine(p, q)
		checkResolved(t, p+" + "+q, c, true, host)
		if c2 := Combine(c); c2 != c {
			t.Errorf("Combine(%q, %q) = %q, combined again %q", p, q, c, c2)
		}
		if Dir(p) != Dir(Sanitize(p, true)) || Name(p) != Name(Sanitize(p, true)) {
			t.Errorf("getDir/getName of %q change after sanitising", p)
		}

		l, err := fsys.locate(p)
		s := Sanitize(p, false)
		switch {
		case escapes(s):
			if err == nil || !strings.HasSuffix(err.Error(), ": Invalid Path") {
				t.Errorf("locate(%q) above the root: %v", p, err)
			}
		case err != nil:
			t.Errorf("locate(%q): %v", p, err)
		case l.sub != "." && (strings.HasPrefix(l.sub, "/") || !filepath.IsLocal(filepath.FromSlash(l.sub)) && runtime.GOOS != "windows"):
			t.Errorf("locate(%q).sub = %q is not inside the folder", p, l.sub)
		case l.rom && !contains("rom", s):
			t.Errorf("locate(%q) is in the ROM but %q is not under rom", p, s)
		case !contains("", s):
			t.Errorf("%q is not under the root", s)
		}
	})
}

// checkResolved checks one resolved path r of input in.
func checkResolved(t *testing.T, in, r string, wild bool, host string) {
	t.Helper()
	if again := Sanitize(r, wild); again != r {
		t.Fatalf("%q resolves to %q, and that to %q", in, r, again)
	}
	if r == "" {
		return
	}
	parts := strings.Split(r, "/")
	climbing := true
	for _, part := range parts {
		if part == ".." {
			if !climbing {
				t.Fatalf("%q resolves to %q: \"..\" after a name", in, r)
			}
			continue
		}
		climbing = false
		switch {
		case part == "", part == ".", allDots(part):
			t.Fatalf("%q resolves to %q: empty or dot part %q", in, r, part)
		case len(part) > maxPart:
			t.Fatalf("%q resolves to %q: part of %d bytes", in, r, len(part))
		case strings.Trim(part, " ") != part:
			t.Fatalf("%q resolves to %q: untrimmed part %q", in, r, part)
		case strings.ContainsAny(part, "\\\":<>|") || !wild && strings.ContainsAny(part, "*?"):
			t.Fatalf("%q resolves to %q: forbidden character in %q", in, r, part)
		}
		for i := 0; i < len(part); i++ {
			if part[i] < 32 {
				t.Fatalf("%q resolves to %q: control byte", in, r)
			}
		}
	}
	if escapes(r) != (parts[0] == "..") {
		t.Fatalf("escapes(%q) = %v", r, escapes(r))
	}
	if !escapes(r) {
		// Joined to the host folder, the path stays inside it.
		j := filepath.Join(host, filepath.FromSlash(r))
		if rel, err := filepath.Rel(host, j); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			t.Fatalf("%q resolves to %q, which leaves the folder (%q)", in, r, j)
		}
	}
}
