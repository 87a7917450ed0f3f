-- craftos bios: turns the host's natives into a CraftOS computer, loads the
-- ROM's APIs and starts what the host asked for (a program, the REPL or the
-- shell). Written for craftos; behaviour follows CraftOS's bios.

local host = _CRAFTOS_HOST
_CRAFTOS_HOST = nil

local expect_mod -- cc.expect, loaded by hand: dofile does not exist yet

local function readFile(path)
    local h, err = fs.open(path, "r")
    if not h then return nil, err end
    local text = h.readAll()
    h.close()
    return text
end

do
    local src = assert(readFile("rom/modules/main/cc/expect.lua"))
    expect_mod = assert(load(src, "@/rom/modules/main/cc/expect.lua", "t", _G))()
end
local expect = expect_mod.expect

-- Lua 5.1 compatibility CraftOS keeps.
if not table.maxn then
    function table.maxn(t)
        local n = 0
        for k in pairs(t) do
            if type(k) == "number" and k > n then n = k end
        end
        return n
    end
end
math.log10 = math.log10 or function(x) return math.log(x, 10) end
bit = {
    bnot = bit32.bnot, band = bit32.band, bor = bit32.bor, bxor = bit32.bxor,
    brshift = bit32.arshift, blshift = bit32.lshift, blogic_rshift = bit32.rshift,
}

-- os: the Lua half of the API.
local nativeShutdown, nativeReboot = os.shutdown, os.reboot

function os.version() return "CraftOS 1.9" end

function os.pullEventRaw(filter)
    return coroutine.yield(filter)
end

-- The event's values pass through as arguments, not a table: a program's
-- every event goes through here.
local function unlessTerminated(event, ...)
    if event == "terminate" then error("Terminated", 0) end
    return event, ...
end

function os.pullEvent(filter)
    return unlessTerminated(os.pullEventRaw(filter))
end

function os.shutdown(code)
    nativeShutdown(code)
    while true do coroutine.yield() end
end

function os.reboot()
    nativeReboot()
    while true do coroutine.yield() end
end

function sleep(time)
    expect(1, time, "number", "nil")
    local timer = os.startTimer(time or 0)
    repeat
        local _, id = os.pullEvent("timer")
    until id == timer
end
os.sleep = sleep

-- term: the native terminal, and redirection as the ROM's term API does it.
local nativeTerm = term
local currentTerm = nativeTerm
local plain = nativeTerm.isPlain ~= nil and nativeTerm.isPlain()
term = {}
for name, fn in pairs(nativeTerm) do
    if name == "nativePaletteColour" or name == "nativePaletteColor" then
        term[name] = fn -- always the native terminal's
    elseif name ~= "isPlain" then
        term[name] = function(...) return currentTerm[name](...) end
    end
end
function term.native() return nativeTerm end
function term.current() return currentTerm end
function term.redirect(target)
    expect(1, target, "table")
    if target == term then
        error("term is not a recommended redirect target, try term.current() instead", 2)
    end
    -- As CC:Tweaked does, a method the target lacks fails only when called.
    for name, fn in pairs(nativeTerm) do
        if name ~= "isPlain" and type(fn) == "function" and type(target[name]) ~= "function" then
            target[name] = function()
                error("Redirect object is missing method " .. name .. ".", 2)
            end
        end
    end
    local old = currentTerm
    currentTerm = target
    return old
end

-- Text output. On the plain (streamed) terminal text goes out whole: no
-- word wrap and no cursor games, so `craftos run x.lua | grep` works.
local function countLines(text)
    local n, pos = 0, 1
    while true do
        pos = string.find(text, "\n", pos, true)
        if not pos then return n end
        n, pos = n + 1, pos + 1
    end
end

