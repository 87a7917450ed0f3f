-- copy (cp): copy files or folders; the source may use * wildcards.
local args = { ... }
if #args < 2 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <source> <destination>")
    return
end
local destination = shell.resolve(args[2])
local sources = fs.find(shell.resolve(args[1]))
if #sources == 0 then
    printError("No matching files")
    return
end
for _, source in ipairs(sources) do
    if fs.isDir(destination) then
        fs.copy(source, fs.combine(destination, fs.getName(source)))
    elseif #sources > 1 then
        printError("Cannot overwrite file multiple times")
        return
    elseif fs.exists(destination) then
        printError("Destination exists")
    elseif fs.isReadOnly(destination) then
        printError("Destination is read-only")
    elseif fs.getFreeSpace(destination) < fs.getSize(source) then
        printError("Not enough space")
    else
        fs.copy(source, destination)
    end
end
