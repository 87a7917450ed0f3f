-- craft: craft with the items in the turtle's inventory (a crafty turtle's
-- workbench), up to a number of results or "all" it can make.
if not turtle then
    printError("Requires a Turtle")
    return
end
if not turtle.craft then
    print("Requires a Crafty Turtle")
    return
end

local args = { ... }
local limit = tonumber(args[1])
if not limit and args[1] ~= "all" then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " all|<number>")
    return
end

-- The results land in the selected slot: count them from its change.
local slot = turtle.getSelectedSlot()
local before = turtle.getItemCount(slot)
local crafted = 0
if turtle.craft(limit) then
    local after = turtle.getItemCount(slot)
    if limit and before > limit then
        crafted = before - after
    else
        crafted = after
    end
end

if crafted == 1 then
    print("1 item crafted")
elseif crafted > 1 then
    print(crafted .. " items crafted")
else
    print("No items crafted")
end
