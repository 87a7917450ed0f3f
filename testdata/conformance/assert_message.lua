-- assert's message must be a string (luaL_optstring) in 5.2.
print(pcall(assert, false, {1}))
print(pcall(assert, false, 12))
print(pcall(assert, nil))
