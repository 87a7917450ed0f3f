-- id: this computer's ID and label (or a disk's, given a drive).
local args = { ... }
if args[1] == nil then
    print("This is computer #" .. os.getComputerID())
    local label = os.getComputerLabel()
    if label then print("This computer is labelled \"" .. label .. "\"") end
    return
end
local drive = tostring(args[1])
if not (disk and peripheral.getType(drive) == "drive" and disk.hasData(drive)) then
    print("No disk in drive " .. drive)
    return
end
print("The disk is #" .. disk.getID(drive))
local label = disk.getLabel(drive)
if label then print("The disk is labelled \"" .. label .. "\"") end
