-- fg: run a program (or a new shell) in a new multishell tab and switch to
-- it. Written for craftos; behaviour follows CraftOS's fg.

if not shell.openTab then
    printError("Requires multishell")
    return
end

local args = { ... }
local tab
if #args > 0 then
    tab = shell.openTab(table.unpack(args))
else
    tab = shell.openTab("shell")
end
if tab then shell.switchTab(tab) end
