-- coroutine functions' argument errors say "coroutine expected" with no "got".
print(pcall(function() return (coroutine.resume(1)) end))
print(pcall(function() return (coroutine.status({})) end))
print(pcall(function() return (coroutine.wrap(1)) end))
