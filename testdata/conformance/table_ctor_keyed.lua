-- A constructor's positional items are stored last (SETLIST), so they win
-- over [k] = v for the same k, and a call as a keyed value adds no item.
local t = {1; -2.5; [2] = select("#", -1, 3.75)}
print(#t, table.concat(t, " "))
local u = {[1] = math.max(5, 6), "p"}
print(#u, u[1])
local w = {"a", [3] = tostring(3), "b"}
print(#w, w[1], w[2], w[3])
