package computer

import "github.com/craftos/craftos/internal/term"

// Terminal is the computer's screen, as a device that draws its own screen
// beside it sees it (a monitor: shown in full-screen mode, written by
// --screenshot).
func (h peripheralHost) Terminal() *term.Terminal { return h.c.term }
