-- A rednet chat between two computers in one craftos process.
--
--   craftos --peripheral top=modem run examples/rednet_chat/main.lua
--
-- This computer (0) writes computer 1's startup file, turns computer 1 on
-- with periphemu (its folder is computer/1 under this one's root), waits
-- for it to host the "lobby" chat, then joins it as "ada" and says what is
-- given on the command line (default: hello). Computer 1's lines are
-- shown with "[1] ".
local words = { ... }
local text = #words > 0 and table.concat(words, " ") or "hello"

-- Computer 1: a wireless modem of its own, then the chat server.
fs.makeDir("computer/1")
local f = fs.open("computer/1/startup.lua", "w")
f.write([[
periphemu.create("top", "modem")
shell.run("chat", "host", "lobby")
]])
f.close()

local modem = peripheral.find("modem") or error("Run with --peripheral top=modem", 0)
rednet.open(peripheral.getName(modem))
assert(periphemu.create(1, "computer"))

write("Waiting for the lobby")
while not rednet.lookup("chat", "lobby") do write(".") end
print()

-- The chat client reads the keyboard; type our line for it, and leave once
-- the server has passed it back to us.
local function typeLine(line)
    for c in line:gmatch(".") do os.queueEvent("char", c) end
    os.queueEvent("key", keys.enter, false)
end

parallel.waitForAll(function()
    shell.run("chat", "join", "lobby", "ada")
end, function()
    while term.current() == term.native() do sleep(0.05) end
    typeLine(text)
    repeat
        local _, msg = rednet.receive("chat", 5)
    until msg == nil or type(msg) == "table" and msg.sText == "<ada> " .. text
    typeLine("/logout")
end)

-- Computer 1 stays on until this program ends; turn it off politely.
peripheral.call("computer_1", "shutdown")
