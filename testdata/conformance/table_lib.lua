-- table.insert, remove, concat, sort, unpack, pack.
local t = {1, 2, 3}
table.insert(t, 4)
table.insert(t, 1, 0)
print(table.concat(t, ","))
print(table.remove(t), table.remove(t, 1), table.concat(t, ","))
print(table.remove({}), select("#", table.remove({})))
print(table.concat({}), table.concat({1, "a", 2.5}, "-"), table.concat({1, 2, 3}, ",", 2), table.concat({1, 2, 3}, ",", 2, 3))
print(table.concat({1, 2, 3}, ",", 3, 2), table.concat({"a"}, ",", 1, 1))
print(pcall(function() return (table.concat({1, {}, 3})) end))
print(pcall(function() return (table.concat({1, 2}, ",", 1, 5)) end))
local s = {5, 2, 8, 1, 9, 3}
table.sort(s)
print(table.concat(s, " "))
table.sort(s, function(a, b) return a > b end)
print(table.concat(s, " "))
local words = {"banana", "Apple", "cherry", "apple"}
table.sort(words)
print(table.concat(words, " "))
print(pcall(function() return (table.sort({3, "a", 1})) end))
print(pcall(function() return (table.sort({1, 2, 3}, 42)) end))
print(table.unpack({1, 2, 3}))
print(table.unpack({1, 2, 3}, 2))
print(table.unpack({1, 2, 3}, 2, 3))
print(table.unpack({1, 2, 3}, -1, 1))
print(select("#", table.unpack({}, 1, 3)))
print(select("#", table.unpack({1, 2}, 3, 2)))
print(unpack == table.unpack, type(table.maxn))
local p = table.pack()
print(p.n, #p)
-- sort stability is unspecified; sort by key to compare
local recs = {{k = 3}, {k = 1}, {k = 2}}
table.sort(recs, function(a, b) return a.k < b.k end)
print(recs[1].k, recs[2].k, recs[3].k)
-- large sort
local big = {}
for i = 1, 200 do big[i] = (i * 7919) % 211 end
table.sort(big)
local okSorted = true
for i = 2, #big do if big[i - 1] > big[i] then okSorted = false end end
print("sorted", okSorted, big[1], big[200])
-- insert with a metatable __index is raw in 5.2? (uses lua_rawgeti / rawseti)
local logged = {}
local prox = setmetatable({}, {__newindex = function(t, k, v) logged[#logged + 1] = k; rawset(t, k, v) end})
table.insert(prox, "a")
print(#logged, prox[1])
