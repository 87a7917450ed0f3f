-- Varargs: select, adjustment, ... in table constructors and calls.
local function count(...) return select("#", ...) end
print(count(), count(nil), count(nil, nil), count(1, nil, 3, nil))

local function pass(...) return ... end
print(pass(1, 2, 3))
print((pass(1, 2, 3)))
print(pass(1, 2, 3), "end")
print(({pass(1, 2, 3)})[3], #{pass(1, 2, 3)})

local function tail(...) return select(2, ...) end
print(tail("a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-2, "a", "b", "c"))
print(pcall(function() return (select(0, "a")) end))
print(pcall(function() return (select(-4, "a", "b")) end))

local function pack2(...) local t = {...}; t.n = select("#", ...); return t end
local t = pack2(nil, 2, nil)
print(t.n, t[1], t[2], t[3])
local p = table.pack(1, nil, 3)
print(p.n, p[1], p[2], p[3])

local function first(a, ...) return a, select("#", ...) end
print(first(1, 2, 3))
print(first())

-- vararg in the middle is truncated to one value
local function mid(...) return ..., "x" end
print(mid(1, 2, 3))

-- locals from ...
local function locs(...)
  local a, b, c = ...
  return a, b, c
end
print(locs(1))
print(locs(1, 2, 3, 4))

-- arg is not defined in 5.2 vararg functions
local function noarg(...) return arg end
print(type(noarg(1, 2)))

-- many values
local big = {}
for i = 1, 250 do big[i] = i end
print(select("#", table.unpack(big)), select(250, table.unpack(big)))
print(math.max(table.unpack(big)))
