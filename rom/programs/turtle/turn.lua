-- turn: turn the turtle on the spot, e.g. `turn left 2 right`.
if not turtle then
    printError("Requires a Turtle")
    return
end

local args = { ... }
if #args == 0 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <direction> <turns>")
    return
end

local turns = {
    lt = turtle.turnLeft, left = turtle.turnLeft,
    rt = turtle.turnRight, right = turtle.turnRight,
}

local i = 1
while i <= #args do
    local direction = args[i]
    local count = i < #args and tonumber(args[i + 1]) or nil
    if count then i = i + 2 else count, i = 1, i + 1 end

    local turn = turns[string.lower(direction)]
    if not turn then
        print("No such direction: " .. direction)
        print("Try: left, right")
        return
    end
    for _ = 1, count do turn() end
end
