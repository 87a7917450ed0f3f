-- bg: run a program (or a new shell) in a new multishell tab, in the
-- background. Written for craftos; behaviour follows CraftOS's bg.

if not shell.openTab then
    printError("Requires multishell")
    return
end

local args = { ... }
if #args > 0 then
    shell.openTab(table.unpack(args))
else
    shell.openTab("shell")
end
