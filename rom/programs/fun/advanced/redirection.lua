-- redirection: guide the robots to the exits of their colour.
--   redirection [level]
-- Robots walk straight ahead each tick. Blocked ahead, a robot turns to
-- the free side; with both sides free a blue robot turns left and a red
-- one right; boxed in, it turns back. A robot that walks off the floor is
-- lost. Click a floor square to drop one of the level's blocks on it.
--
-- Levels are levels/<n>.dat beside this program: the first line's first
-- digit is the number of blocks; each further line is a row of squares:
--   8 floor   7 wall   (space) nothing
--   0 1 2 3  a blue robot facing up, right, down, left (on floor)
--   4 5 6 9  a red robot facing up, right, down, left (on floor)
--   b        the blue exit       e   the red exit

local termW, termH = term.getSize()
local levelDir = fs.combine(fs.getDir(shell.getRunningProgram()), "levels")

local BLUE, RED = "blue", "red"
local robotColour = { [BLUE] = colours.blue, [RED] = colours.red }
local arrows = { [0] = "^", ">", "v", "<" }
local steps = { [0] = { 0, -1 }, { 1, 0 }, { 0, 1 }, { -1, 0 } } -- by facing
local starts = {
    ["0"] = { BLUE, 0 }, ["1"] = { BLUE, 1 }, ["2"] = { BLUE, 2 }, ["3"] = { BLUE, 3 },
    ["4"] = { RED, 0 }, ["5"] = { RED, 1 }, ["6"] = { RED, 2 }, ["9"] = { RED, 3 },
}
local NORMAL, FAST = 0.6, 0.2

local function levelPath(n) return fs.combine(levelDir, tostring(n) .. ".dat") end

------------------------------------------------------------------------
-- The level: cells[y][x] is "floor", "wall", nil (nothing) or
-- { exit = colour }; robots is a list of { x, y, colour, facing, home }.
------------------------------------------------------------------------
local level

