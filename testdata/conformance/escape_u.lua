-- \u{XXX} is a Lua 5.3 escape: 5.2 rejects it.
print(load("return \"\\u{41}\""))