local function wrappedWrite(text)
    local w, h = term.getSize()
    local x, y = term.getCursorPos()
    local lines = 0
    local function newLine()
        if y + 1 <= h then
            term.setCursorPos(1, y + 1)
        else
            term.setCursorPos(1, h)
            term.scroll(1)
        end
        x, y = term.getCursorPos()
        lines = lines + 1
    end
    while #text > 0 do
        local ws = string.match(text, "^[ \t]+")
        if ws then
            term.write(ws)
            x, y = term.getCursorPos()
            text = string.sub(text, #ws + 1)
        end
        if string.sub(text, 1, 1) == "\n" then
            newLine()
            text = string.sub(text, 2)
        end
        local word = string.match(text, "^[^ \t\n]+")
        if word then
            text = string.sub(text, #word + 1)
            if #word > w then
                while #word > 0 do
                    if x > w then newLine() end
                    term.write(word)
                    word = string.sub(word, w - x + 2)
                    x, y = term.getCursorPos()
                end
            else
                if x + #word - 1 > w then newLine() end
                term.write(word)
                x, y = term.getCursorPos()
            end
        end
    end
    return lines
end

function write(text)
    expect(1, text, "string", "number")
    text = tostring(text)
    if plain and currentTerm == nativeTerm then
        host.write(text)
        return countLines(text)
    end
    return wrappedWrite(text)
end

local function joinArgs(...)
    local n = select("#", ...)
    local parts = {}
    for i = 1, n do parts[i] = tostring((select(i, ...))) end
    return table.concat(parts, "\t")
end

local hostPrint = host.print
function print(...)
    if plain and currentTerm == nativeTerm then return hostPrint(...) end
    return write(joinArgs(...) .. "\n")
end

function printError(...)
    if plain and currentTerm == nativeTerm then
        host.stderr(joinArgs(...) .. "\n")
        return
    end
    local old
    if term.isColour() then
        old = term.getTextColour()
        term.setTextColour(colors and colors.red or 0x4000)
    end
    print(...)
    if old then term.setTextColour(old) end
end

-- read(): on the plain terminal a line of standard input (nil at its end),
-- without echo; otherwise CraftOS's line editor over key and char events.
local function plainRead(replaceChar, history, completeFn, default)
    host.requestLine("")
    local _, line = os.pullEvent("stdin_line")
    -- Enter ends the line on CraftOS: what is written next starts the next
    -- line, where a prompt left the cursor after text (the typed text itself
    -- is not echoed).
    if line ~= nil and term.getCursorPos() > 1 then print() end
    return line
end

local function eventRead(replaceChar, history, completeFn, default)
    -- On the plain terminal a line of standard input completes the read
    -- too (a program reading in a window it drew, as chat does), besides
    -- the keys a program may queue itself; the end of input does not.
    if plain then host.requestLine("") end
    term.setCursorBlink(true)
    local line = default or ""
    local pos = #line
    local sx, sy = term.getCursorPos()
    local historyPos
    local completions, completion -- suggestions for the text before the cursor
    local shownWidth = 0          -- cells drawn last time, to clear them

    local function updateCompletions()
        completions, completion = nil, nil
        if completeFn and pos == #line then
            completions = completeFn(line)
            if completions and #completions > 0 then completion = 1 else completions = nil end
        end
    end

    local function draw()
        local w = term.getSize()
        local scroll = math.max(0, sx + pos - w)
        local shown = replaceChar and string.rep(replaceChar, #line) or line
        shown = string.sub(shown, scroll + 1)
        term.setCursorPos(sx, sy)
        term.write(shown)
        local width = #shown
        if completion then
            local suffix = completions[completion]
            local old = term.getTextColour()
            if term.isColour() then term.setTextColour(colors and colors.grey or 0x80) end
            term.write(suffix)
            term.setTextColour(old)
            width = width + #suffix
        end
        if width < shownWidth then term.write(string.rep(" ", shownWidth - width)) end
        shownWidth = width
        term.setCursorPos(sx + pos - scroll, sy)
    end

    local function setLine(text, cursor)
        line, pos = text, cursor or #text
        updateCompletions()
        draw()
    end

    updateCompletions()
    draw()
    while true do
        local event, p1 = os.pullEvent()
        if event == "char" or event == "paste" then
            setLine(string.sub(line, 1, pos) .. p1 .. string.sub(line, pos + 1), pos + #p1)
        elseif event == "key" then
            if p1 == keys.enter or p1 == keys.numPadEnter then
                completion = nil
                draw()
                break
            elseif p1 == keys.tab and completion then
                setLine(line .. completions[completion])
            elseif p1 == keys.left and pos > 0 then
                setLine(line, pos - 1)
            elseif p1 == keys.right and pos < #line then
                setLine(line, pos + 1)
            elseif p1 == keys.right and completion then
                setLine(line .. completions[completion])
            elseif (p1 == keys.up or p1 == keys.down) and completion then
                completion = (completion + (p1 == keys.up and -2 or 0)) % #completions + 1
                draw()
            elseif (p1 == keys.up or p1 == keys.down) and history and #history > 0 then
                if p1 == keys.up then
                    historyPos = historyPos and math.max(1, historyPos - 1) or #history
                elseif historyPos then
                    historyPos = historyPos < #history and historyPos + 1 or nil
                end
                setLine(historyPos and history[historyPos] or "")
            elseif p1 == keys.backspace and pos > 0 then
                setLine(string.sub(line, 1, pos - 1) .. string.sub(line, pos + 1), pos - 1)
            elseif p1 == keys.delete and pos < #line then
                setLine(string.sub(line, 1, pos) .. string.sub(line, pos + 2), pos)
            elseif p1 == keys.home then
                setLine(line, 0)
            elseif p1 == keys["end"] then
                setLine(line, #line)
            end
        elseif event == "term_resize" then
            draw()
        elseif event == "stdin_line" and p1 ~= nil then
            setLine(p1)
            completion = nil
            draw()
            break
        end
    end
    term.setCursorBlink(false)
    term.setCursorPos(1, sy)
    print()
    return line
end

function read(replaceChar, history, completeFn, default)
    expect(1, replaceChar, "string", "nil")
    expect(2, history, "table", "nil")
    expect(3, completeFn, "function", "nil")
    expect(4, default, "string", "nil")
    if replaceChar then replaceChar = string.sub(replaceChar, 1, 1) end
    if plain and currentTerm == nativeTerm then
        return plainRead(replaceChar, history, completeFn, default)
    end
    return eventRead(replaceChar, history, completeFn, default)
end

-- Loading code.
function loadfile(filename, mode, env)
    -- CraftOS also accepts loadfile(filename, env).
    if type(mode) == "table" and env == nil then mode, env = nil, mode end
    expect(1, filename, "string")
    expect(2, mode, "string", "nil")
    expect(3, env, "table", "nil")
    local text = readFile(filename)
    if not text then return nil, "File not found" end
    return load(text, "@/" .. fs.combine(filename), mode, env)
end

function dofile(filename)
    expect(1, filename, "string")
    local fn, err = loadfile(filename, nil, _G)
    if not fn then error(err, 2) end
    return fn()
end

function os.run(env, path, ...)
    expect(1, env, "table")
    expect(2, path, "string")
    setmetatable(env, { __index = _G })
    local fn, err = loadfile(path, nil, env)
    if fn then
        local ok, runErr = pcall(fn, ...)
        if ok then return true end
        if runErr and runErr ~= "" then printError(runErr) end
        return false
    end
    if err and err ~= "" then printError(err) end
    return false
end

local apisLoading = {}
function os.loadAPI(path)
    expect(1, path, "string")
    local name = fs.getName(path)
    if string.sub(name, -4) == ".lua" then name = string.sub(name, 1, -5) end
    if apisLoading[name] then
        printError("API " .. name .. " is already being loaded")
        return false
    end
    apisLoading[name] = true
    local env = setmetatable({}, { __index = _G })
    local fn, err = loadfile(path, nil, env)
    if fn then
        local ok, runErr = pcall(fn)
        if not ok then
            apisLoading[name] = nil
            error("Failed to load API " .. name .. " due to " .. tostring(runErr), 1)
        end
    else
        apisLoading[name] = nil
        error("Failed to load API " .. name .. " due to " .. tostring(err), 1)
    end
    local api = {}
    for k, v in pairs(env) do
        if k ~= "_ENV" then api[k] = v end
    end
    _G[name] = api
    apisLoading[name] = nil
    return true
end

function os.unloadAPI(name)
    expect(1, name, "string")
    if name ~= "_G" and type(_G[name]) == "table" then _G[name] = nil end
end

-- The ROM's APIs, each a global named after its file.
local function loadAPIs(dir)
    for _, file in ipairs(fs.list(dir)) do
        local path = fs.combine(dir, file)
        if not fs.isDir(path) and string.sub(file, 1, 1) ~= "." then
            os.loadAPI(path)
        end
    end
end
loadAPIs("rom/apis")
if http and fs.isDir("rom/apis/http") then loadAPIs("rom/apis/http") end
-- The hardware's own ROM APIs, over their natives (pocket has none).
if turtle and fs.isDir("rom/apis/turtle") then loadAPIs("rom/apis/turtle") end
if commands and fs.isDir("rom/apis/command") then loadAPIs("rom/apis/command") end
dofile("rom/modules/main/cc/internal/fs.lua").install(fs)

-- Settings, as CraftOS defines them, then the user's /.settings.
if settings then
    -- Names, defaults and descriptions are CraftOS's: programs and users
    -- read them with `set` and settings.getDetails.
    local function define(name, default, description)
        settings.define(name, { default = default, description = description, type = type(default) })
    end
    define("shell.allow_startup", true, "Run startup files when the computer turns on.")
    define("shell.allow_disk_startup", commands == nil, "Run startup files from disk drives when the computer turns on.")
    define("shell.autocomplete", true, "Autocomplete program and arguments in the shell.")
    define("edit.autocomplete", true, "Autocomplete API and function names in the editor.")
    define("lua.autocomplete", true, "Autocomplete API and function names in the Lua REPL.")
    define("edit.default_extension", "lua", [[The file extension the editor will use if none is given. Set to "" to disable.]])
    define("paint.default_extension", "nfp", [[The file extension the paint program will use if none is given. Set to "" to disable.]])
    define("list.show_hidden", false, [[Whether the list program show  hidden files (those starting with ".").]])
    define("motd.enable", pocket == nil, "Display a random message when the computer starts up.")
    define("motd.path", "/rom/motd.txt:/motd.txt", [[The path to load random messages from. Should be a colon (":") separated string of file paths.]])
    define("lua.warn_against_use_of_local", true, [[Print a message when input in the Lua REPL starts with the word 'local'. Local variables defined in the Lua REPL are be inaccessible on the next input.]])
    define("lua.function_args", true, "Show function arguments when printing functions.")
    define("lua.function_source", false, "Show where a function was defined when printing functions.")
    define("bios.strict_globals", false, "Prevents assigning variables into a program's environment. Make sure you use the local keyword or assign to _G explicitly.")
    define("shell.autocomplete_hidden", false, [[Autocomplete hidden files and folders (those starting with ".").]])
    if term.isColour() then
        define("bios.use_multishell", true, [[Allow running multiple programs at once, through the use of the "fg" and "bg" programs.]])
    end
    for pair in string.gmatch(_CC_DEFAULT_SETTINGS or "", "[^,]+") do
        local name, value = string.match(pair, "^([^=]+)=(.*)$")
        if name then
            if value == "true" then value = true
            elseif value == "false" then value = false
            elseif value == "nil" then value = nil
            elseif tonumber(value) then value = tonumber(value) end
            if value == nil then settings.unset(name) else settings.set(name, value) end
        end
    end
    if fs.exists(".settings") then settings.load(".settings") end
end

-- What the host asked for.
local boot = host.boot

-- `craftos run FILE ARGS...`: the program runs as if a CraftOS shell had
-- run shell.execute(FILE, ARGS...): it gets the shell API (current folder
-- the root, getRunningProgram = its path), require and arg. Errors that end
-- it go to stderr with a traceback, and the exit status says it failed.
local function runProgram()
    local args = boot.args or {}
    local newShell = loadfile("rom/programs/shell.lua", nil, setmetatable({}, { __index = _G }))({})
    local _, control = newShell(nil)
    local env = control.env(fs.getDir(boot.path))
    local argTable = { [0] = boot.path }
    for i, a in ipairs(args) do argTable[i] = a end
    env.arg = argTable
    local fn, err = load(boot.source, "@" .. boot.name, "t", env)
    if not fn then
        host.stderr(err .. "\n")
        nativeShutdown(1)
        return
    end
    local traceback
    control.push(boot.path)
    local ok, runErr = xpcall(fn, function(e)
        -- PUC's lua shows its host as "[C]: in ?"; so do we, for our frames.
        traceback = debug.traceback(nil, 2):gsub(
            "\n\t%[C%]: in function 'xpcall'\n\t[^\n]*'runProgram'\n\t[^\n]*in main chunk$", "\n\t[C]: in ?")
        return e
    end, table.unpack(args))
    control.pop()
    if ok then
        nativeShutdown(0)
        return
    end
    local msg = tostring(runErr)
    if traceback and msg ~= "Terminated" then msg = msg .. "\n" .. traceback end
    host.stderr(msg .. "\n")
    nativeShutdown(runErr == "Terminated" and 130 or 1)
end

local function repl()
    local env = setmetatable({}, { __index = _G })
    env.require, env.package = dofile("rom/modules/main/cc/require.lua").make(env, "")
    -- print's line count is noise at a prompt: `print(1+1)` shows just 2.
    env.print = function(...) print(...) end
    local pretty = env.require("cc.pretty")
    -- Every value as CraftOS's lua prompt shows it: strings quoted, tables
    -- laid out, functions with their arguments (settings lua.function_*).
    local function show(value)
        local ok, doc = pcall(pretty.pretty, value, {
            function_args = settings.get("lua.function_args"),
            function_source = settings.get("lua.function_source"),
        })
        if ok then pretty.print(doc) else print(tostring(value)) end
    end
    local history = {}
    -- A line: standard input on the plain terminal, read() on a full screen.
    local function nextLine()
        if plain then
            if host.interactive then host.requestLine("lua> ") else host.requestLine("") end
            return os.pullEventRaw("stdin_line")
        end
        write("lua> ")
        local ok, line = pcall(read, nil, history)
        if not ok then
            if line == "Terminated" then print() return "terminate" end
            error(line, 0)
        end
        if string.find(line, "%S") then history[#history + 1] = line end
        return "stdin_line", line
    end
    while true do
        local event, line = nextLine()
        if event == "terminate" then
            printError("Terminated")
        elseif line == nil then
            break
        elseif string.find(line, "%S") then
            local fn = load("return " .. line, "=lua", "t", env)
            local err
            if not fn then fn, err = load(line, "=lua", "t", env) end
            if fn then
                local results = table.pack(pcall(fn))
                if results[1] then
                    for i = 2, results.n do show(results[i]) end
                else
                    printError(results[2])
                end
            else
                printError(err)
            end
        end
    end
    nativeShutdown(0)
end

if boot.kind == "run" then
    runProgram()
elseif boot.kind == "repl" then
    repl()
else
    -- The shell; when it ends (exit, or the end of input) so does the
    -- computer. As on CraftOS, a colour computer runs it inside multishell
    -- unless bios.use_multishell is off (on the plain terminal multishell
    -- draws nothing: see its header).
    local program = "rom/programs/shell.lua"
    if term.isColour() and settings and settings.get("bios.use_multishell") then
        program = "rom/programs/advanced/multishell.lua"
    end
    local ok, err = pcall(os.run, {}, program)
    if not ok then printError(err) end
    nativeShutdown(ok and 0 or 1)
end
while true do coroutine.yield() end
