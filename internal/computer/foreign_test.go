package computer_test

import (
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// A bios that is not ours (--rom) reads the keyboard; on the plain terminal
// each stdin line reaches it as a paste and the Enter key of its ROM.
func TestForeignBIOSGetsStdinAsTyping(t *testing.T) {
	bios := `
local line, n = "", 0
while n < 2 do
  local ev, a = coroutine.yield()
  if ev == "paste" then line = a
  elseif ev == "key" and a == 257 then term.write("[" .. line .. "]") n = n + 1 end
end
term.write(tostring(_CRAFTOS_HOST))
os.shutdown()
coroutine.yield()`
	r := computertest.Run(t, "", computertest.Stdin(strings.NewReader("hello\nworld\n")),
		computertest.Configure(func(c *computer.Config) { c.BIOS = []byte(bios) }))
	if r.Stdout != "[hello][world]nil" || r.Err != nil {
		t.Fatalf("got %+v", r)
	}
}
