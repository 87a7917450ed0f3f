package fs

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	long := strings.Repeat("a", 300)
	tests := []struct {
		in        string
		wildcards bool
		want      string
	}{
		{"", false, ""},
		{"/", false, ""},
		{"a/b", false, "a/b"},
		{"/a//b/", false, "a/b"},
		{`a\b\c`, false, "a/b/c"},
		{"./a/./b", false, "a/b"},
		{"a/.../b", false, "a/b"},
		{"a/..../b", false, "a/b"},
		{"a/../b", false, "b"},
		{"a/b/../../c", false, "c"},
		{"..", false, ".."},
		{"../x", false, "../x"},
		{"a/../../x", false, "../x"},
		{"../../x", false, "../../x"},
		{`..\x`, false, "../x"},
		{"/rom/../../x", false, "../x"},
		{"a\x00b\x1fc", false, "abc"},
		{"a\tb\nc", false, "abc"},
		{"a\x7fb", false, "a\x7fb"},
		{`a"b:c<d>e|f`, false, "abcdef"},
		{"a*b?c", false, "abc"},
		{"a*b?c", true, "a*b?c"},
		{`"*:<>?|`, true, "*?"},
		{" a / b ", false, "a/b"},
		{"a/ /b", false, "a/b"},
		{"a/ .. /b", false, "b"},
		{"a/ . /b", false, "a/b"},
		{"caf\xc3\xa9", false, "caf\xc3\xa9"},
		{long, false, long[:255]},
		{strings.Repeat("a", 254), false, strings.Repeat("a", 254)},
		{strings.Repeat("a", 254) + " b", false, strings.Repeat("a", 254)},
		{"x/" + long + "/y", false, "x/" + long[:255] + "/y"},
	}
	for _, tc := range tests {
		if got := Sanitize(tc.in, tc.wildcards); got != tc.want {
			t.Errorf("Sanitize(%q, %v) = %q, want %q", tc.in, tc.wildcards, got, tc.want)
		}
	}
}

func TestCombine(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		// CC:Tweaked's fs_spec and fs.combine documentation.
		{[]string{"./a/b"}, "a/b"},
		{[]string{"a/b", "../c"}, "a/c"},
		{[]string{"a", "../c"}, "c"},
		{[]string{"a", "../../c"}, "../c"},
		{[]string{"a"}, "a"},
		{[]string{"a", ""}, "a"},
		{[]string{"", "a"}, "a"},
		{[]string{"a", "", "b", "c"}, "a/b/c"},
		{[]string{"/rom/programs", "../apis", "parallel.lua"}, "rom/apis/parallel.lua"},
		{[]string{"", ""}, ""},
		{[]string{"a", ".."}, ""},
		{[]string{"..", ".."}, "../.."},
		{[]string{"a*", "b?"}, "a*/b?"},
		{[]string{`a\b`, "c/"}, "a/b/c"},
	}
	for _, tc := range tests {
		if got := Combine(tc.in...); got != tc.want {
			t.Errorf("Combine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNameAndDir(t *testing.T) {
	tests := []struct {
		in, name, dir string
	}{
		{"", "root", ".."},
		{"/", "root", ".."},
		{"a", "a", ""},
		{"/a/", "a", ""},
		{"a/b", "b", "a"},
		{"rom/startup.lua", "startup.lua", "rom"},
		{"a/b/c.txt", "c.txt", "a/b"},
		{"..", "..", "../.."},
		{"../a", "a", ".."},
		{"../..", "..", "../../.."},
		{"a/*", "*", "a"},
		{`a\b`, "b", "a"},
	}
	for _, tc := range tests {
		if got := Name(tc.in); got != tc.name {
			t.Errorf("Name(%q) = %q, want %q", tc.in, got, tc.name)
		}
		if got := Dir(tc.in); got != tc.dir {
			t.Errorf("Dir(%q) = %q, want %q", tc.in, got, tc.dir)
		}
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		parent, child string
		want          bool
	}{
		{"", "a", true},
		{"", "", true},
		{"a", "a", true},
		{"a", "a/b", true},
		{"a", "ab", false},
		{"a/b", "a", false},
		{"some-folder", "Some-Folder/x", true},
		{"", "../x", false},
		{"", "..", false},
	}
	for _, tc := range tests {
		if got := contains(tc.parent, tc.child); got != tc.want {
			t.Errorf("contains(%q, %q) = %v, want %v", tc.parent, tc.child, got, tc.want)
		}
	}
}
