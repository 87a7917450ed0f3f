package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Start-to-exit of `craftos run hello.lua` against Debian's `lua5.2
// hello.lua` (skipped when lua5.2 is not installed); bench/runtime.sh
// measures the same with hyperfine.
func BenchmarkStartToExit(b *testing.B) {
	dir := b.TempDir()
	hello := filepath.Join(dir, "hello.lua")
	if err := os.WriteFile(hello, []byte(`print("Hello, world!")`), 0o644); err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, name string, args ...string) {
		for i := 0; i < b.N; i++ {
			cmd := exec.Command(name, args...)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil || string(out) != "Hello, world!\n" {
				b.Fatalf("%s: %v %q", name, err, out)
			}
		}
	}
	b.Run("craftos", func(b *testing.B) { run(b, craftosBin, "run", hello) })
	b.Run("lua5.2", func(b *testing.B) {
		lua, err := exec.LookPath("lua5.2")
		if err != nil {
			b.Skip("lua5.2 is not installed (apt-get install lua5.2)")
		}
		run(b, lua, hello)
	})
}
