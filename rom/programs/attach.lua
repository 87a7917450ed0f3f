-- attach: attach an emulated peripheral (CraftOS-PC's shell command, over
-- periphemu.create).
local args = { ... }
if #args < 2 then
    local name = arg[0] or fs.getName(shell.getRunningProgram())
    print("Usage: " .. name .. " <side> <type> [argument]")
    print("Types: " .. table.concat(periphemu.names(), ", "))
    return
end
-- A number names the device TYPE_N, as periphemu.create does with one; the
-- argument goes through as a number when it reads as one (a disk's id).
local ok, err = periphemu.create(args[1], args[2], tonumber(args[3]) or args[3])
if not ok then printError(err) end
