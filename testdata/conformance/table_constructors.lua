-- Table constructors: mixed keys, trailing calls and varargs, separators, length.
local function three() return 1, 2, 3 end
local t = {three(), three()}
print(#t, t[1], t[2], t[4])
t = {three(), x = 1, three()}
print(#t, t.x)
t = {[1] = "a", "b"}
print(t[1])
t = {"b", [1] = "a"}
print(t[1])
t = {1, 2, 3; 4; n = 5,}
print(#t, t.n)
t = {[1.0] = "float key", [2] = "int"}
print(t[1], t[2])
t = {["a b"] = 1, [true] = 2, [-1] = 3}
print(t["a b"], t[true], t[-1])
t = {(three())}
print(#t)
local function va(...) return {...}, {..., "end"}, {"start", ...} end
local a, b, c = va(7, 8, 9)
print(#a, #b, b[2], #c, c[4])
t = {nil, nil, 3}
print(t[3])
t = {f = function(self) return self.v end, v = 10}
print(t:f())
local n = 0
t = {[(function() n = n + 1 return n end)()] = "k", (function() n = n + 1 return n end)()}
print(n)
-- nested constructors
t = {{1, 2}, {3, {4, 5}}}
print(t[2][2][2], #t[2])
print(#{1, 2, 3, nil}, #{n = 1}, #{})
print(load("return {1,,2}"))
print(load("return {,}"))
print(select("#", load("return {}")()))
