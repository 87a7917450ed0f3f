-- The length operator on strings and sequences (no holes, so the border is unique).
print(#"", #"abc", #"\0\0\0", #("x"):rep(100))
local t = {}
print(#t)
for i = 1, 10 do t[i] = i end
print(#t)
t[#t] = nil
print(#t)
t[#t + 1] = "x"
print(#t)
local u = {n = 1, [1] = 1, [2] = 2}
print(#u)
local s = {}
s[1] = 1; s[2] = 2; s[3] = 3
table.remove(s, 1)
print(#s)
print(#{n = 3}, #{[1] = 1, [2] = 2}, #{1, 2, 3, [4] = 4})
local grow = {}
for i = 1, 1000 do grow[#grow + 1] = i end
print(#grow, grow[#grow])
for i = 1000, 1, -1 do grow[i] = nil end
print(#grow)
print(pcall(function() return #5 end))
