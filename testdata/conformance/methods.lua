-- Method calls, colon syntax, classes via metatables, inheritance.
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound) return setmetatable({name = name, sound = sound}, Animal) end
function Animal:speak() return self.name .. " says " .. self.sound end
function Animal:rename(n) self.name = n; return self end

local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name, "woof"); return setmetatable(d, Dog) end
function Dog:fetch() return self.name .. " fetches" end

local a = Animal.new("cat", "meow")
local d = Dog.new("rex")
print(a:speak(), d:speak(), d:fetch())
print(d:rename("max"):speak())
print(pcall(function() return a:fetch() end))
print(getmetatable(d) == Dog, rawget(d, "speak"))
-- calling methods on strings and numbers
print(("abc"):upper(), ("%d-%d"):format(1, 2))
print(pcall(function() local n = 5 return n:foo() end))
-- self as explicit first argument
print(Animal.speak({name = "x", sound = "y"}))
-- method call on a call result
local function mk() return d end
print(mk():fetch())
-- chained method calls with table fields
local chain = {v = 0}
function chain:add(n) self.v = self.v + n return self end
print(chain:add(1):add(2):add(3).v)
-- a method call evaluates the object once
local count = 0
local function obj() count = count + 1 return chain end
obj():add(1)
print(count)
