-- detach: remove an emulated peripheral (CraftOS-PC's shell command, over
-- periphemu.remove).
local args = { ... }
if #args < 1 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <side>")
    return
end
if not periphemu.remove(args[1]) then
    printError("No peripheral attached on " .. args[1])
end
