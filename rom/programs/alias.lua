-- alias: list, set or clear the shell's aliases.
local args = { ... }
if #args > 2 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <alias> <program>")
    return
end
local alias, program = args[1], args[2]
if alias and program then
    shell.setAlias(alias, program)
elseif alias then
    shell.clearAlias(alias)
else
    local list = {}
    for name, target in pairs(shell.aliases()) do list[#list + 1] = name .. ":" .. target end
    table.sort(list)
    textutils.pagedTabulate(list)
end
