package http

import "github.com/craftos/craftos/internal/computer"

// server holds CraftOS-PC's listeners (placeholder until the server lands).
type server struct{ host *computer.Host }

func newServer(h *computer.Host) *server { return &server{host: h} }

func (s *server) close() {}
