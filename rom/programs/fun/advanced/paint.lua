-- paint: draw images in the NFP format on an advanced computer.
--   paint <path>
-- The canvas fills the screen but for the palette (the two right-hand
-- columns) and the status line (the bottom row). Left and right mouse
-- buttons paint with their own colour; Ctrl or a click on the status line
-- opens the menu (Save, Exit).
--
-- NFP: one line per row of pixels, one character per pixel: a lowercase hex
-- digit is the colour 2^digit, anything else (a space) is transparent.

if not term.isColour() then
    print("Requires an Advanced Computer")
    return
end

local args = { ... }
if #args == 0 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <path>")
    return
end

local path = shell.resolve(args[1])
local readOnly = fs.isReadOnly(path)
if fs.exists(path) and fs.isDir(path) then
    print("Cannot edit a directory.")
    return
end
-- A new file without an extension gets the default one.
if not fs.exists(path) and not path:find(".", 1, true) then
    local extension = settings.get("paint.default_extension")
    if type(extension) == "string" and extension ~= "" then
        path = path .. "." .. extension
    end
end

local width, height = term.getSize()
local canvasColour = colours.black
local selected = { colours.white, nil } -- per mouse button: left, right
local status = "Press Ctrl or click here to access menu"
local menu = { "Save", "Exit" }

-- canvas[y][x] is a colour, or nil where the pixel is transparent.
local canvas = {}

local HEX = "0123456789abcdef"
local colourOfChar, charOfColour = {}, {}
for i = 1, 16 do
    local c = HEX:sub(i, i)
    colourOfChar[c] = 2 ^ (i - 1)
    charOfColour[2 ^ (i - 1)] = c
end

local function pixel(x, y)
    return canvas[y] and canvas[y][x]
end

