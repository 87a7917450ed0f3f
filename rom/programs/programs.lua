-- programs: the programs on the shell's path (`programs all` shows hidden ones).
local args = { ... }
textutils.pagedTabulate(shell.programs(args[1] == "all"))
