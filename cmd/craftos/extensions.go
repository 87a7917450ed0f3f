package main

import (
	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/http"
)

// extensions are the natives beyond the core: HTTP and WebSocket.
func extensions() []computer.Extension {
	return []computer.Extension{http.Install}
}
