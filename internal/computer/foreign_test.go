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

// A foreign ROM's shell draws through a window (every row re-blitted when it
// scrolls) and never sees the end of its input: on a pipe it still gives
// plain lines, each once, and the run ends once its input is over and
// nothing else (a timer here) can wake it.
func TestForeignBIOSThroughAPipe(t *testing.T) {
	bios := `
local native = term
local w, h = native.getSize()
local buf = {}
for y = 1, h do buf[y] = string.rep(" ", w) end
local cy = 1
local function redraw()
  for y = 1, h do native.setCursorPos(1, y) native.blit(buf[y], string.rep("0", w), string.rep("f", w)) end
end
local function println(s)
  if cy > h then table.remove(buf, 1) buf[h] = string.rep(" ", w) cy = h redraw() end
  buf[cy] = (s .. string.rep(" ", w)):sub(1, w)
  native.setCursorPos(1, cy) native.write(s)
  cy = cy + 1
end
local line = ""
while true do
  println("> ")
  cy = cy - 1
  while true do
    local ev, a = coroutine.yield()
    if ev == "paste" then line = a
    elseif ev == "key" and a == 257 then break
    elseif ev == "timer" then cy = cy + 1 println("timer fired") end
  end
  buf[cy] = ("> " .. line .. string.rep(" ", w)):sub(1, w)
  native.setCursorPos(3, cy) native.write(line)
  cy = cy + 1
  if line == "wait" then os.startTimer(0.3) end
  for i = 1, 3 do println(line .. " " .. i) end
end`
	input := "one\ntwo\nthree\nfour\nfive\nsix\nwait\n"
	r := computertest.Run(t, "", computertest.Stdin(strings.NewReader(input)),
		computertest.Configure(func(c *computer.Config) { c.BIOS = []byte(bios) }))
	if r.Err != nil || r.Status != 0 {
		t.Fatalf("status %d, err %v, stdout %q", r.Status, r.Err, r.Stdout)
	}
	var want strings.Builder
	for _, cmd := range strings.Fields("one two three four five six wait") {
		want.WriteString("> " + cmd + "\n")
		for i := 1; i <= 3; i++ {
			want.WriteString(cmd + " " + string(rune('0'+i)) + "\n")
		}
	}
	want.WriteString(">\ntimer fired") // a prompt's trailing space is padding
	if r.Stdout != want.String() {
		t.Fatalf("stdout\n%q\nwant\n%q", r.Stdout, want.String())
	}
}

// A foreign ROM's input is typed when it asks (its cursor blinks, as in
// read()), not while a program sleeps: a sleep's event loop drops keys.
func TestForeignBIOSInputWaitsForThePrompt(t *testing.T) {
	bios := `
local timer = os.startTimer(0.2)
repeat local ev, id = coroutine.yield() until ev == "timer" and id == timer
term.setCursorBlink(true)
local line
repeat local ev, a = coroutine.yield() if ev == "paste" then line = a end until ev == "key"
term.setCursorBlink(false)
term.write("got " .. tostring(line))
os.shutdown()
coroutine.yield()`
	r := computertest.Run(t, "", computertest.Stdin(strings.NewReader("hello\n")),
		computertest.Configure(func(c *computer.Config) { c.BIOS = []byte(bios) }))
	if r.Stdout != "got hello" || r.Err != nil {
		t.Fatalf("got %+v", r)
	}
}
