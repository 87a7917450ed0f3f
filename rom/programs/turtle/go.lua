-- go: move the turtle, e.g. `go forward 3 left up 2`. Each direction may be
-- followed by a count; a blocked move is retried until it succeeds or the
-- fuel runs out.
if not turtle then
    printError("Requires a Turtle")
    return
end

local args = { ... }
if #args == 0 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <direction> <distance>")
    return
end

local moves = {
    fd = turtle.forward, forward = turtle.forward, forwards = turtle.forward,
    bk = turtle.back, back = turtle.back,
    up = turtle.up,
    dn = turtle.down, down = turtle.down,
    lt = turtle.turnLeft, left = turtle.turnLeft,
    rt = turtle.turnRight, right = turtle.turnRight,
}

local i = 1
while i <= #args do
    local direction = args[i]
    -- A number after the direction is its distance; the last word never is.
    local distance = i < #args and tonumber(args[i + 1]) or nil
    if distance then i = i + 2 else distance, i = 1, i + 1 end

    local move = moves[string.lower(direction)]
    if not move then
        print("No such direction: " .. direction)
        print("Try: forward, back, up, down")
        return
    end
    while distance > 0 do
        if move() then
            distance = distance - 1
        elseif turtle.getFuelLevel() == 0 then
            print("Out of fuel")
            return
        else
            sleep(0.5)
        end
    end
end
