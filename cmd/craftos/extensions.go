package main

import "github.com/craftos/craftos/internal/computer"

// extensions are the natives beyond the core: HTTP and WebSocket.
func extensions() []computer.Extension {
	return nil
}
