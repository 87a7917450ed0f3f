-- mkdir: make folders (and their parents).
local args = { ... }
if #args < 1 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <paths>")
    return
end
for _, name in ipairs(args) do
    local target = shell.resolve(name)
    if fs.exists(target) and not fs.isDir(target) then
        printError(name .. ": Destination exists")
    elseif fs.isReadOnly(target) then
        printError(name .. ": Access denied")
    else
        fs.makeDir(target)
    end
end
