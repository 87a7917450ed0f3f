-- A __call that is itself a callable table is not followed: calling errors.
local callable = setmetatable({}, {__call = function() return "called" end})
local nested = setmetatable({}, {__call = callable})
print(pcall(nested, 1))
print(pcall(function() return nested(1) end))
