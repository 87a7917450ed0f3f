// Command craftos is a standalone CraftOS computer: it runs ComputerCraft
// programs, a Lua REPL and CraftOS-PC's HTTP and WebSocket servers.
package main

import (
	"os"
)

func main() {
	os.Exit(execute(os.Args[1:]))
}
