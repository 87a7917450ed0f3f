-- type: whether a path is a file or a folder.
local args = { ... }
if #args < 1 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <path>")
    return
end
local target = shell.resolve(args[1])
if not fs.exists(target) then
    print("No such path")
elseif fs.isDir(target) then
    print("directory")
else
    print("file")
end
