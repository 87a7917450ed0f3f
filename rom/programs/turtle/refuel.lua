-- refuel: burn fuel items from the inventory: one item by default, a given
-- number of items, or "all" of them; stops early once the tank is full.
if not turtle then
    printError("Requires a Turtle")
    return
end

local args = { ... }
local limit = 1 -- items still to burn; nil burns everything
if #args > 1 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " [number]")
    return
elseif args[1] == "all" then
    limit = nil
elseif args[1] then
    limit = tonumber(args[1])
    if not limit then
        print("Invalid limit, expected a number or \"all\"")
        return
    end
end

if turtle.getFuelLevel() == "unlimited" then
    print("Fuel level is unlimited")
    return
end

for slot = 1, 16 do
    if (limit and limit <= 0) or turtle.getFuelLevel() >= turtle.getFuelLimit() then break end
    local before = turtle.getItemCount(slot)
    if before > 0 then
        turtle.select(slot)
        if turtle.refuel(limit) and limit then
            limit = limit - (before - turtle.getItemCount(slot))
        end
    end
end
print("Fuel level is " .. turtle.getFuelLevel())
if turtle.getFuelLevel() == turtle.getFuelLimit() then
    print("Fuel limit reached")
end
