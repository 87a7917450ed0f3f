-- An error raised by load's reader function is returned by load (nil, msg), not raised.
print(pcall(load, function() error("reader failed") end))
print(load(function() error({}) end))
