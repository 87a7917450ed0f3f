-- Edge cases of table.insert, table.remove and unpack.
print(pcall(function() return (table.insert({1, 2}, 5, "x")) end))
print(pcall(function() return (table.insert({1, 2}, 0, "x")) end))
print(pcall(function() return (table.insert({1, 2}, 3, "x")) end))
print(pcall(function() return (table.insert({}, 1, 2, 3)) end))
print(pcall(function() return (table.insert({})) end))
print(pcall(function() return (table.insert(nil, 1)) end))
print(pcall(function() return (table.insert({}, "a", 1)) end))
local t = {1, 2, 3}
print(table.remove(t, 3), #t)
t = {1, 2, 3}
print(pcall(function() return (table.remove(t, 5)) end))
print(pcall(function() return (table.remove(t, 4)) end), #t)
t = {}
print(table.remove(t, 0), pcall(function() return (table.remove(t, 1)) end))
t = {[0] = "z"}
print(table.remove(t, 0), t[0])
print(pcall(function() return (table.unpack({}, 1, 1e7)) end))
print(pcall(function() return (table.unpack({}, 1, 2^40)) end))
print(table.unpack({1, 2, 3}, "2", "3"))
print(pcall(function() return (table.unpack(nil)) end))
print(pcall(function() return (table.unpack("abc")) end))
print(table.unpack({n = 2, 1, 2, 3}))
print(table.unpack(setmetatable({}, {__index = function(_, i) return i * 10 end}), 1, 3))
print(pcall(function() return (table.concat({}, ",", 1, 2)) end))
print(#table.concat({("x"):rep(10)}, "", 1, 1))
local holes = {1, 2, nil, 4}
print(select("#", table.unpack(holes, 1, 4)))
print(pcall(function() return (table.sort({1, 2, nil, 4})) end))
print(pcall(function() return (table.sort({}, function() end)) end))
