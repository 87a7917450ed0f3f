-- error's level and non-string messages.
print(pcall(error, 12))                  -- level 1 at pcall (a C function): no position, but lua_concat made it a string
print(select(2, pcall(error, 12)) == "12")
print(pcall(function() error("level 3", 3) end)) -- level 3 is the main chunk calling pcall
print(pcall(error, 42, 2))               -- a number gets a position like a string
print(pcall(error, true, 2))             -- other values do not
