-- worm: the snake game. Pick a difficulty (up/down or W/S, then Enter),
-- steer with the arrow keys or WASD, eat the fruit, never bite yourself.
-- The edges wrap around; row 1 holds the score.

local width, height = term.getSize()
local colour = term.isColour()
local heading = colour and colours.yellow or colours.white
local text = colours.white
local wormColour = colour and colours.green or colours.white
local fruitColour = colour and colours.red or colours.white

local difficulty = 2
local speeds = { 5, 10, 25 } -- steps per second for easy, medium, hard
local score = 0

-- The board: board[x][y] is "worm", "fruit" or nil. The worm is a queue of
-- cells from tail (first) to head (last).
local board = {}
for x = 1, width do board[x] = {} end
local worm = { first = 1, last = 0 }
local growth = 6 -- cells still to add before the tail starts moving
local dx, dy = 1, 0
local nextDx, nextDy -- the turn asked for, taken on the next step
local alive = true

local function centred(y, s)
    term.setCursorPos(math.floor((width - #s) / 2), y)
    term.write(s)
end

local function paint(x, y, bg)
    term.setCursorPos(x, y)
    term.setBackgroundColour(bg)
    term.write(" ")
    term.setBackgroundColour(colours.black)
end

local function drawHeader()
    term.setCursorPos(1, 1)
    term.setTextColour(heading)
    term.write("SCORE ")
    term.setTextColour(text)
    term.write(tostring(score))
    term.setCursorPos(width - 11, 1)
    term.setTextColour(heading)
    term.write("DIFFICULTY ")
    term.setTextColour(text)
    term.setCursorPos(width, 1)
    term.write(tostring(difficulty))
    term.setTextColour(colours.white)
end

local function drawChooser()
    local mid = math.floor(height / 2)
    term.setTextColour(heading)
    centred(mid - 2, " SELECT DIFFICULTY ")
    for i = 0, 2 do centred(mid + i, "            ") end
    centred(mid - 1 + difficulty, " [        ] ")
    term.setTextColour(text)
    centred(mid, "EASY")
    centred(mid + 1, "MEDIUM")
    centred(mid + 2, "HARD")
    term.setTextColour(colours.white)
end

local function addFruit()
    -- A free cell below the header; the board is never full in practice,
    -- but give up rather than loop forever if it is.
    for _ = 1, width * height * 4 do
        local x, y = math.random(1, width), math.random(2, height)
        if board[x][y] == nil then
            board[x][y] = "fruit"
            paint(x, y, fruitColour)
            return
        end
    end
end

local function push(x, y)
    worm.last = worm.last + 1
    worm[worm.last] = { x, y }
    board[x][y] = "worm"
    paint(x, y, wormColour)
end

local function step()
    if nextDx then
        dx, dy, nextDx, nextDy = nextDx, nextDy, nil, nil
    end
    local head = worm[worm.last]
    local x, y = head[1] + dx, head[2] + dy
    if x < 1 then x = width elseif x > width then x = 1 end
    if y < 2 then y = height elseif y > height then y = 2 end

    if growth > 0 then
        growth = growth - 1
    else
        local tail = worm[worm.first]
        worm[worm.first] = nil
        worm.first = worm.first + 1
        board[tail[1]][tail[2]] = nil
        term.setCursorPos(tail[1], tail[2])
        term.write(" ")
    end

    if board[x][y] == "worm" then
        alive = false
    else
        local ate = board[x][y] == "fruit"
        push(x, y)
        if ate then
            score = score + 10
            growth = growth + 1
            addFruit()
        end
    end
    drawHeader()
end

-- Choose the difficulty.
term.setBackgroundColour(colours.black)
term.clear()
drawHeader()
drawChooser()
while true do
    local _, key = os.pullEvent("key")
    if (key == keys.up or key == keys.w) and difficulty > 1 then
        difficulty = difficulty - 1
        drawHeader()
        drawChooser()
    elseif (key == keys.down or key == keys.s) and difficulty < 3 then
        difficulty = difficulty + 1
        drawHeader()
        drawChooser()
    elseif key == keys.enter or key == keys.numPadEnter then
        break
    end
end

-- Play.
local interval = 1 / speeds[difficulty]
term.clear()
drawHeader()
push(math.floor(width / 2), math.floor(height / 2))
while growth > 0 do step() end
addFruit()
addFruit()

local timer = os.startTimer(0)
while alive do
    local event, p1 = os.pullEvent()
    if event == "timer" and p1 == timer then
        timer = os.startTimer(interval)
        step()
    elseif event == "key" then
        -- No reversing onto yourself: only turn across the current direction.
        if (p1 == keys.up or p1 == keys.w) and dy == 0 then
            nextDx, nextDy = 0, -1
        elseif (p1 == keys.down or p1 == keys.s) and dy == 0 then
            nextDx, nextDy = 0, 1
        elseif (p1 == keys.left or p1 == keys.a) and dx == 0 then
            nextDx, nextDy = -1, 0
        elseif (p1 == keys.right or p1 == keys.d) and dx == 0 then
            nextDx, nextDy = 1, 0
        end
    end
end

-- Game over: show the score, then wait for a typed key.
local mid = math.floor(height / 2)
term.setTextColour(heading)
centred(mid - 2, "                   ")
centred(mid - 1, " G A M E   O V E R ")
term.setTextColour(text)
centred(mid, "                 ")
centred(mid + 1, " FINAL SCORE " .. score .. " ")
centred(mid + 2, "                 ")
term.setTextColour(colours.white)

local prompt = os.startTimer(2.5)
while true do
    local event, p1 = os.pullEvent()
    if event == "char" then break end
    if event == "timer" and p1 == prompt then
        term.setTextColour(text)
        centred(mid + 2, " PRESS ANY KEY ")
        centred(mid + 3, "               ")
        term.setTextColour(colours.white)
    end
end

term.clear()
term.setCursorPos(1, 1)
