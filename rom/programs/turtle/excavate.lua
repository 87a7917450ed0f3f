-- excavate: dig a square shaft of the given width straight down until the
-- turtle meets something it cannot dig (bedrock), going back up to empty
-- its inventory into a chest behind the start (and refuel) when it must.
if not turtle then
    printError("Requires a Turtle")
    return
end

local args = { ... }
if #args ~= 1 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <diameter>")
    return
end

local size = tonumber(args[1])
if size < 1 then
    print("Excavate diameter must be positive")
    return
end

-- Where the turtle is, relative to the start: x across, z ahead, depth
-- down; (dx, dz) is the way it faces. It starts facing (0, 1).
local x, z, depth = 0, 0, 0
local dx, dz = 0, 1
local unloaded, collected = 0, 0

local goTo, refuel, returnSupplies -- each uses the others

-- Drop everything into whatever is in front, keeping one stack of fuel when
-- asked to.
local function unload(keepFuel)
    print("Unloading items...")
    for slot = 1, 16 do
        local count = turtle.getItemCount(slot)
        if count > 0 then
            turtle.select(slot)
            if keepFuel and turtle.refuel(0) then
                keepFuel = false
            else
                turtle.drop()
                unloaded = unloaded + count
            end
        end
    end
    collected = 0
    turtle.select(1)
end

-- Count what was mined; false once no slot is empty.
local function collect()
    local full, total = true, 0
    for slot = 1, 16 do
        local count = turtle.getItemCount(slot)
        if count == 0 then full = false end
        total = total + count
    end
    if total > collected then
        collected = total
        if (collected + unloaded) % 50 == 0 then
            print("Mined " .. collected + unloaded .. " items.")
        end
    end
    if full then
        print("No empty slots left.")
        return false
    end
    return true
end

-- Make sure the tank holds `needed` (by default enough to get home and one
-- step more), burning items from the inventory; false if it cannot.
function refuel(needed)
    if turtle.getFuelLevel() == "unlimited" then return true end
    needed = needed or x + z + depth + 2
    if turtle.getFuelLevel() >= needed then return true end
    for slot = 1, 16 do
        if turtle.getItemCount(slot) > 0 then
            turtle.select(slot)
            if turtle.refuel(1) then
                while turtle.getItemCount(slot) > 0 and turtle.getFuelLevel() < needed do
                    turtle.refuel(1)
                end
                if turtle.getFuelLevel() >= needed then
                    turtle.select(1)
                    return true
                end
            end
        end
    end
    turtle.select(1)
    return false
end

-- Go up to the chest, unload and refuel (waiting for fuel if there is
-- none), then come back to where mining stopped.
function returnSupplies()
    local rx, ry, rz, rdx, rdz = x, depth, z, dx, dz
    print("Returning to surface...")
    goTo(0, 0, 0, 0, -1)

    local needed = 2 * (rx + ry + rz) + 1
    if refuel(needed) then
        unload(true)
    else
        unload(true)
        print("Waiting for fuel")
        while not refuel(needed) do os.pullEvent("turtle_inventory") end
    end

    print("Resuming mining...")
    goTo(rx, ry, rz, rdx, rdz)
end

-- One step forward (or down) while mining, digging and fighting through;
-- false when a block will not break.
local function tryStep(move, detect, dig, attack)
    if not refuel() then
        print("Not enough Fuel")
        returnSupplies()
    end
    while not move() do
        if detect() then
            if not dig() then return false end
            if not collect() then returnSupplies() end
        elseif attack() then
            if not collect() then returnSupplies() end
        else
            sleep(0.5)
        end
    end
    return true
end

local function tryForwards()
    if not tryStep(turtle.forward, turtle.detect, turtle.dig, turtle.attack) then return false end
    x, z = x + dx, z + dz
    return true
end

local function tryDown()
    if not tryStep(turtle.down, turtle.detectDown, turtle.digDown, turtle.attackDown) then return false end
    depth = depth + 1
    if depth % 10 == 0 then
        print("Descended " .. depth .. " metres.")
    end
    return true
end

local function turnLeft()
    turtle.turnLeft()
    dx, dz = -dz, dx
end

local function turnRight()
    turtle.turnRight()
    dx, dz = dz, -dx
end

-- Travel without mining: keep trying a move, clearing its way when blocked.
local function push(move, clear, attack)
    while not move() do
        if clear() or attack() then
            collect()
        else
            sleep(0.5)
        end
    end
end

-- Walk along the direction (wantX, wantZ) until `along` reaches target.
local function walk(wantX, wantZ, target)
    while dx ~= wantX or dz ~= wantZ do turnLeft() end
    while (wantX ~= 0 and x ~= target) or (wantZ ~= 0 and z ~= target) do
        push(turtle.forward, turtle.dig, turtle.attack)
        x, z = x + dx, z + dz
    end
end

-- Go to a position and facing: up first, across, then down.
function goTo(tx, ty, tz, tdx, tdz)
    while depth > ty do
        push(turtle.up, turtle.digUp, turtle.attackUp)
        depth = depth - 1
    end
    if x > tx then walk(-1, 0, tx) elseif x < tx then walk(1, 0, tx) end
    if z > tz then walk(0, -1, tz) elseif z < tz then walk(0, 1, tz) end
    while depth < ty do
        push(turtle.down, turtle.digDown, turtle.attackDown)
        depth = depth + 1
    end
    while dz ~= tdz or dx ~= tdx do turnLeft() end
end

if not refuel() then
    print("Out of Fuel")
    return
end

print("Excavating...")

turtle.select(1)
-- Digging into the ground leaves a hole to close again at the end.
local reseal = turtle.digDown()

-- Mine one layer in rows, snaking; then step down and mine the next layer
-- back the other way.
local alternate = 0
local function mineLayer()
    for row = 1, size do
        for _ = 1, size - 1 do
            if not tryForwards() then return false end
        end
        if row < size then
            local turn = (row + alternate) % 2 == 0 and turnLeft or turnRight
            turn()
            if not tryForwards() then return false end
            turn()
        end
    end
    if size > 1 then
        if size % 2 == 0 then
            turnRight()
        else
            if alternate == 0 then turnLeft() else turnRight() end
            alternate = 1 - alternate
        end
    end
    return tryDown()
end
while mineLayer() do end

print("Returning to surface...")
goTo(0, 0, 0, 0, -1)
unload(false)
goTo(0, 0, 0, 0, 1)

if reseal then
    turtle.placeDown()
end

print("Mined " .. collected + unloaded .. " items total.")
