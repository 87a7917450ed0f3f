-- dance: the turtle dances until a key is pressed, playing a music disc
-- from an attached drive if there is one.
if not turtle then
    -- As CraftOS's dance, it says so and dances anyway: the first move
    -- then fails on the missing turtle.
    printError("Requires a Turtle")
end

local function spin(turn)
    for _ = 1, 4 do turn() end
end

local moves = {
    function() turtle.up() turtle.down() end,
    function() turtle.up() spin(turtle.turnLeft) turtle.down() end,
    function() turtle.up() spin(turtle.turnRight) turtle.down() end,
    function() spin(turtle.turnLeft) end,
    function() spin(turtle.turnRight) end,
    function()
        turtle.turnLeft() turtle.back() turtle.back()
        turtle.turnRight() turtle.turnRight() turtle.back() turtle.back()
        turtle.turnLeft()
    end,
    function()
        turtle.turnRight() turtle.back() turtle.back()
        turtle.turnLeft() turtle.turnLeft() turtle.back() turtle.back()
        turtle.turnRight()
    end,
    function()
        for _ = 1, 4 do turtle.back() turtle.turnLeft() end
    end,
    function()
        for _ = 1, 4 do turtle.back() turtle.turnRight() end
    end,
}

textutils.slowWrite("Preparing to get down.")
textutils.slowPrint("..", 0.75)

local drive
for _, name in pairs(peripheral.getNames()) do
    if disk.hasAudio(name) then
        disk.playAudio(name)
        print("Jamming to " .. disk.getAudioTitle(name))
        drive = name
        break
    end
end

print("Press any key to stop the groove")

parallel.waitForAny(
    function() os.pullEvent("key") end,
    function()
        while true do
            moves[math.random(1, #moves)]()
        end
    end
)

if drive then
    disk.stopAudio(drive)
end
