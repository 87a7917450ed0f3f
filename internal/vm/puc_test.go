package vm

import (
	"os/exec"
	"strings"
	"testing"
)

// runPUC runs src through lua5.2 as a chunk named "=test" with our test
// machine's print, and returns what it printed; it skips the test when
// lua5.2 is not installed. Tests use it to check that the values they embed
// are PUC's.
func runPUC(t *testing.T, src string) string {
	t.Helper()
	lua52, err := exec.LookPath("lua5.2")
	if err != nil {
		t.Skip("lua5.2 not installed")
	}
	cmd := exec.Command(lua52, "-e", `assert(load(io.read("*a"), "=test"))()`)
	cmd.Stdin = strings.NewReader(src)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("lua5.2: %v\n%s", err, out)
	}
	return string(out)
}

// checkPUC compares each case's embedded output with lua5.2's.
func checkPUC(t *testing.T, cases []luaCase) {
	t.Helper()
	for _, c := range cases {
		if c.err != "" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			if got := runPUC(t, c.src); got != c.want {
				t.Fatalf("lua5.2 printed:\n%s\nthe test embeds:\n%s", got, c.want)
			}
		})
	}
}
