-- Stack overflow is catchable, with PUC's message.
local function inf(n) return 1 + inf(n + 1) end
local ok, err = pcall(inf, 1)
print(ok, err)
local function inf2() local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x end
print(pcall(inf2))
