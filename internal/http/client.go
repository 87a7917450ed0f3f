package http

import "github.com/craftos/craftos/internal/computer"

// client holds the state of outgoing requests (placeholder until the
// client lands).
type client struct{ host *computer.Host }

func newClient(h *computer.Host) *client { return &client{host: h} }

func (c *client) close() {}
