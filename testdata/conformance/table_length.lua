-- # finds a border as PUC 5.2 does: constructors keep their nils in the
-- array part, keys past its end wait in the hash; table.maxn sees every key.
local function show(name, t) print(name, #t) end
show("a", {[10]=3})
show("b", {[1]=1,[3]=3})
show("c", {1, nil, 3, nil})
show("d", {nil, 2})
show("e", {1, nil})
show("f", {nil})
show("g", table.pack(nil, 2))
local t = {} t[2] = 2 t[1] = 1 show("h", t)
t = {1} t[3] = 3 show("i", t) t[2] = 2 show("i3", t)
t = {1,2,3} t[3] = nil show("j", t) t[4] = 4 show("j2", t)
t = {} for i = 10, 1, -1 do t[i] = i end show("k", t)
t = {} for i = 1, 100 do t[i] = i end t[50] = nil show("l", t)
t = {n = 1, 1, 2, 3} show("m", t)
t = {...} show("n", t)
t = {} t[1] = 1 t[2] = nil t[3] = 3 show("o", t)
print(table.maxn({1, 2, [10] = 3}), table.maxn({[2.5] = 1}), table.maxn({}))
