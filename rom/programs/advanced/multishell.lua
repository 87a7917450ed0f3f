-- multishell: several programs at once, one tab each. Written for craftos;
-- behaviour follows CC:Tweaked's multishell program and API.
--
-- Each process runs in its own window of the screen. While more than one
-- runs, the top line is a tab bar (click a tab to show it; "<" and ">"
-- scroll it when the titles do not fit). User input (keys, characters,
-- pastes, clicks below the bar, terminate) goes to the shown process, every
-- other event to all of them. A process that ends closes its tab; one that
-- was never shown first waits for a key, so its output can be read. When the
-- last process ends, so does multishell.
--
-- The `multishell` API lives only in the environment of the programs it
-- runs (as `shell` does), never in _G.
--
-- Plain terminal (craftos with standard output a pipe): the screen is a
-- stream of lines there, so multishell draws nothing of its own. It asks
-- the native terminal (term.native().isPlain(), craftos's own method, which
-- the bios hides from the `term` API) and then gives every process the
-- parent terminal itself instead of a window: print, write and read stay
-- plain lines, there is no tab bar, and nobody waits for a key. Lines of
-- standard input are user input: they go to the focused process, held
-- until it asks for one (read() is waiting), and once input has ended
-- every process that asks is told so (nil), so the last shell ends too.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

local parentTerm = term.current()
local nativeTerm = term.native()
-- The event trace's reporter (craftos --trace-events); nil when it is off.
local trace = debug.getregistry()["craftos.trace"]
local plain = parentTerm == nativeTerm and type(nativeTerm.isPlain) == "function" and nativeTerm.isPlain() == true
local width, height = parentTerm.getSize()

local processes = {} -- { title, path, window, terminal, co, filter, interacted }
local focused       -- index of the process shown, receiving user input
local running       -- index of the process being resumed now
local menuShown = false
local windowsResized = false
local scroll = 1         -- index of the first tab drawn
local scrollRight = false -- whether the bar ends in a ">"

-- Plain terminal: lines of standard input waiting for the focused process.
local pendingLines = {}
local inputEnded = false

-- Tab bar colours: the shown tab, and the others.
local shownText, shownBack = colours.yellow, colours.black
local otherText, otherBack = colours.black, colours.grey
if not parentTerm.isColour() then shownText = colours.white end

local function focus(n)
    if focused == n then return end
    if focused and processes[focused].window then processes[focused].window.setVisible(false) end
    focused = n
    if n then
        local p = processes[n]
        if p.window then p.window.setVisible(true) end
        p.interacted = true
    end
end

local function redrawMenu()
    if not menuShown then return end
    local t = parentTerm
    t.setCursorPos(1, 1)
    t.setBackgroundColour(otherBack)
    t.clearLine()
    local used = 0
    if scroll ~= 1 then
        t.setTextColour(otherText)
        t.setBackgroundColour(otherBack)
        t.write("<")
        used = 1
    end
    for n = scroll, #processes do
        if n == focused then
            t.setTextColour(shownText)
            t.setBackgroundColour(shownBack)
        else
            t.setTextColour(otherText)
            t.setBackgroundColour(otherBack)
        end
        local title = processes[n].title
        t.write(" " .. title .. " ")
        used = used + #title + 2
    end
    local w = t.getSize()
    scrollRight = used > w
    if scrollRight then
        t.setTextColour(otherText)
        t.setBackgroundColour(otherBack)
        t.setCursorPos(w, 1)
        t.write(">")
    end
    -- The cursor belongs to the shown process.
    if focused and processes[focused] then processes[focused].window.restoreCursor() end
end

-- The area processes draw in: below the bar while it is shown.
local function area()
    if menuShown then return 2, height - 1 end
    return 1, height
end

local function resizeWindows()
    local top, h = area()
    for _, p in ipairs(processes) do
        local x, y = p.window.getCursorPos()
        if y > h then
            p.window.scroll(y - h)
            p.window.setCursorPos(x, h)
        end
        p.window.reposition(1, top, width, h)
    end
    windowsResized = true
end

local function setMenuShown(shown)
    if plain or menuShown == shown then return end
    menuShown = shown
    resizeWindows()
    redrawMenu()
end

-- Resume process n with an event, in its own terminal. Like the bios's
-- coroutine scheduling, an event its filter does not want is skipped
-- (terminate always gets through).
local function resume(n, event, ...)
    local p = processes[n]
    -- One that ended waits, unresumed, to be culled.
    if coroutine.status(p.co) == "dead" then return end
    if p.filter ~= nil and p.filter ~= event and event ~= "terminate" then
        if trace and event ~= nil then trace("skipped", p.co, p.filter, p.path) end
        return
    end
    if trace and event ~= nil then trace("received", p.co, nil, p.path) end
    local previous = running
    running = n
    term.redirect(p.terminal)
    local ok, result = coroutine.resume(p.co, event, ...)
    p.terminal = term.current()
    if ok then p.filter = result else printError(result) end
    running = previous
end

-- Remove process n if it has ended; whether it did.
local function cull(n)
    local p = processes[n]
    if coroutine.status(p.co) ~= "dead" then return false end
    if focused == n then focus(nil) end
    table.remove(processes, n)
    -- The shown process keeps its place when one before it goes (CraftOS
    -- leaves the old index, which then names another process or none).
    if focused and focused > n then focused = focused - 1 end
    if focused == nil then
        if n > 1 then
            focus(n - 1)
        elseif #processes > 0 then
            focus(1)
        end
    end
    if scroll ~= 1 then scroll = scroll - 1 end
    return true
end

local function cullAll()
    local any = false
    for n = #processes, 1, -1 do
        if cull(n) then any = true end
    end
    return any
end

