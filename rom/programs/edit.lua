-- edit: a text editor. Type to insert; arrows, Home, End, Page Up/Down
-- move; Ctrl opens the menu (Save, Run, Exit: arrows and Enter, or the
-- item's first letter; Ctrl again closes it).

local args = { ... }
if #args == 0 then
    print("Usage: " .. (arg[0] or fs.getName(shell.getRunningProgram())) .. " <path>")
    return
end

local path = shell.resolve(args[1])
if fs.exists(path) and fs.isDir(path) then
    print("Cannot edit a directory.")
    return
end
if not fs.exists(path) and not string.find(fs.getName(path), "%.") then
    local extension = settings.get("edit.default_extension", "lua")
    if type(extension) == "string" and extension ~= "" then path = path .. "." .. extension end
end
local readOnly = fs.isReadOnly(path)

local width, height = term.getSize()
local colour = term.isColour()
local textColour = colours.white
local bgColour = colours.black
local highlightColour = colour and colours.yellow or colours.white
local keywordColour = colour and colours.yellow or colours.white
local commentColour = colour and colours.green or colours.lightGrey
local stringColour = colour and colours.red or colours.white

local lines = {}
local x, y = 1, 1 -- cursor: column (1 = before the first character) and line
local scrollX, scrollY = 0, 0
local running = true
local modified = false

local menuItems = { "Save", "Run", "Exit" }
local menuOpen = false
local menuSelected = 1
local status = readOnly and "File is read only" or "Press Ctrl to access menu"

local function load_file()
    lines = {}
    if fs.exists(path) then
        local handle = fs.open(path, "r")
        if handle then
            local line = handle.readLine()
            while line do
                lines[#lines + 1] = line
                line = handle.readLine()
            end
            handle.close()
        end
    end
    if #lines == 0 then lines[1] = "" end
end

local function save_file(target)
    local ok, err = pcall(function()
        local handle, openErr = fs.open(target, "w")
        if not handle then error(openErr or "Cannot open file", 0) end
        for _, line in ipairs(lines) do handle.write(line .. "\n") end
        handle.close()
    end)
    return ok, err
end

-- Lua syntax colours, for .lua files.
local isLua = string.sub(path, -4) == ".lua"
local keywords = {}
for word in string.gmatch("and break do else elseif end false for function goto if in local nil not or repeat return then true until while", "%S+") do
    keywords[word] = true
end

local function write_highlighted(line)
    if not isLua or not colour then
        term.setTextColour(textColour)
        term.write(line)
        return
    end
    local pos = 1
    while pos <= #line do
        local s, e = string.find(line, "^%-%-.*", pos)
        local c = commentColour
        if not s then
            s, e = string.find(line, "^\"[^\"]*\"?", pos)
            if not s then s, e = string.find(line, "^'[^']*'?", pos) end
            c = stringColour
        end
        if not s then
            s, e = string.find(line, "^[%a_][%w_]*", pos)
            c = s and keywords[string.sub(line, s, e)] and keywordColour or textColour
        end
        if not s then s, e, c = pos, pos, textColour end
        term.setTextColour(c)
        term.write(string.sub(line, s, e))
        pos = e + 1
    end
end

local function draw_line(screenY)
    local line = lines[screenY + scrollY]
    term.setCursorPos(1 - scrollX, screenY)
    term.clearLine()
    if line then write_highlighted(line) end
end

local function draw_status()
    term.setCursorPos(1, height)
    term.clearLine()
    if menuOpen then
        for i, item in ipairs(menuItems) do
            if i == menuSelected then
                term.setTextColour(highlightColour)
                term.write("[")
                term.setTextColour(textColour)
                term.write(item)
                term.setTextColour(highlightColour)
                term.write("]")
            else
                term.setTextColour(textColour)
                term.write(" " .. item .. " ")
            end
        end
    else
        term.setTextColour(highlightColour)
        term.write(status)
        local where = "Ln " .. y
        term.setCursorPos(width - #where + 1, height)
        term.write(where)
    end
    term.setTextColour(textColour)
end

local function place_cursor()
    if menuOpen then
        term.setCursorBlink(false)
    else
        term.setCursorPos(x - scrollX, y - scrollY)
        term.setCursorBlink(true)
    end
end

local function redraw()
    term.setBackgroundColour(bgColour)
    for screenY = 1, height - 1 do draw_line(screenY) end
    draw_status()
    place_cursor()
end

-- Keep the cursor on the screen; returns whether the view moved.
local function scroll_to_cursor()
    local oldX, oldY = scrollX, scrollY
    if x - scrollX > width then
        scrollX = x - width
    elseif x - scrollX < 1 then
        scrollX = x - 1
    end
    if y - scrollY > height - 1 then
        scrollY = y - (height - 1)
    elseif y - scrollY < 1 then
        scrollY = y - 1
    end
    return oldX ~= scrollX or oldY ~= scrollY
end

local function move_to(newX, newY)
    y = math.max(1, math.min(newY, #lines))
    x = math.max(1, math.min(newX, #lines[y] + 1))
    scroll_to_cursor()
    redraw()
end

local function insert(text)
    local line = lines[y]
    lines[y] = string.sub(line, 1, x - 1) .. text .. string.sub(line, x)
    modified = true
    move_to(x + #text, y)
end

local function new_line()
    local line = lines[y]
    local indent = string.match(line, "^[ \t]*")
    if #indent > x - 1 then indent = string.sub(indent, 1, x - 1) end
    lines[y] = string.sub(line, 1, x - 1)
    table.insert(lines, y + 1, indent .. string.sub(line, x))
    modified = true
    move_to(#indent + 1, y + 1)
end

local function backspace()
    if x > 1 then
        local line = lines[y]
        lines[y] = string.sub(line, 1, x - 2) .. string.sub(line, x)
        modified = true
        move_to(x - 1, y)
    elseif y > 1 then
        local previous = lines[y - 1]
        lines[y - 1] = previous .. lines[y]
        table.remove(lines, y)
        modified = true
        move_to(#previous + 1, y - 1)
    end
end

local function delete()
    local line = lines[y]
    if x <= #line then
        lines[y] = string.sub(line, 1, x - 1) .. string.sub(line, x + 1)
        modified = true
        redraw()
    elseif y < #lines then
        lines[y] = line .. lines[y + 1]
        table.remove(lines, y + 1)
        modified = true
        redraw()
    end
end

local function set_status(text)
    status = text
    redraw()
end

local actions = {}

function actions.Save()
    if readOnly then
        set_status("Access denied")
        return
    end
    local ok, err = save_file(path)
    if ok then
        modified = false
        set_status("Saved to " .. path)
    else
        set_status(err and ("Error saving: " .. tostring(err)) or ("Error saving to " .. path))
    end
end

function actions.Run()
    local source = table.concat(lines, "\n")
    local env = setmetatable({ shell = shell, multishell = multishell }, { __index = _G })
    if package then env.require, env.package = require, package end
    local fn, err = load(source, "@/" .. path, "t", env)
    term.setCursorBlink(false)
    term.setBackgroundColour(bgColour)
    term.setTextColour(textColour)
    term.clear()
    term.setCursorPos(1, 1)
    if fn then
        local ok, runErr = pcall(fn)
        if not ok and runErr ~= nil and runErr ~= "" then printError(runErr) end
    else
        printError(err)
    end
    if colour then term.setTextColour(colours.yellow) end
    print("Press any key to continue")
    term.setTextColour(textColour)
    os.pullEvent("key")
    set_status("Press Ctrl to access menu")
end

function actions.Exit()
    running = false
end

local function choose(item)
    menuOpen = false
    actions[item]()
    if running then redraw() end
end

local shortcuts = { [keys.s] = "Save", [keys.r] = "Run", [keys.e] = "Exit" }
local letters = { Save = "s", Run = "r", Exit = "e" }
-- A shortcut chosen by its key event; the char event that may follow the
-- same key press must not end up in the text.
local swallowChar
local modifiers = {}
for _, name in ipairs({ "leftShift", "rightShift", "leftAlt", "rightAlt", "leftSuper", "rightSuper" }) do
    if keys[name] then modifiers[keys[name]] = true end
end

local function handle_menu_key(key)
    if key == keys.left then
        menuSelected = menuSelected > 1 and menuSelected - 1 or #menuItems
        redraw()
    elseif key == keys.right then
        menuSelected = menuSelected < #menuItems and menuSelected + 1 or 1
        redraw()
    elseif key == keys.enter or key == keys.numPadEnter then
        choose(menuItems[menuSelected])
    elseif key == keys.leftCtrl or key == keys.rightCtrl then
        menuOpen = false
        redraw()
    elseif shortcuts[key] then
        swallowChar = letters[shortcuts[key]]
        choose(shortcuts[key])
    elseif not modifiers[key] then
        -- any other key (Ctrl+A, say) just closes the menu
        menuOpen = false
        redraw()
    end
end

local function handle_key(key)
    if key == keys.leftCtrl or key == keys.rightCtrl then
        menuOpen = true
        menuSelected = 1
        redraw()
    elseif key == keys.up then
        move_to(x, y - 1)
    elseif key == keys.down then
        move_to(x, y + 1)
    elseif key == keys.left then
        if x > 1 then move_to(x - 1, y) elseif y > 1 then move_to(#lines[y - 1] + 1, y - 1) end
    elseif key == keys.right then
        if x <= #lines[y] then move_to(x + 1, y) elseif y < #lines then move_to(1, y + 1) end
    elseif key == keys.home then
        move_to(1, y)
    elseif key == keys["end"] then
        move_to(#lines[y] + 1, y)
    elseif key == keys.pageUp then
        move_to(x, y - (height - 1))
    elseif key == keys.pageDown then
        move_to(x, y + (height - 1))
    elseif key == keys.enter or key == keys.numPadEnter then
        if not readOnly then new_line() end
    elseif key == keys.backspace then
        if not readOnly then backspace() end
    elseif key == keys.delete then
        if not readOnly then delete() end
    elseif key == keys.tab then
        if not readOnly then insert("    ") end
    end
end

load_file()
term.setBackgroundColour(bgColour)
term.clear()
redraw()

while running do
    local event, p1, p2, p3 = os.pullEvent()
    local swallow = swallowChar
    swallowChar = nil
    if event == "char" and swallow and string.lower(p1) == swallow then
        -- the rest of a menu shortcut
    elseif event == "key" then
        if menuOpen then handle_menu_key(p1) else handle_key(p1) end
    elseif event == "char" then
        if menuOpen then
            local item = ({ s = "Save", r = "Run", e = "Exit" })[string.lower(p1)]
            if item then
                choose(item)
            else
                menuOpen = false
                redraw()
            end
        elseif not readOnly then
            insert(p1)
        end
    elseif event == "paste" then
        if not menuOpen and not readOnly then insert((string.gsub(p1, "[\r\n].*", ""))) end
    elseif event == "mouse_click" and p1 == 1 then
        if not menuOpen and p3 < height then move_to(p2 + scrollX, p3 + scrollY) end
    elseif event == "mouse_scroll" then
        scrollY = math.max(0, math.min(scrollY + p1, #lines - 1))
        redraw()
    elseif event == "term_resize" then
        width, height = term.getSize()
        scroll_to_cursor()
        redraw()
    end
end

term.setCursorBlink(false)
term.setBackgroundColour(bgColour)
term.setTextColour(textColour)
term.clear()
term.setCursorPos(1, 1)
