package world

import (
	"testing"
)

// The chat program between two computers: computer 1 hosts "lobby",
// computer 0 joins it as ada, says hello and leaves. Its prompt reads the
// keyboard (read() in a window), so the test types with char and key
// events, waiting for the server to pass the line back before leaving.
func TestChatBetweenComputers(t *testing.T) {
	res := runWorld(t, setup{
		computers: 2,
		files:     map[string]string{"computer/1/startup.lua": `shell.run("chat", "host", "lobby")`},
		src: `
rednet.open("top")
for _ = 1, 100 do
    if rednet.lookup("chat", "lobby") then break end
end
local function typeLine(text)
    for c in text:gmatch(".") do os.queueEvent("char", c) end
    os.queueEvent("key", keys.enter, false)
end
parallel.waitForAll(function()
    shell.run("chat", "join", "lobby", "ada")
end, function()
    while term.current() == term.native() do sleep(0.05) end
    typeLine("hello there")
    repeat
        local _, msg = rednet.receive("chat", 10)
    until msg == nil or type(msg) == "table" and msg.sText == "<ada> hello there"
    typeLine("/logout")
end)
`,
	})
	if res.err != nil || res.status != 0 {
		t.Fatalf("%+v", res)
	}
	res.mustContain(t,
		"[1] 0 users connected.",
		"[1] 1 user connected.",
		"[0] Looking up lobby... ",
		"Success.",
		"* ada has joined the chat",
		"<ada> hello there",
		"[0] Disconnected.",
	)
}
