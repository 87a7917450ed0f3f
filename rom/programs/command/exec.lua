-- exec: run one Minecraft command on this command computer and show what
-- it said, e.g. `exec say hi`.
local args = { ... }
if not commands then
    printError("Requires a Command Computer.")
    return
end
if #args == 0 then
    printError("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <command>")
    return
end

-- The command's name is lower-cased; its arguments are kept as typed.
args[1] = string.lower(args[1])
local ok, output = commands.exec(table.concat(args, " "))
if ok then
    if term.isColour() then term.setTextColour(colours.green) end
    print("Success")
    term.setTextColour(colours.white)
else
    printError("Failed")
end
for _, line in ipairs(output) do
    print(line)
end
