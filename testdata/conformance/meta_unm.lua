-- __unm receives the operand twice (as in 5.2's luaT_trybinTM with p2 = p1).
local mt = {__unm = function(a, b) return rawequal(a, b), select("#", a, b) end}
print(-setmetatable({}, mt))
