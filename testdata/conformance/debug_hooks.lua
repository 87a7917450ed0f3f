-- debug.sethook with a count hook, and debug.gethook.
local n = 0
debug.sethook(function() n = n + 1 end, "", 100)
for i = 1, 10000 do local x = i * 2 end
debug.sethook()
print(n > 10, debug.gethook())
local lines = {}
debug.sethook(function(ev, line) lines[#lines + 1] = line end, "l")
local a = 1
local b = 2
debug.sethook()
print(#lines >= 2)
local calls = 0
debug.sethook(function(ev) if ev == "call" then calls = calls + 1 end end, "c")
local function f() end
f(); f()
debug.sethook()
print(calls >= 2)
