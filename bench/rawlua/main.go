// Command rawlua runs a Lua file on plain gopher-lua (no craftos machine, no
// watchdog hook, no bios): the floor craftos's CPU-bound numbers are
// compared with in bench/runtime.sh.
package main

import (
	"fmt"
	"os"

	lua "github.com/yuin/gopher-lua"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: rawlua FILE")
		os.Exit(2)
	}
	L := lua.NewState()
	defer L.Close()
	if err := L.DoFile(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
