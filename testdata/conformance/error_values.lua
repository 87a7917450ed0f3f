-- Error values: tables, levels, nested pcall, error in metamethods.
local ok, err = pcall(error, {code = 42})
print(ok, type(err), err.code)
ok, err = pcall(error, "plain", 0)
print(ok, err)
ok, err = pcall(error)
print(ok, err)
ok, err = pcall(error, nil)
print(ok, err)
ok, err = pcall(error, true)
print(ok, err)
local function lvl1() error("at level 1", 1) end
local function lvl2() error("at level 2", 2) end
local function callsLvl2() lvl2() end
print(pcall(lvl1))
print(pcall(callsLvl2))
-- nested pcall
print(pcall(pcall, error, "inner"))
print(pcall(function()
  local ok2, e2 = pcall(error, "deep")
  error("rethrown: " .. e2, 0)
end))
print(select("#", pcall(error)))
-- error in __index
local bad = setmetatable({}, {__index = function(t, k) error("no field " .. k) end})
print(pcall(function() return bad.x end))
local bad2 = setmetatable({}, {__index = function(t, k) error({key = k}) end})
local ok3, e3 = pcall(function() return bad2.y end)
print(ok3, type(e3), e3.key)
-- error in __tostring via tostring
print(pcall(tostring, setmetatable({}, {__tostring = function() error("ts failed") end})))
-- xpcall with a handler
print(xpcall(function() error("xp") end, function(m) return "handled: " .. m end))
print(xpcall(function() return 1, 2 end, print))
print(xpcall(function() error({1}) end, function(m) return type(m) end))
-- error objects keep identity
local obj = {}
local _, got = pcall(error, obj)
print(got == obj)
-- pcall of non-functions
print(pcall(42))
print(pcall(nil))

-- assert
print(pcall(assert, false))
print(pcall(assert, nil, "custom message"))
print(assert(1, 2, 3))
print(pcall(assert))
