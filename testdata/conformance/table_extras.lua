-- Lua 5.2's table library has no getn/foreach/foreachi/setn (5.0/5.1 leftovers); maxn stays.
print(type(table.getn), type(table.foreach), type(table.foreachi), type(table.setn), type(table.maxn))
print(table.maxn({1, 2, [10] = 3}))
