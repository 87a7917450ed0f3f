-- __call, __len, __tostring, __unm.
local callable = setmetatable({}, {__call = function(self, a, b) return "called", a, b end})
print(callable(1, 2))
print(pcall(callable, "p"))
local nested = setmetatable({}, {__call = callable})
print(pcall(function() local x = {} return x() end))
print(pcall(function() local x = 1 return x() end))
print(pcall(function() return undefinedfn() end))
print(pcall(function() local t = {} return t.method() end))
print(pcall(function() local t = {} return t:method() end))

local sized = setmetatable({1, 2, 3}, {__len = function() return 42 end})
print(#sized, rawlen(sized))
print(pcall(function() return #5 end))
print(pcall(function() return #nil end))
local strlen = setmetatable({}, {__len = function() return "str" end})
print(#strlen)

local named = setmetatable({}, {__tostring = function() return "I am named" end})
print(named, tostring(named))
print(pcall(function() return (tostring(setmetatable({}, {__tostring = function() return 1 end}))) end))

local neg = setmetatable({}, {__unm = function(a) return "negated" end})
print(-neg)
print(pcall(function() return -"2" end), -"2", -"0x10")
print(pcall(function() return -"abc" end))
-- __index is not consulted for metamethods
local idx = setmetatable({}, {__index = function() return function() return "nope" end end})
print(pcall(function() return idx() end))
-- tostring of basic values
print(tostring(nil), tostring(true), tostring(12), tostring(-0.5), tostring("s"))
