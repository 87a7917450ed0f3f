-- drive: the drive a path (default: the current folder) lies on, and the
-- space left on it.
local args = { ... }
local path = args[1] and shell.resolve(args[1]) or shell.dir()
if not fs.exists(path) then
    print("No such path")
    return
end

-- Sizes in decimal units with one decimal place, rounded down.
local function size(bytes)
    if bytes >= 1000000 then return math.floor(bytes / 100000) / 10 .. "MB" end
    if bytes >= 1000 then return math.floor(bytes / 100) / 10 .. "KB" end
    return bytes .. "B"
end

write(fs.getDrive(path) .. " (")
print(size(fs.getFreeSpace(path)) .. " remaining)")