local function afterCull()
    setMenuShown(#processes >= 2)
    redrawMenu()
end

-- Resume then cull one process (the focused one can change meanwhile).
local function resumeAndCull(n, ...)
    if not n or not processes[n] then return end
    resume(n, ...)
    if cull(n) then afterCull() end
end

local function launch(withFocus, env, path, ...)
    local args = table.pack(...)
    local p = { title = fs.getName(path), path = path, interacted = false }
    if plain then
        p.terminal = parentTerm
    else
        local top, h = area()
        p.window = window.create(parentTerm, 1, top, width, h, false)
        -- Programs see only the terminal methods, not the window's own.
        p.terminal = {}
        for name in pairs(nativeTerm) do p.terminal[name] = p.window[name] end
    end
    p.co = coroutine.create(function()
        os.run(env, path, table.unpack(args, 1, args.n))
        if not p.interacted and not plain then
            term.setCursorBlink(false)
            print("Press any key to continue")
            os.pullEvent("char")
        end
    end)
    processes[#processes + 1] = p
    local n = #processes
    if withFocus then focus(n) end
    resume(n)
    return n
end

local multishell = {}

--- The index of the process shown (the one receiving user input).
function multishell.getFocus()
    return focused
end

--- Show process n; false when there is no such process.
function multishell.setFocus(n)
    expect(1, n, "number")
    if n < 1 or n > #processes then return false end
    focus(n)
    redrawMenu()
    return true
end

--- The title of process n, or nil when there is none.
function multishell.getTitle(n)
    expect(1, n, "number")
    if n < 1 or n > #processes then return nil end
    return processes[n].title
end

--- Set the title of process n (ignored when there is none).
function multishell.setTitle(n, title)
    expect(1, n, "number")
    expect(2, title, "string")
    if n < 1 or n > #processes then return end
    processes[n].title = title
    redrawMenu()
end

--- The index of the process running now (not necessarily the one shown).
function multishell.getCurrent()
    return running
end

--- Start path with env and arguments in a new background tab; its index.
function multishell.launch(env, path, ...)
    expect(1, env, "table")
    expect(2, path, "string")
    local previous = term.current()
    setMenuShown(#processes + 1 >= 2)
    local n = launch(false, env, path, ...)
    redrawMenu()
    term.redirect(previous)
    return n
end

--- How many processes there are.
function multishell.getCount()
    return #processes
end

-- Plain terminal: hand the focused process a held line of input (or the
-- end of input) once it is waiting for one.
local function feedLines()
    while focused do
        local p = processes[focused]
        if cull(focused) then
            -- It ended meanwhile (one run by fg, say): the line is for the
            -- process shown next.
            afterCull()
        elseif p.filter ~= nil and p.filter ~= "stdin_line" then
            return
        elseif #pendingLines > 0 then
            resumeAndCull(focused, "stdin_line", table.remove(pendingLines, 1))
        elseif inputEnded then
            resumeAndCull(focused, "stdin_line")
        else
            return
        end
    end
end

local userInput = {
    char = true, key = true, key_up = true, paste = true, terminate = true, file_transfer = true,
}

-- A click on the tab bar: scroll it, or show the tab clicked.
local function clickMenu(x)
    if x == 1 and scroll ~= 1 then
        scroll = scroll - 1
        redrawMenu()
    elseif scrollRight and x == parentTerm.getSize() then
        scroll = scroll + 1
        redrawMenu()
    else
        local start = scroll ~= 1 and 2 or 1
        for n = scroll, #processes do
            local finish = start + #processes[n].title + 1
            if x >= start and x <= finish then
                focus(n)
                redrawMenu()
                return
            end
            start = finish + 1
        end
    end
end

local function handle(event)
    local name = event[1]
    if name == "term_resize" then
        width, height = parentTerm.getSize()
        if plain then windowsResized = true else resizeWindows() end
        redrawMenu()
    elseif name == "stdin_line" and plain then
        if event[2] ~= nil then
            pendingLines[#pendingLines + 1] = event[2]
        else
            inputEnded = true
        end
    elseif userInput[name] or name == "stdin_line" then
        resumeAndCull(focused, table.unpack(event, 1, event.n))
    elseif name == "mouse_click" then
        local button, x, y = event[2], event[3], event[4]
        if menuShown and y == 1 then
            clickMenu(x)
        else
            resumeAndCull(focused, name, button, x, menuShown and y - 1 or y)
        end
    elseif name == "mouse_drag" or name == "mouse_up" or name == "mouse_scroll" then
        local p1, x, y = event[2], event[3], event[4]
        if menuShown and y == 1 then
            if name == "mouse_scroll" then
                if p1 == -1 and scroll ~= 1 then
                    scroll = scroll - 1
                    redrawMenu()
                elseif p1 == 1 and scrollRight then
                    scroll = scroll + 1
                    redrawMenu()
                end
            end
        else
            resumeAndCull(focused, name, p1, x, menuShown and y - 1 or y)
        end
    else
        -- Everything else is for everyone.
        for n = 1, #processes do resume(n, table.unpack(event, 1, event.n)) end
        if cullAll() then afterCull() end
    end
end

-- Begin: a shell in the first tab, with this API in its environment.
if not plain then parentTerm.clear() end
setMenuShown(false)
launch(true, { shell = shell, multishell = multishell }, "/rom/programs/shell.lua")

while #processes > 0 do
    if plain then feedLines() end
    if #processes == 0 then break end
    handle(table.pack(os.pullEventRaw()))
    if windowsResized then
        -- Every program hears that its terminal changed size.
        windowsResized = false
        for n = 1, #processes do resume(n, "term_resize") end
        if cullAll() then afterCull() end
    end
end

term.redirect(parentTerm)
