// Command craftos is a standalone CraftOS computer: it runs ComputerCraft
// programs, a Lua REPL and CraftOS-PC's HTTP and WebSocket servers.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// A computer allocates many short-lived values per event (handle tables,
	// event arguments); collecting less often saves about 1.5 µs per HTTP
	// request under load for a modest heap. GOGC still overrides it.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	os.Exit(execute(os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}))
}