local function load()
    if not fs.exists(path) then return end
    local file = fs.open(path, "r")
    if not file then return end
    local line = file.readLine()
    while line do
        local row = {}
        for x = 1, width - 2 do row[x] = colourOfChar[line:sub(x, x)] end
        canvas[#canvas + 1] = row
        line = file.readLine()
    end
    file.close()
end

-- The visible canvas as NFP text: trailing transparent pixels and trailing
-- empty rows are left out.
local function encode()
    local lines, last = {}, 0
    for y = 1, height - 1 do
        local chars = {}
        for x = 1, width - 2 do chars[x] = charOfColour[pixel(x, y)] or " " end
        lines[y] = table.concat(chars):gsub(" +$", "")
        if lines[y] ~= "" then last = y end
    end
    return table.concat(lines, "\n", 1, last) .. (last > 0 and "\n" or "")
end

local function save()
    local dir = fs.getDir(path)
    if dir ~= "" and not fs.exists(dir) then fs.makeDir(dir) end
    local file, err = fs.open(path, "w")
    if not file then return false, err end
    file.write(encode())
    file.close()
    return true
end

local function drawPixel(x, y)
    local colour = pixel(x, y)
    term.setCursorPos(x, y)
    if colour then
        term.setBackgroundColour(colour)
        term.write(" ")
    else
        -- transparent: a grey checker on the canvas colour
        term.setBackgroundColour(canvasColour)
        term.setTextColour(colours.grey)
        term.write("\127")
    end
end

local function drawCanvas()
    local grey, back = charOfColour[colours.grey], charOfColour[canvasColour]
    for y = 1, height - 1 do
        local text, fg, bg = {}, {}, {}
        for x = 1, width - 2 do
            local colour = pixel(x, y)
            text[x] = colour and " " or "\127"
            fg[x] = colour and "0" or grey
            bg[x] = colour and charOfColour[colour] or back
        end
        term.setCursorPos(1, y)
        term.blit(table.concat(text), table.concat(fg), table.concat(bg))
    end
end

local function drawSwatch(colour)
    if colour then
        term.setBackgroundColour(colour)
        term.write(" ")
    else
        term.setBackgroundColour(canvasColour)
        term.setTextColour(colours.grey)
        term.write("\127")
    end
end

local function drawInterface()
    term.setCursorPos(1, height)
    term.setBackgroundColour(colours.black)
    term.setTextColour(colours.yellow)
    term.clearLine()
    term.write(status)

    -- The palette: the 16 colours, then transparent, then the two
    -- selected colours.
    for i = 1, 16 do
        term.setCursorPos(width - 1, i)
        term.setBackgroundColour(2 ^ (i - 1))
        term.write("  ")
    end
    term.setCursorPos(width - 1, 17)
    drawSwatch(nil)
    drawSwatch(nil)
    term.setCursorPos(width - 1, 18)
    drawSwatch(selected[1])
    drawSwatch(selected[2])
    term.setBackgroundColour(canvasColour)
    for y = 20, height - 1 do
        term.setCursorPos(width - 1, y)
        term.write("  ")
    end
end

local function redraw()
    width, height = term.getSize()
    drawCanvas()
    drawInterface()
end

-- Menu actions return true to leave the program.
local actions = {}
function actions.Save()
    if readOnly then
        status = "Access denied"
        return false
    end
    local ok, err = save()
    if ok then
        status = "Saved to " .. path
    else
        status = "Error saving to " .. (err or path)
    end
    return false
end
function actions.Exit()
    -- The letter typed to pick Exit must not reach the shell.
    require("cc.internal.event").discard_char()
    return true
end

local shortcuts = {}
for _, item in ipairs(menu) do shortcuts[keys[item:sub(1, 1):lower()]] = item end

local function drawMenu(selection)
    term.setCursorPos(1, height)
    term.setBackgroundColour(colours.black)
    term.clearLine()
    for i, item in ipairs(menu) do
        if i == selection then
            term.setTextColour(colours.yellow)
            term.write("[")
            term.setTextColour(colours.white)
            term.write(item)
            term.setTextColour(colours.yellow)
            term.write("]")
        else
            term.setTextColour(colours.white)
            term.write(" " .. item .. " ")
        end
    end
end

-- Runs the menu on the status line; true when the user chose to exit.
local function openMenu()
    local selection = 1
    while true do
        drawMenu(selection)
        local event, p1, p2, p3 = os.pullEvent()
        if event == "key" then
            if shortcuts[p1] then
                return actions[shortcuts[p1]]()
            elseif p1 == keys.right then
                selection = selection % #menu + 1
            elseif p1 == keys.left then
                selection = (selection - 2) % #menu + 1
            elseif p1 == keys.enter or p1 == keys.numPadEnter then
                return actions[menu[selection]]()
            elseif p1 == keys.leftCtrl or p1 == keys.rightCtrl then
                return false
            end
        elseif event == "mouse_click" then
            if p3 ~= height then return false end
            -- Each item takes its width plus a column either side.
            local left = 1
            for _, item in ipairs(menu) do
                local right = left + #item + 1
                if p2 > left and p2 < right then return actions[item]() end
                left = right + 1
            end
        elseif event == "term_resize" then
            redraw()
        end
    end
end

local function run()
    while true do
        local event, button, x, y = os.pullEvent()
        if event == "mouse_click" or event == "mouse_drag" then
            if x >= width - 1 and y >= 1 and y <= 17 then
                if event == "mouse_click" then
                    selected[button == 1 and 1 or 2] = y <= 16 and 2 ^ (y - 1) or nil
                    drawInterface()
                end
            elseif x < width - 1 and y <= height - 1 then
                -- Any other button (the middle one) erases.
                canvas[y] = canvas[y] or {}
                canvas[y][x] = (button == 1 or button == 2) and selected[button] or nil
                drawPixel(x, y)
            elseif y == height and event == "mouse_click" then
                if openMenu() then return end
                drawInterface()
            end
        elseif event == "key" and (button == keys.leftCtrl or button == keys.rightCtrl) then
            if openMenu() then return end
            drawInterface()
        elseif event == "term_resize" then
            redraw()
        end
    end
end

load()
redraw()
run()

term.setBackgroundColour(colours.black)
term.setTextColour(colours.white)
term.clear()
term.setCursorPos(1, 1)
