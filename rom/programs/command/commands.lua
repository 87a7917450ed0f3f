-- commands: list the Minecraft commands this command computer can run.
if not commands then
    printError("Requires a Command Computer.")
    return
end

local names = commands.list()
table.sort(names)

if term.isColour() then term.setTextColour(colours.green) end
print("Available commands:")
term.setTextColour(colours.white)
textutils.pagedTabulate(names)
