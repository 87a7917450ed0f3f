-- os.time and os.date with a fixed time (UTC formats only, so the machine's zone does not matter).
local t0 = 86400 * 365 + 3600 * 5 + 60 * 7 + 9
print(os.date("!%Y-%m-%d %H:%M:%S", t0))
print(os.date("!%y %j %a %A %b %B %p %w %%", t0))
print(os.date("!%c", 0))
print(os.date("!%x %X", 1234567890))
print(os.date("!%d/%m/%Y", 1e9))
local d = os.date("!*t", t0)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, d.isdst)
print(type(os.time()), type(os.clock()), type(os.date()))
print(pcall(function() return (os.date("!%Ez", 0)) end))
print(pcall(function() return (os.date("!%Q", 0)) end))
print(os.date("!%H", 3600 * 13.5))
print(os.date("!%I %M", 3600 * 13))
