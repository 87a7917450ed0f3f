-- Lua 5.2 has no setfenv/getfenv.
print(setfenv, getfenv)
