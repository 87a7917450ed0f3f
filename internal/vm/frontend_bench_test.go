package vm

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// romSources reads every Lua file of the repository's rom/.
func romSources(tb testing.TB) map[string]string {
	tb.Helper()
	srcs := map[string]string{}
	root := filepath.Join("..", "..", "rom")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".lua") {
			return err
		}
		b, err := os.ReadFile(path)
		srcs["@"+path] = string(b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return srcs
}

// Compiling the whole ROM: the load path's speed (escapes, parse, AST
// rewrite, code generation).
func BenchmarkCompileROM(b *testing.B) {
	srcs := romSources(b)
	size := 0
	for _, s := range srcs {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for name, src := range srcs {
			if _, err := compile(src, name); err != nil {
				b.Fatal(name, err)
			}
		}
	}
}
