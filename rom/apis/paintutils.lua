--- paintutils: pixels, lines, boxes and images drawn with the background
-- colour of the current terminal. Images are tables of rows of colours
-- (0 for transparent), as the paint program's files ("0-9a-f" per pixel)
-- parse to.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

local function pixel(x, y)
    term.setCursorPos(x, y)
    term.write(" ")
end

-- Blit digit byte -> colour.
local blitColour = {}
for i = 1, 16 do blitColour[("0123456789abcdef"):byte(i)] = 2 ^ (i - 1) end

-- The four corner coordinates, whole. (Callers check the arguments
-- themselves, so errors name them.)
local function corners(x1, y1, x2, y2)
    return math.floor(x1), math.floor(y1), math.floor(x2), math.floor(y2)
end

--- An image from its text: one line per row, one blit digit per pixel
-- (anything else is transparent).
function parseImage(image)
    expect(1, image, "string")
    local rows = {}
    for line in (image .. "\n"):gmatch("(.-)\n") do
        local row = {}
        for x = 1, #line do row[x] = blitColour[line:byte(x)] or 0 end
        rows[#rows + 1] = row
    end
    return rows
end

--- An image from a file, or nil when the file does not exist.
function loadImage(path)
    expect(1, path, "string")
    if not fs.exists(path) then return nil end
    local file = assert(fs.open(path, "r"))
    local text = file.readAll()
    file.close()
    return parseImage(text)
end

--- Draw one pixel (in `colour`, else the current background colour).
function drawPixel(x, y, colour)
    expect(1, x, "number")
    expect(2, y, "number")
    expect(3, colour, "number", "nil")
    if colour then term.setBackgroundColor(colour) end
    return pixel(x, y)
end

--- Draw a straight line between two points.
function drawLine(x1, y1, x2, y2, colour)
    expect(1, x1, "number")
    expect(2, y1, "number")
    expect(3, x2, "number")
    expect(4, y2, "number")
    expect(5, colour, "number", "nil")
    x1, y1, x2, y2 = corners(x1, y1, x2, y2)
    if colour then term.setBackgroundColor(colour) end
    if x1 == x2 and y1 == y2 then return pixel(x1, y1) end

    -- Walk from the leftmost end. (No "a, b = b, a": gopher-lua
    -- mis-compiles swaps.)
    local ax, ay, bx, by = x1, y1, x2, y2
    if x2 < x1 then ax, ay, bx, by = x2, y2, x1, y1 end
    x1, y1, x2, y2 = ax, ay, bx, by
    local dx, dy = x2 - x1, y2 - y1
    if dx > math.abs(dy) then
        local y, step = y1, dy / dx
        for x = x1, x2 do
            pixel(x, math.floor(y + 0.5))
            y = y + step
        end
    else
        local x, step = x1, dx / dy
        local dir = dy >= 0 and 1 or -1
        for y = y1, y2, dir do
            pixel(math.floor(x + 0.5), y)
            x = x + step * dir
        end
    end
end

-- Fill rows minY..maxY between minX and maxX (only the edges unless full).
local function box(x1, y1, x2, y2, colour, full)
    if colour then
        term.setBackgroundColor(colour)
    else
        colour = term.getBackgroundColour()
    end
    if x1 == x2 and y1 == y2 then return pixel(x1, y1) end
    local minX, maxX = math.min(x1, x2), math.max(x1, x2)
    local minY, maxY = math.min(y1, y2), math.max(y1, y2)
    local hex = colours.toBlit(colour)
    local width = maxX - minX + 1
    local row = (" "):rep(width)
    local rowColour = hex:rep(width)
    for y = minY, maxY do
        term.setCursorPos(minX, y)
        if full or y == minY or y == maxY then
            term.blit(row, rowColour, rowColour)
        else
            term.blit(" ", hex, hex)
            term.setCursorPos(maxX, y)
            term.blit(" ", hex, hex)
        end
    end
end

--- Draw the outline of a box.
function drawBox(x1, y1, x2, y2, colour)
    expect(1, x1, "number")
    expect(2, y1, "number")
    expect(3, x2, "number")
    expect(4, y2, "number")
    expect(5, colour, "number", "nil")
    x1, y1, x2, y2 = corners(x1, y1, x2, y2)
    return box(x1, y1, x2, y2, colour, false)
end

--- Draw a filled box.
function drawFilledBox(x1, y1, x2, y2, colour)
    expect(1, x1, "number")
    expect(2, y1, "number")
    expect(3, x2, "number")
    expect(4, y2, "number")
    expect(5, colour, "number", "nil")
    x1, y1, x2, y2 = corners(x1, y1, x2, y2)
    return box(x1, y1, x2, y2, colour, true)
end

--- Draw an image with its top left corner at (x, y).
function drawImage(image, x, y)
    expect(1, image, "table")
    expect(2, x, "number")
    expect(3, y, "number")
    for row = 1, #image do
        local line = image[row]
        for col = 1, #line do
            if line[col] > 0 then
                term.setBackgroundColor(line[col])
                pixel(col + x - 1, row + y - 1)
            end
        end
    end
end
