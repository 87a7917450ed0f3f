-- unequip: take the turtle's left or right upgrade off, into the first
-- empty inventory slot that will hold it.
if not turtle then
    printError("Requires a Turtle")
    return
end

local args = { ... }
local function usage()
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <side>")
end

local equippers = { left = turtle.equipLeft, right = turtle.equipRight }
local equipper = #args == 1 and equippers[args[1]]
if not equipper then
    usage()
    return
end

-- Equipping from an empty slot swaps the upgrade out into it.
for slot = 1, 16 do
    if turtle.getItemCount(slot) == 0 then
        turtle.select(slot)
        if equipper() then
            if turtle.getItemCount(slot) > 0 then
                print("Item unequipped")
            else
                print("Nothing to unequip")
            end
            return
        end
    end
end
print("No space to unequip item")
