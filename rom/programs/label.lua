-- label: get, set or clear the computer's label (or a disk's).
local name = arg[0] or fs.getName(shell.getRunningProgram())

local function usage()
    print("Usages:")
    print(name .. " get")
    print(name .. " get <drive>")
    print(name .. " set <text>")
    print(name .. " set <drive> <text>")
    print(name .. " clear")
    print(name .. " clear <drive>")
end

local function hasDrive(drive)
    if disk and peripheral.getType(drive) == "drive" then
        if disk.hasData(drive) then return true end
        print("No disk in drive " .. drive)
        return false
    end
    print("No disk drive named " .. drive)
    return false
end

local function get(drive)
    if drive then
        if not hasDrive(drive) then return end
        local label = disk.getLabel(drive)
        if label then print("Disk label is \"" .. label .. "\"") else print("No Disk label") end
        return
    end
    local label = os.getComputerLabel()
    if label then print("Computer label is \"" .. label .. "\"") else print("No Computer label") end
end

local function set(drive, text)
    if drive then
        if not hasDrive(drive) then return end
        disk.setLabel(drive, text)
        local label = disk.getLabel(drive)
        if label then print("Disk label set to \"" .. label .. "\"") else print("Disk label cleared") end
        return
    end
    os.setComputerLabel(text)
    local label = os.getComputerLabel()
    if label then print("Computer label set to \"" .. label .. "\"") else print("Computer label cleared") end
end

local args = { ... }
local command = args[1]
if command == "get" and #args <= 2 then
    get(args[2])
elseif command == "set" and #args == 2 then
    set(nil, args[2])
elseif command == "set" and #args > 2 then
    set(args[2], table.concat(args, " ", 3))
elseif command == "clear" and #args <= 2 then
    set(args[2], nil)
else
    usage()
end
