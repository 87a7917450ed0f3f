-- Sparse integer keys, keys that come and go, clearing during traversal.
local t = {} t[6e7] = 1 print(#t, t[6e7])
local u = {}
for i = 100, 1, -1 do u[i] = i end
print(#u, u[1], u[100])
local s = 0 for k, v in pairs(u) do s = s + v end print(s)
local c = {} for i = 1, 200 do c[i] = i end
c[500] = 5 c[1000] = 10
local n = 0 for k, v in pairs(c) do n = n + 1 end print(n, #c)
for i = 201, 1000 do c[i] = i end
n = 0 for k, v in pairs(c) do n = n + 1 end print(n, #c)
-- churn
local q = {}
for i = 1, 100000 do q["k" .. i] = i q["k" .. (i - 5)] = nil end
n = 0 for k in pairs(q) do n = n + 1 end print(n)
-- clear during traversal
local d = {} for i = 1, 100 do d["x" .. i] = i end
for k in pairs(d) do d[k] = nil end print(next(d))
-- sparse numeric keys and next
local e = {[1]=1,[2]=2,[10000]=3,[-5]=4,[2.5]=5}
local m = 0 for k, v in pairs(e) do m = m + v end print(m)
print(select('#', table.unpack({1, 2, nil, 4})))
local f = {} f[3] = 3 f[2] = 2 f[1] = 1 print(#f)
