--- cc.image.nft: read and draw nft ("Nitrogen Fingers Text") images.
-- An nft file is text, one image row per line; "\30" followed by a colour
-- character sets the background and "\31" followed by one sets the text
-- colour for what follows on that line. Each line starts white on black
-- ("0" on "f"). An image is a list of rows { text, foreground, background },
-- three strings of equal length, ready for term.blit.

-- dofile, not require: the module also loads where no require exists.
local expect = dofile("rom/modules/main/cc/expect.lua").expect

local BACKGROUND, FOREGROUND = "\30", "\31"

-- The row table for `line`, created (empty) when first needed.
local function row(image, line)
    local r = image[line]
    if not r then
        r = { text = "", foreground = "", background = "" }
        image[line] = r
    end
    return r
end

--- Parse the contents of an nft file into an image.
local function parse(image)
    expect(1, image, "string")

    local result = {}
    local line, fg, bg = 1, "0", "f"
    local pos, len = 1, #image
    while pos <= len do
        local c = image:sub(pos, pos)
        if (c == BACKGROUND or c == FOREGROUND) then
            -- An escape as the very last character has no colour: drop it.
            if pos < len then
                local colour = image:sub(pos + 1, pos + 1)
                if c == BACKGROUND then bg = colour else fg = colour end
            end
            pos = pos + 2
        elseif c == "\n" then
            -- A line with no text (blank, or only escapes) is an empty row.
            row(result, line)
            line, fg, bg = line + 1, "0", "f"
            pos = pos + 1
        else
            -- A run of plain text up to the next escape or line end.
            local stop = (image:find("[\n\30\31]", pos) or len + 1) - 1
            local r = row(result, line)
            local n = stop - pos + 1
            r.text = r.text .. image:sub(pos, stop)
            r.foreground = r.foreground .. fg:rep(n)
            r.background = r.background .. bg:rep(n)
            pos = stop + 1
        end
    end
    return result
end

--- Read and parse an nft file. Returns nil and the error message when the
-- file cannot be opened.
local function load(path)
    expect(1, path, "string")
    local file, err = io.open(path, "r")
    if not file then return nil, err end
    local contents = file:read("*a")
    file:close()
    return parse(contents)
end

--- Draw an image with its top left corner at (x, y), on `target` (a term
-- redirect) or the current terminal.
local function draw(image, x, y, target)
    expect(1, image, "table")
    expect(2, x, "number")
    expect(3, y, "number")
    expect(4, target, "table", "nil")
    target = target or term
    for i, r in ipairs(image) do
        target.setCursorPos(x, y + i - 1)
        target.blit(r.text, r.foreground, r.background)
    end
end

return { parse = parse, load = load, draw = draw }
