-- Generic for with every kind of explist.
local t = {10, 20, 30}
local keys = {}
for k, v in next, t do keys[#keys + 1] = k .. "=" .. v end
table.sort(keys)
print("next, t", table.concat(keys, " "))

local n = 0
for k, v in next, {1, 2} do n = n + 1 end
print("next, {1,2}", n)

keys = {}
for k in pairs({a = 1, b = 2, c = 3}) do keys[#keys + 1] = k end
table.sort(keys)
print("pairs", table.concat(keys, " "))

for i, v in ipairs({"x", "y", nil, "z"}) do io.write(i, v, " ") end
print()

-- custom stateless iterator
local function iter(s, i)
  i = i + 1
  if i <= s then return i, i * i end
end
for i, sq in iter, 4, 0 do io.write(i, ":", sq, " ") end
print()

-- closure iterator
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
for i in range(3) do io.write(i, " ") end
print()

-- extra expressions are dropped; fewer are nil-filled
for a, b in iter, 2, 0, "extra", "more" do io.write(a, b, " ") end
print()
for k, v in function(_, c) if not c then return 1, "one" end end do print("nil state", k, v) end

-- vararg as the last expression
local function viaVararg(...)
  local out = {}
  for i, v in ... do out[#out + 1] = i .. v end
  return table.concat(out, ",")
end
print("vararg", viaVararg(ipairs({"p", "q"})))
print("vararg2", viaVararg(iter, 3, 1))

-- a call returning the triple
local function triple() return next, {5}, nil end
for k, v in triple() do print("triple", k, v) end

-- string.gmatch
for w in ("one two three"):gmatch("%a+") do io.write("[", w, "]") end
print()
for k, v in ("a=1, b=2"):gmatch("(%w+)=(%w+)") do io.write(k, "->", v, " ") end
print()

-- more variables than values
for a, b, c, d in iter, 1, 0 do print("four vars", a, b, c, d) end

-- iterator returning nil first value stops even with other values
for a, b in function(s, c) if c == nil then return nil, 5 end end do print("never") end
print("done")

-- errors
print(pcall(function() for x in nil do end end))
print(pcall(function() for x in 5 do end end))
print(pcall(function() for x in {} do end end))

-- modifying a table while traversing with next (assigning existing fields is allowed)
local m = {a = 1, b = 2, c = 3}
for k in pairs(m) do m[k] = nil end
print("cleared", next(m))
