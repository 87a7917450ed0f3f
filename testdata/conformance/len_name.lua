-- Error messages name a variable only when the operand is that variable.
local n = -4
print(pcall(function() return #(false and 2 or n) end))
print(pcall(function() return #n end))
print(pcall(function() local t = {} return (t.x or n) + {} end))
