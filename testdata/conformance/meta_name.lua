-- __name is a Lua 5.3 addition: 5.2's tostring ignores it.
local nm = setmetatable({}, {__name = "X"})
print((tostring(nm):gsub("0x%x+", "ADDR"):gsub(": [%x]+$", ": ADDR")))
