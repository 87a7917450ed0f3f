-- __index and __newindex chains, functions and tables, rawget/rawset.
local base = {greet = "hello", n = 1}
local mid = setmetatable({mid = "m"}, {__index = base})
local top = setmetatable({}, {__index = mid})
print(top.greet, top.mid, top.none, rawget(top, "greet"))

local calls = {}
local f = setmetatable({}, {__index = function(t, k) calls[#calls + 1] = k; return k .. "!" end})
print(f.a, f[1], f.a)
print(table.concat(calls, ","))
f.a = "set"
print(f.a, #calls)

-- __newindex to a table
local store = {}
local w = setmetatable({}, {__newindex = store})
w.x = 1
print(rawget(w, "x"), store.x)
-- __newindex function
local logged = {}
local w2 = setmetatable({}, {__newindex = function(t, k, v) logged[#logged + 1] = k .. "=" .. tostring(v); rawset(t, k, v) end})
w2.a = 1
w2.a = 2 -- exists now: no metamethod
w2.b = nil
print(table.concat(logged, " "), w2.a)
-- chain of __newindex tables
local final = {}
local chain = setmetatable({}, {__newindex = setmetatable({}, {__newindex = final})})
chain.z = 26
print(final.z)
-- __index on strings
print(("abc").len == string.len, ("abc"):upper())
-- indexing non-tables
print(pcall(function() local x = nil; return x.y end))
print(pcall(function() local x = 5; return x.y end))
print(pcall(function() return (true).y end))
print(pcall(function() local x; x.y = 1 end))
print(pcall(function() local t = {} t.a.b = 1 end))
print(pcall(function() return undefinedglobal.field end))
-- rawequal, rawlen
print(rawequal(top, top), rawequal(top, mid), rawlen({1, 2}), rawlen("abc"))
-- __index loop depth
local loop = {}
setmetatable(loop, {__index = loop})
print(pcall(function() return loop.x end))
-- nil and NaN keys
print(pcall(function() local t = {} t[nil] = 1 end))
print(pcall(function() local t = {} t[0/0] = 1 end))
print(({})[nil])
-- __metatable field
local locked = setmetatable({}, {__metatable = "locked"})
print(getmetatable(locked), pcall(function() return (setmetatable(locked, {})) end))
print(getmetatable("x").__index == string)
