-- tunnel: dig a tunnel 3 wide and 2 high straight ahead, placing a floor
-- block under each step, for a given length.
if not turtle then
    printError("Requires a Turtle")
    return
end

local args = { ... }
if #args ~= 1 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <length>")
    return
end

local length = tonumber(args[1])
if length < 1 then
    print("Tunnel length must be positive")
    return
end

local collected = 0
local function collect()
    collected = collected + 1
    if collected % 25 == 0 then
        print("Mined " .. collected .. " items.")
    end
end

-- Dig one way until nothing is left there (gravel and sand fall back in);
-- false when a block will not break.
local function digger(detect, dig)
    return function()
        while detect() do
            if not dig() then return false end
            collect()
            sleep(0.5)
        end
        return true
    end
end
local tryDig = digger(turtle.detect, turtle.dig)
local tryDigUp = digger(turtle.detectUp, turtle.digUp)
local tryDigDown = digger(turtle.detectDown, turtle.digDown)

-- Burn one fuel item when the tank is empty, waiting for the player to add
-- some when there is none.
local function burnOne()
    for slot = 1, 16 do
        if turtle.getItemCount(slot) > 0 then
            turtle.select(slot)
            if turtle.refuel(1) then
                turtle.select(1)
                return true
            end
        end
    end
    turtle.select(1)
    return false
end
local function refuel()
    local level = turtle.getFuelLevel()
    if level == "unlimited" or level > 0 then return end
    if not burnOne() then
        print("Add more fuel to continue.")
        while not burnOne() do os.pullEvent("turtle_inventory") end
        print("Resuming Tunnel.")
    end
end

-- Move one way, digging or attacking whatever is in the way; false when a
-- block there will not break.
local function mover(move, detect, dig, attack)
    return function()
        refuel()
        while not move() do
            if detect() then
                if not dig() then return false end
            elseif attack() then
                collect()
            else
                sleep(0.5)
            end
        end
        return true
    end
end
local tryUp = mover(turtle.up, turtle.detectUp, tryDigUp, turtle.attackUp)
local tryDown = mover(turtle.down, turtle.detectDown, tryDigDown, turtle.attackDown)
local tryForward = mover(turtle.forward, turtle.detect, tryDig, turtle.attack)

print("Tunnelling...")
for step = 1, length do
    -- Floor below, then clear left and right on both levels.
    turtle.placeDown()
    tryDigUp()
    turtle.turnLeft()
    tryDig()
    tryUp()
    tryDig()
    turtle.turnRight()
    turtle.turnRight()
    tryDig()
    tryDown()
    tryDig()
    turtle.turnLeft()

    if step == length then
        print("Tunnel complete.")
    else
        tryDig()
        if not tryForward() then
            print("Aborting Tunnel.")
            break
        end
    end
end

print("Tunnel complete.")
print("Mined " .. collected .. " items total.")
