-- equip: equip the item in an inventory slot as the turtle's left or right
-- upgrade; whatever was equipped there comes back into that slot.
if not turtle then
    printError("Requires a Turtle")
    return
end

local args = { ... }
local function usage()
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <slot> <side>")
end

local equippers = { left = turtle.equipLeft, right = turtle.equipRight }
local equipper = #args == 2 and equippers[args[2]]
if not equipper then
    usage()
    return
end

local slot = tonumber(args[1])
turtle.select(slot)
if turtle.getItemCount(slot) == 0 then
    print("Nothing to equip")
elseif not equipper() then
    print("Item not equippable")
elseif turtle.getItemCount(slot) > 0 then
    print("Items swapped")
else
    print("Item equipped")
end
