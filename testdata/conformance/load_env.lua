-- load, with chunk names, environments and reader functions; _ENV.
local f = load("return 1 + 1")
print(f())
print(load("syntax error here"))
print(type(load("error('x')", "=named")))
print(pcall(load("error('x')", "=named")))
print(pcall(load("error('x')", "@file.lua")))
print(pcall(load("error('x')", "literal chunk")))
print(pcall(load("\n\nerror('x')")))
local env = {y = 5}
local g = load("x = 10; return y", "env", "t", env)
print(g(), env.x, x)
local parts = {"return ", "1", " + ", "41"}
local i = 0
print(load(function() i = i + 1 return parts[i] end)())
print(type(load(function() return nil end)))
print(pcall(function() return (load(function() return {} end)) end))
print(load("return ...", "va")(1, 2, 3))
do
  local _ENV = setmetatable({}, {__index = _G})
  newglobal = 1
  print(newglobal, _G.newglobal)
end
local code = "local _ENV = {}; return a"
print(load(code)())
print(loadstring ~= nil)
print(pcall(function() return (load(nil)) end))
