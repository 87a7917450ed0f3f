-- A generic for with an empty body over gmatch, with a concatenation in the explist.
for k in (math.floor(5) .. "Lua"):gmatch("()") do end
print("after loop")
