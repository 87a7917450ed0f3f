-- falling: a falling-blocks game for pocket computers (any screen of at
-- least 26x19 will do).
-- Menu: left/right (or A/D, or 1-9) choose the starting level, up/down
-- choose an entry, enter or space start. In the game: left/right (A/D) move
-- the piece, up (W) rotates it, down (S) drops it, space pauses.
-- Clearing 1, 2, 3 or 4 rows at once scores 4, 10, 30 or 120 points times
-- the level; every 10 rows cleared the level goes up and pieces fall faster.

local colour = term.isColour()
local function pick(c, mono) if colour then return c end return mono end

local width, height = term.getSize()
if width < 26 or height < 19 then
    print("Your screen is too small to play :(")
    return
end

local PIT_W, PIT_H = 10, 20
local points = { 4, 10, 30, 120 }
local speeds = { 1.2, 1.0, 0.8, 0.65, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05 }

-- Each piece: its rotations as 4x4 pictures, and how a cell of it looks.
local function piece(text, fg, bg, shapes)
    local p = { text = pick("  ", text), fg = pick(fg, colours.black), bg = pick(bg, colours.white) }
    for r, rows in ipairs(shapes) do
        local cells = {}
        for y, row in ipairs(rows) do
            for x = 1, #row do
                if row:sub(x, x) == "#" then cells[#cells + 1] = { x, y } end
            end
        end
        p[r] = cells
    end
    return p
end

local pieces = {
    piece("[]", colours.pink, colours.red, {
        { ".#", ".#", ".#", ".#" }, { "", "####" } }),
    piece("[]", colours.lightBlue, colours.blue, {
        { "##", "##" } }),
    piece("{}", colours.blue, colours.cyan, {
        { "#", "##", ".#" }, { "", ".##", "##" } }),
    piece("{}", colours.green, colours.lime, {
        { ".#", "##", "#" }, { "", "##", ".##" } }),
    piece("()", colours.orange, colours.yellow, {
        { "##", ".#", ".#" }, { "", "###", "#" }, { ".#", ".#", ".##" }, { "..#", "###" } }),
    piece("()", colours.brown, colours.orange, {
        { ".#", ".#", "##" }, { "", "###", "..#" }, { ".##", ".#", ".#" }, { "#", "###" } }),
    piece("<>", colours.cyan, colours.purple, {
        { ".#", "##", ".#" }, { "", "###", ".#" }, { ".#", ".##", ".#" }, { ".#", "###" } }),
}

local function randomPiece() return pieces[math.random(#pieces)] end

local level = 1

-- A box with a message in the middle of the pit.
local function message(text)
    local x = math.floor((17 - #text) / 2)
    term.setBackgroundColour(pick(colours.lightGrey, colours.white))
    term.setTextColour(colours.black)
    local edge = "+" .. string.rep("-", #text + 2) .. "+"
    term.setCursorPos(x, 9)
    term.write(edge)
    term.setCursorPos(x, 10)
    term.write("|")
    term.setCursorPos(x + #text + 3, 10)
    term.write("|")
    term.setCursorPos(x, 11)
    term.write(edge)
    term.setTextColour(colours.white)
    term.setBackgroundColour(colours.black)
    term.setCursorPos(x + 1, 10)
    term.write(" " .. text .. " ")
end

local function pad(n) local s = tostring(n) return string.rep(" ", 5 - #s) .. s end

local function play()
    local score, lines, startLevel = 0, 0, level
    local pit = {}
    for y = 1, PIT_H do
        pit[y] = {}
        for x = 1, PIT_W do pit[y][x] = false end
    end
    -- On a 19-line screen the pit's top row is off the screen.
    local _, h = term.getSize()
    local hidden = h <= 19 and 1 or 0

    local function cellAt(x, y, p)
        if y - hidden < 1 then return end
        term.setCursorPos(x * 2 - 1, y - hidden)
        if p then
            term.setTextColour(p.fg)
            term.setBackgroundColour(p.bg)
            term.write(p.text)
        else
            term.setBackgroundColour(colours.black)
            term.write("  ")
        end
    end

    local function drawPit()
        for y = 1, PIT_H do
            for x = 1, PIT_W do cellAt(x, y, pit[y][x]) end
        end
    end

    local function drawPiece(p, px, py, rot, erase)
        for _, c in ipairs(p[rot]) do cellAt(px + c[1] - 1, py + c[2] - 1, not erase and p or nil) end
    end

    local function fits(p, px, py, rot)
        for _, c in ipairs(p[rot]) do
            local x, y = px + c[1] - 1, py + c[2] - 1
            if x < 1 or x > PIT_W or y > PIT_H or (y >= 1 and pit[y][x]) then return false end
        end
        return true
    end

    -- The side panel: labels on grey, numbers below them, the next piece.
    local function drawPanel()
        term.setBackgroundColour(colours.black)
        term.clear()
        term.setBackgroundColour(pick(colours.lightGrey, colours.white))
        term.setTextColour(colours.black)
        for y = 1, 20 do
            term.setCursorPos(21, y)
            local full = y == 1 or y == 4 or y == 7 or y == 10 or y == 11 or y == 13 or y >= 19
            term.write(full and "      " or " ")
            if y == 12 then
                term.setCursorPos(26, y)
                term.write(" ")
            end
        end
        local labels = { [2] = "Score", [5] = "Level", [8] = "Lines", [12] = "Next" }
        for y, text in pairs(labels) do
            term.setCursorPos(22, y)
            term.write(text)
        end
    end

    local function drawNumbers()
        term.setTextColour(colours.white)
        term.setBackgroundColour(colours.black)
        term.setCursorPos(22, 3)
        term.write(pad(score))
        term.setCursorPos(22, 6)
        term.write(pad(level))
        term.setCursorPos(22, 9)
        term.write(pad(lines))
    end

    local function drawNext(p, erase)
        for _, c in ipairs(p[1]) do
            term.setCursorPos(20 + c[1] * 2, 14 + c[2])
            if erase then
                term.setBackgroundColour(colours.black)
                term.write("  ")
            else
                term.setTextColour(p.fg)
                term.setBackgroundColour(p.bg)
                term.write(p.text)
            end
        end
    end

    -- Full rows flash, then vanish and everything above falls into place.
    local function clearRows()
        local full = {}
        for y = 1, PIT_H do
            local count = 0
            for x = 1, PIT_W do if pit[y][x] then count = count + 1 end end
            if count == PIT_W then full[#full + 1] = y end
        end
        if #full > 0 then
            for _ = 1, 4 do
                for _, inverted in ipairs({ true, false }) do
                    sleep(0.1)
                    for _, y in ipairs(full) do
                        if y - hidden >= 1 then
                            term.setCursorPos(1, y - hidden)
                            for x = 1, PIT_W do
                                local p = pit[y][x]
                                term.setTextColour(inverted and p.bg or p.fg)
                                term.setBackgroundColour(inverted and p.fg or p.bg)
                                term.write(p.text)
                            end
                        end
                    end
                end
            end
            term.setBackgroundColour(colours.black)
            for _, y in ipairs(full) do
                if y - hidden >= 1 then
                    term.setCursorPos(1, y - hidden)
                    term.write(string.rep(" ", PIT_W * 2))
                end
            end
            sleep(0.25)
            for _, y in ipairs(full) do
                table.remove(pit, y)
                local row = {}
                for x = 1, PIT_W do row[x] = false end
                table.insert(pit, 1, row)
            end
            drawPit()
            lines = lines + #full
            score = score + points[#full] * math.min(level, 20)
            level = math.floor(lines / 10) + startLevel
            drawNumbers()
        end
        sleep(0.25)
    end

    drawPanel()
    drawNumbers()

    local current, nextPiece = randomPiece(), randomPiece()
    local px, py, rot = 4, 1, 1
    local over = false
    local function speed() return speeds[math.min(level, #speeds)] end
    local timer = os.startTimer(speed())
    drawNext(nextPiece)
    drawPiece(current, px, py, rot)

    -- Move the piece down one row, or settle it and bring the next one in;
    -- true when it settled.
    local function fall()
        if fits(current, px, py + 1, rot) then
            drawPiece(current, px, py, rot, true)
            py = py + 1
            drawPiece(current, px, py, rot)
            return false
        end
        for _, c in ipairs(current[rot]) do
            local y = py + c[2] - 1
            if y >= 1 then pit[y][px + c[1] - 1] = current end
        end
        clearRows()
        current, px, py, rot = nextPiece, 4, 1, 1
        if not fits(current, px, py, rot) then over = true end
        drawPiece(current, px, py, rot)
        drawNext(nextPiece, true)
        nextPiece = randomPiece()
        drawNext(nextPiece)
        return true
    end

    local function try(nx, nrot)
        if fits(current, nx, py, nrot) then
            drawPiece(current, px, py, rot, true)
            px, rot = nx, nrot
            drawPiece(current, px, py, rot)
        end
    end

    while not over do
        local event, key = os.pullEvent()
        if event == "timer" and key == timer then
            fall()
            timer = os.startTimer(speed())
        elseif event == "key" then
            if key == keys.left or key == keys.a then
                try(px - 1, rot)
            elseif key == keys.right or key == keys.d then
                try(px + 1, rot)
            elseif key == keys.up or key == keys.w then
                try(px, rot % #current + 1)
            elseif key == keys.down or key == keys.s then
                repeat until fall()
                timer = os.startTimer(speed())
            elseif key == keys.space then
                for y = 1, PIT_H - hidden do
                    term.setCursorPos(1, y)
                    term.setBackgroundColour(colours.black)
                    term.write(string.rep(" ", PIT_W * 2))
                end
                message("Paused")
                repeat local _, k = os.pullEvent("key") until k == keys.space
                drawPit()
                drawPiece(current, px, py, rot)
                timer = os.startTimer(speed())
            end
        elseif event == "term_resize" then
            local _, nh = term.getSize()
            hidden = nh <= 19 and 1 or 0
            drawPit()
            drawPiece(current, px, py, rot)
        end
    end

    message("Game Over!")
    while true do
        local _, k = os.pullEvent("key")
        if k == keys.space or k == keys.enter or k == keys.numPadEnter then break end
    end
    level = math.min(level, 9)
end

-- The menu: 1 is "Play from level", 2 is "Quit".
local selected = 1

local function drawMenu()
    term.setBackgroundColour(colours.black)
    term.setTextColour(pick(colours.red, colours.white))
    term.clear()
    local cx, cy = math.floor(width / 2), math.floor(height / 2)
    term.setCursorPos(cx - 6, cy - 2)
    term.write("F A L L I N G")
    local function entry(n, x, y, text)
        if selected == n then
            term.setTextColour(pick(colours.blue, colours.black))
            term.setBackgroundColour(pick(colours.lightGrey, colours.white))
        else
            term.setTextColour(pick(colours.lightBlue, colours.white))
            term.setBackgroundColour(colours.black)
        end
        term.setCursorPos(x, y)
        term.write(text)
    end
    entry(1, cx - 10, cy + 1, " Play from level: <" .. level .. "> ")
    entry(2, cx - 3, cy + 3, " Quit ")
end

local function menu()
    drawMenu()
    while true do
        local _, key = os.pullEvent("key")
        if (key == keys.right or key == keys.d) and selected == 1 then
            level = math.min(level + 1, 9)
        elseif (key == keys.left or key == keys.a) and selected == 1 then
            level = math.max(level - 1, 1)
        elseif key >= keys.one and key <= keys.nine and selected == 1 then
            level = key - keys.one + 1
        elseif key == keys.up or key == keys.w or key == keys.down or key == keys.s then
            selected = 3 - selected
        elseif key == keys.enter or key == keys.numPadEnter or key == keys.space then
            return
        end
        drawMenu()
    end
end

while true do
    menu()
    if selected == 2 then break end
    play()
end

term.setTextColour(colours.white)
term.setBackgroundColour(colours.black)
term.clear()
term.setCursorPos(1, 1)
