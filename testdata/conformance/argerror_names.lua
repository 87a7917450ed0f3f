-- A library function called directly by pcall has no call-site name, so PUC's
-- luaL_argerror names it by its global path ('_G.select', 'string.char'),
-- without a position.
print(pcall(select, 0, "a"))
print(pcall(string.char, 256))
print(pcall(string.rep))
print(pcall(table.insert, nil, 1))
print(pcall(math.floor, "x"))
print(pcall(string.upper))
print(pcall(type))
print(pcall(xpcall))
print(pcall(pcall))
print(pcall(rawget, 1, 1))
print(pcall(os.date, "!%Q", 0))
print(pcall(coroutine.status, {}))
-- through a tail call the name is lost the same way
print(pcall(function() return string.char(-1) end))
print(pcall(function() return math.abs() end))
