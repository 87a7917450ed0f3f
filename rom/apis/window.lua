--- window: terminal redirects that occupy a rectangle of a parent terminal.
-- A window keeps its own copy of everything drawn into it (text, text
-- colours and background colours per line, as blit strings), so it can be
-- hidden, shown, redrawn, moved and resized. While visible, each change is
-- drawn through the parent at once.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

-- colour number -> blit digit, for the 16 colours.
local digit = {}
for i = 0, 15 do digit[2 ^ i] = string.format("%x", i) end

local rep, sub = string.rep, string.sub

-- A colour argument: any number from 1 to 0xffff, its highest bit naming
-- the colour (as the native terminal reads it).
local function toColour(c)
    if digit[c] then return c end
    if type(c) ~= "number" then
        error(("bad argument #1 (number expected, got %s)"):format(type(c)), 3)
    end
    if c <= 0 or c > 0xffff then error("Colour out of range", 3) end
    local p = 1
    while p * 2 <= c do p = p * 2 end
    return p
end

--- Make a window at (x, y) of parent, w wide and h high; visible unless
-- `visible` is false.
function create(parent, x, y, w, h, visible)
    expect(1, parent, "table")
    expect(2, x, "number")
    expect(3, y, "number")
    expect(4, w, "number")
    expect(5, h, "number")
    expect(6, visible, "boolean", "nil")
    if parent == term then
        error("term is not a recommended window parent, try term.current() instead", 2)
    end

    local shown = visible ~= false
    local cursorX, cursorY, blink = 1, 1, false
    local fg, bg = colours.white, colours.black
    local text, fgs, bgs = {}, {}, {} -- one string per line
    local palette = {}

    local function blankLine(n)
        text[n] = rep(" ", w)
        fgs[n] = rep(digit[fg], w)
        bgs[n] = rep(digit[bg], w)
    end
    for n = 1, h do blankLine(n) end
    for i = 0, 15 do palette[2 ^ i] = { parent.getPaletteColour(2 ^ i) } end

    -- Drawing through the parent.
    local function drawLine(n)
        parent.setCursorPos(x, y + n - 1)
        parent.blit(text[n], fgs[n], bgs[n])
    end
    local function placeCursor()
        if cursorX >= 1 and cursorX <= w and cursorY >= 1 and cursorY <= h then
            parent.setCursorPos(x + cursorX - 1, y + cursorY - 1)
        else
            parent.setCursorPos(0, 0) -- off the parent's screen: hidden
        end
    end
    local function showCursor()
        parent.setCursorBlink(blink)
        parent.setTextColour(fg)
        placeCursor()
    end
    local function drawAll()
        for n = 1, h do drawLine(n) end
        for c, rgb in pairs(palette) do parent.setPaletteColour(c, rgb[1], rgb[2], rgb[3]) end
        showCursor()
    end

    -- Put a blit run at the cursor, clipped to the window; the cursor moves
    -- past it either way.
    local function put(s, sf, sb)
        local len = #s
        local first, last = cursorX, cursorX + len - 1
        if cursorY >= 1 and cursorY <= h and last >= 1 and first <= w then
            local from, to = math.max(1, 2 - first), math.min(len, w - first + 1)
            local keepLeft, keepRight = math.max(first, 1) - 1, math.min(last, w) + 1
            local n = cursorY
            text[n] = sub(text[n], 1, keepLeft) .. sub(s, from, to) .. sub(text[n], keepRight)
            fgs[n] = sub(fgs[n], 1, keepLeft) .. sub(sf, from, to) .. sub(fgs[n], keepRight)
            bgs[n] = sub(bgs[n], 1, keepLeft) .. sub(sb, from, to) .. sub(bgs[n], keepRight)
            if shown then drawLine(n) end
        end
        cursorX = cursorX + len
        if shown then
            parent.setTextColour(fg)
            placeCursor()
        end
    end

    local win = {}

    function win.write(s)
        s = tostring(s)
        put(s, rep(digit[fg], #s), rep(digit[bg], #s))
    end

    function win.blit(s, sf, sb)
        expect(1, s, "string")
        expect(2, sf, "string")
        expect(3, sb, "string")
        if #sf ~= #s or #sb ~= #s then error("Arguments must be the same length", 2) end
        put(s, string.lower(sf), string.lower(sb))
    end

    function win.clear()
        for n = 1, h do blankLine(n) end
        if shown then
            for n = 1, h do drawLine(n) end
            parent.setTextColour(fg)
            placeCursor()
        end
    end

    function win.clearLine()
        if cursorY < 1 or cursorY > h then return end
        blankLine(cursorY)
        if shown then
            drawLine(cursorY)
            parent.setTextColour(fg)
            placeCursor()
        end
    end

    function win.getCursorPos() return cursorX, cursorY end

    function win.setCursorPos(cx, cy)
        expect(1, cx, "number")
        expect(2, cy, "number")
        cursorX, cursorY = math.floor(cx), math.floor(cy)
        if shown then placeCursor() end
    end

    function win.getCursorBlink() return blink end

    function win.setCursorBlink(on)
        expect(1, on, "boolean")
        blink = on
        if shown then parent.setCursorBlink(blink) end
    end

    function win.isColour() return parent.isColour() end
    win.isColor = win.isColour

    function win.getTextColour() return fg end
    win.getTextColor = win.getTextColour

    function win.setTextColour(c)
        fg = toColour(c)
        if shown then parent.setTextColour(fg) end
    end
    win.setTextColor = win.setTextColour

    function win.getBackgroundColour() return bg end
    win.getBackgroundColor = win.getBackgroundColour

    function win.setBackgroundColour(c)
        bg = toColour(c)
    end
    win.setBackgroundColor = win.setBackgroundColour

    function win.getPaletteColour(c)
        local rgb = palette[toColour(c)]
        return rgb[1], rgb[2], rgb[3]
    end
    win.getPaletteColor = win.getPaletteColour

    -- setPaletteColour(colour, 0xRRGGBB) or (colour, r, g, b).
    function win.setPaletteColour(c, r, g, b)
        c = toColour(c)
        if type(r) == "number" and g == nil and b == nil then
            palette[c] = { colours.unpackRGB(r) }
        else
            expect(2, r, "number")
            expect(3, g, "number")
            expect(4, b, "number")
            palette[c] = { r, g, b }
        end
        if shown then
            local rgb = palette[c]
            return parent.setPaletteColour(c, rgb[1], rgb[2], rgb[3])
        end
    end
    win.setPaletteColor = win.setPaletteColour

    function win.getSize() return w, h end

    function win.scroll(n)
        expect(1, n, "number")
        if n == 0 then return end
        local t, f, b = {}, {}, {}
        for row = 1, h do
            local from = row + n
            if from >= 1 and from <= h then
                t[row], f[row], b[row] = text[from], fgs[from], bgs[from]
            end
        end
        text, fgs, bgs = t, f, b
        for row = 1, h do
            if not text[row] then blankLine(row) end
        end
        if shown then
            for row = 1, h do drawLine(row) end
            parent.setTextColour(fg)
            placeCursor()
        end
    end

    --- The text, text colours and background colours of line n.
    function win.getLine(n)
        expect(1, n, "number")
        if n < 1 or n > h then error("Line is out of range.", 2) end
        return text[n], fgs[n], bgs[n]
    end

    function win.setVisible(on)
        expect(1, on, "boolean")
        if on == shown then return end
        shown = on
        if shown then drawAll() end
    end

    function win.isVisible() return shown end

    function win.redraw()
        if shown then drawAll() end
    end

    function win.restoreCursor()
        if shown then showCursor() end
    end

    function win.getPosition() return x, y end

    --- Move the window, and optionally resize it and give it a new parent.
    function win.reposition(nx, ny, nw, nh, newParent)
        expect(1, nx, "number")
        expect(2, ny, "number")
        if nw ~= nil or nh ~= nil then
            expect(3, nw, "number")
            expect(4, nh, "number")
        end
        expect(5, newParent, "table", "nil")
        x, y = nx, ny
        if newParent then parent = newParent end
        if nw and nh then
            local t, f, b = text, fgs, bgs
            local oldW, oldH = w, h
            w, h = nw, nh
            text, fgs, bgs = {}, {}, {}
            for n = 1, h do
                blankLine(n)
                if n <= oldH then
                    if w <= oldW then
                        text[n], fgs[n], bgs[n] = sub(t[n], 1, w), sub(f[n], 1, w), sub(b[n], 1, w)
                    else
                        text[n] = t[n] .. sub(text[n], oldW + 1)
                        fgs[n] = f[n] .. sub(fgs[n], oldW + 1)
                        bgs[n] = b[n] .. sub(bgs[n], oldW + 1)
                    end
                end
            end
        end
        if shown then drawAll() end
    end

    if shown then drawAll() end
    return win
end
