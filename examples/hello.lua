#!/usr/bin/env craftos
-- Hello from a CraftOS computer: `craftos run examples/hello.lua Ada`
local name = ... or "world"
print("Hello, " .. name .. "!")
print("Running on " .. os.version() .. " (" .. _HOST .. "), computer #" .. os.getComputerID())
local timer = os.startTimer(0.1)
repeat
    local _, id = os.pullEvent("timer")
until id == timer
print("A timer fired after " .. os.clock() .. " seconds.")
