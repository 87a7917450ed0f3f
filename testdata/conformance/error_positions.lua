-- Error positions (chunk:line:) from error, levels, runtime errors, across functions.
local function where(level) return pcall(error, "here", level) end
print(where(1))
print(where(2))
local function f()
  error("in f")
end
print(pcall(f))
local function g()
  f()
end
print(pcall(g))
local function h()
  error("level 2 from h", 2)
end
local function callh()
  h() -- line 17
end
print(pcall(callh))
print(pcall(function()
  local t = nil
  return t.x -- line 22
end))
print(pcall(function()
  return 1 +
    nil -- which line does 5.2 report?
end))
local ok, err = pcall(function() local x = {} .. "" end)
print(err)
print(pcall(string.rep))
print(pcall(function() string.rep() end))
print(pcall(function() return ("x"):rep() end))
print(pcall(function() local s = string.rep; s() end))
print(pcall(function() math.floor({}) end))
print(pcall(function() setmetatable({}, 1) end))
print(pcall(function() ipairs(nil) end))
print(pcall(function() ("x"):bad() end))
