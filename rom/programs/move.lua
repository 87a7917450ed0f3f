-- move (mv): move files or folders; the source may use * wildcards.
local args = { ... }
if #args < 2 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <source> <destination>")
    return
end
local destination = shell.resolve(args[2])
local sources = fs.find(shell.resolve(args[1]))

local function canMove(from, to)
    if fs.exists(to) then
        printError("Destination exists")
    elseif fs.isReadOnly(to) then
        printError("Destination is read-only")
    elseif fs.isDriveRoot(from) then
        printError("Cannot move mount /" .. from)
    elseif fs.isReadOnly(from) then
        printError("Cannot move read-only file /" .. from)
    else
        return true
    end
    return false
end

if #sources == 0 then
    printError("No matching files")
    return
end
for _, source in ipairs(sources) do
    if fs.isDir(destination) then
        local to = fs.combine(destination, fs.getName(source))
        if canMove(source, to) then fs.move(source, to) end
    elseif #sources > 1 then
        printError("Cannot overwrite file multiple times")
        return
    elseif canMove(source, destination) then
        fs.move(source, destination)
    end
end