local function loadLevel(n)
    local path = levelPath(n)
    local file = fs.exists(path) and not fs.isDir(path) and fs.open(path, "r")
    if not file then error("Level Not Exists : " .. path, 0) end
    local first = file.readLine() or ""
    local l = {
        number = n, blocks = tonumber(first:sub(1, 1)) or 0,
        cells = {}, robots = {}, width = 0, height = 0,
    }
    -- A border of nothing surrounds the rows read.
    local y = 1
    local row = file.readLine()
    while row do
        y = y + 1
        l.cells[y] = {}
        for i = 1, #row do
            local c, x = row:sub(i, i), i + 1
            if c == "8" then
                l.cells[y][x] = "floor"
            elseif c == "7" then
                l.cells[y][x] = "wall"
            elseif c == "b" then
                l.cells[y][x] = { exit = BLUE }
            elseif c == "e" then
                l.cells[y][x] = { exit = RED }
            elseif starts[c] then
                l.cells[y][x] = "floor"
                l.robots[#l.robots + 1] = { x = x, y = y, colour = starts[c][1], facing = starts[c][2] }
            end
        end
        l.width = math.max(l.width, #row + 2)
        row = file.readLine()
    end
    file.close()
    l.height = y + 1
    for yy = 1, l.height do l.cells[yy] = l.cells[yy] or {} end
    l.left = math.floor((termW - l.width) / 2)
    l.top = math.floor((termH - l.height) / 2) + 1
    return l
end

local function cell(x, y) return level.cells[y] and level.cells[y][x] end

local function robotAt(x, y)
    for _, r in ipairs(level.robots) do
        if r.x == x and r.y == y and not r.lost then return r end
    end
end

local function blocked(x, y) return cell(x, y) == "wall" or robotAt(x, y) ~= nil end

-- One tick of every robot, in order.
local function tick()
    for _, r in ipairs(level.robots) do
        local here = cell(r.x, r.y)
        if r.lost or r.home then
            -- nothing: gone, or safely out
        elseif here == nil then
            r.lost = true -- walked off the floor
        elseif type(here) == "table" and here.exit == r.colour then
            r.home = true
        else
            local d = steps[r.facing]
            if not blocked(r.x + d[1], r.y + d[2]) then
                r.x, r.y = r.x + d[1], r.y + d[2]
            else
                local left, right = (r.facing + 3) % 4, (r.facing + 1) % 4
                local dl, dr = steps[left], steps[right]
                local leftFree = not blocked(r.x + dl[1], r.y + dl[2])
                local rightFree = not blocked(r.x + dr[1], r.y + dr[2])
                if leftFree and rightFree then
                    r.facing = r.colour == BLUE and left or right
                elseif leftFree then
                    r.facing = left
                elseif rightFree then
                    r.facing = right
                else
                    r.facing = (r.facing + 2) % 4
                end
            end
        end
    end
end

local function solved()
    for _, r in ipairs(level.robots) do
        if not r.home then return false end
    end
    return #level.robots > 0
end

------------------------------------------------------------------------
-- Drawing
------------------------------------------------------------------------
local function centred(y, text)
    term.setCursorPos(math.floor((termW - #text) / 2) + 1, y)
    term.write(text)
end

local function drawStars()
    term.setBackgroundColour(colours.black)
    term.clear()
    for y = 1, termH do
        for x = 1, termW do
            local r = math.random(1, 30)
            if r <= 2 then
                term.setCursorPos(x, y)
                term.setTextColour(r == 1 and colours.lightGrey or colours.grey)
                term.write(math.random(2) == 1 and "." or "*")
            end
        end
    end
end

local function drawMap()
    for y = 1, level.height do
        for x = 1, level.width do
            local c = cell(x, y)
            local sx, sy = level.left + x, level.top + y
            if sx >= 1 and sx <= termW and sy >= 2 and sy < termH then
                term.setCursorPos(sx, sy)
                local r = robotAt(x, y)
                if r then
                    term.setBackgroundColour(robotColour[r.colour])
                    term.setTextColour(colours.white)
                    term.write(r.home and "@" or arrows[r.facing])
                elseif c == "floor" then
                    term.setBackgroundColour(colours.lightGrey)
                    term.write(" ")
                elseif c == "wall" then
                    term.setBackgroundColour(colours.grey)
                    term.write(" ")
                elseif type(c) == "table" then
                    term.setBackgroundColour(colours.lightGrey)
                    term.setTextColour(robotColour[c.exit])
                    term.write("X")
                elseif c == nil and x > 1 and y > 1 and x < level.width and y < level.height then
                    term.setBackgroundColour(colours.black)
                    term.write(" ")
                end
            end
        end
    end
    term.setBackgroundColour(colours.black)
end

local function drawBar(paused, fast)
    term.setBackgroundColour(colours.black)
    term.setTextColour(colours.red)
    centred(1, "  Level " .. level.number .. "  ")
    term.setCursorPos(1, 1)
    term.setBackgroundColour(colours.grey)
    term.write(" ")
    term.setBackgroundColour(colours.black)
    term.setTextColour(colours.white)
    term.write(" x " .. level.blocks .. " ")

    term.setCursorPos(termW - 8, termH)
    term.setTextColour(colours.white)
    term.write(" <<")
    term.setTextColour(paused and colours.red or colours.white)
    term.write(" ||")
    term.setTextColour(fast and colours.red or colours.white)
    term.write(" >>")

    term.setCursorPos(termW - 1, 1)
    term.setTextColour(colours.red)
    term.write(" X")
    term.setTextColour(colours.white)
end

------------------------------------------------------------------------
-- Playing a level: returns "next", "retry" or "quit".
------------------------------------------------------------------------
local function play(n)
    level = loadLevel(n)
    drawStars()
    drawMap()
    local paused, fast = false, false
    drawBar(paused, fast)
    local timer = os.startTimer(NORMAL)
    while true do
        local event, p1, p2, p3 = os.pullEvent()
        if event == "timer" and p1 == timer then
            tick()
            drawMap()
            if solved() then return "next" end
            timer = os.startTimer(fast and FAST or NORMAL)
        elseif event == "mouse_click" then
            local x, y = p2, p3
            if y == 1 and x == termW then
                return "quit"
            elseif y == termH and x >= termW - 7 and x <= termW - 6 then
                return "retry"
            elseif y == termH and x >= termW - 4 and x <= termW - 3 then
                paused, fast = not paused, false
                timer = not paused and os.startTimer(NORMAL) or nil
                drawBar(paused, fast)
            elseif y == termH and x >= termW - 1 then
                paused, fast = false, not fast
                timer = os.startTimer(fast and FAST or NORMAL)
                drawBar(paused, fast)
            else
                -- A block on an empty floor square of the map.
                local mx, my = x - level.left, y - level.top
                if cell(mx, my) == "floor" and not robotAt(mx, my) and level.blocks > 0 then
                    level.cells[my][mx] = "wall"
                    level.blocks = level.blocks - 1
                    drawBar(paused, fast)
                    drawMap()
                end
            end
        elseif event == "term_resize" then
            termW, termH = term.getSize()
            level.left = math.floor((termW - level.width) / 2)
            level.top = math.floor((termH - level.height) / 2) + 1
            drawStars()
            drawMap()
            drawBar(paused, fast)
        end
    end
end

local function game(first)
    local n = first
    while n do
        local result = play(n)
        if result == "quit" then return end
        if result == "next" then
            n = fs.exists(levelPath(n + 1)) and n + 1 or nil
        end
    end
    -- Every level solved.
    drawStars()
    term.setTextColour(colours.red)
    centred(math.floor(termH / 2), "  Thank you for playing Redirection  ")
    term.setTextColour(colours.yellow)
    centred(math.floor(termH / 2) + 2, "  You solved every level!  ")
    parallel.waitForAll(
        function() sleep(2) end,
        function() os.pullEvent("mouse_click") end)
end

local given = ...
local first = tonumber(given)
local ok, err = pcall(function()
    if given == nil then
        drawStars()
        term.setTextColour(colours.red)
        centred(math.floor(termH / 2), "  REDIRECTION  ")
        term.setTextColour(colours.yellow)
        centred(math.floor(termH / 2) + 2, "  Click to Begin  ")
        os.pullEvent("mouse_click")
    end
    if first == nil and given ~= nil then error("Level Not Exists : " .. levelPath(given), 0) end
    game(first or 1)
end)

term.setCursorPos(1, 1)
term.setTextColour(colours.white)
term.setBackgroundColour(colours.black)
term.clear()
if not ok and err ~= "Terminated" then printError(err) end
