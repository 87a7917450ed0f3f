-- Weak tables are cleared by a full collection.
local weakk = setmetatable({}, {__mode = "k"})
local weakv = setmetatable({}, {__mode = "v"})
do
  weakk[{}] = 1
  weakv[1] = {}
  weakv[2] = "strings are values, never collected"
end
collectgarbage()
collectgarbage()
print(next(weakk), weakv[1], weakv[2])
local keep = {}
weakk[keep] = "kept"
collectgarbage()
print(weakk[keep])
print(type(collectgarbage("count")))
