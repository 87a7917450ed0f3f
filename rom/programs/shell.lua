-- shell: CraftOS's command line, and the `shell` API it gives the programs
-- it runs. Written for craftos; behaviour follows CraftOS's shell.
--
--   shell [program [args...]]   run a program in a new shell, or a prompt
--
-- Called with a table as its first argument (no program passes one: the
-- shell only passes strings), this file returns its constructor instead of
-- running, for hosts that need a shell without a prompt (`craftos run`):
--
--   local newShell = loadfile("rom/programs/shell.lua", nil, env)({})
--   local shellAPI, control = newShell(parentShell)

local expect = dofile("rom/modules/main/cc/expect.lua").expect
local makeRequire = dofile("rom/modules/main/cc/require.lua").make

-- The first shell's program path, as CraftOS builds it from the computer's
-- hardware: a colour screen adds the advanced programs, a turtle its own
-- (and no rednet or fun), a pocket computer and a command computer theirs.
-- Every shell after it inherits its parent's.
local function defaultPath()
    local colour = term.isColour()
    local path = ".:/rom/programs:/rom/programs/http"
    if colour then path = path .. ":/rom/programs/advanced" end
    if turtle then
        path = path .. ":/rom/programs/turtle"
    else
        path = path .. ":/rom/programs/rednet:/rom/programs/fun"
        if colour then path = path .. ":/rom/programs/fun/advanced" end
    end
    if pocket then path = path .. ":/rom/programs/pocket" end
    if commands then path = path .. ":/rom/programs/command" end
    return path
end

local function defaultAliases()
    local aliases = {
        ls = "list", dir = "list", cp = "copy", mv = "move", rm = "delete",
        clr = "clear", rs = "redstone", sh = "shell",
    }
    if term.isColour() then aliases.background, aliases.foreground = "bg", "fg" end
    return aliases
end
-- How many #! lines may lead from one program to the next (CraftOS's
-- limit; each level counts, so 99 interpreters deep still runs).
local HASHBANG_DEPTH = 100

-- Split a command line into words: blanks separate words, and text between
-- double quotes is one word (quotes removed, "" is an empty word).
-- shell.run and shell.openTab split their arguments this way; shell.execute
-- passes its own on verbatim.
local function tokenise(...)
    local line = table.concat({ ... }, " ")
    local words = {}
    local quoted = false
    for piece in string.gmatch(line .. "\"", "(.-)\"") do
        if quoted then
            words[#words + 1] = piece
        else
            for word in string.gmatch(piece, "[^ \t]+") do words[#words + 1] = word end
        end
        quoted = not quoted
    end
    return words
end

local function isFile(path)
    return fs.exists(path) and not fs.isDir(path)
end

-- `path`, or `path.lua`, when it is a file.
local function fileOrLua(path)
    if isFile(path) then return path end
    local withLua = string.gsub(path, "[/\\]+$", "") .. ".lua"
    if isFile(withLua) then return withLua end
    return nil
end

-- reportError shows the failing line of an uncaught error under its
-- message. On the plain terminal the message went to stderr (printError):
-- the report follows it there, drawn off screen and sent as lines.
local function reportError(exception, err, co)
    local native = term.native()
    if term.current() ~= native or not (native.isPlain and native.isPlain()) then
        return exception.report(err, co)
    end
    local width = native.getSize()
    local page = window.create(native, 1, 1, width, 100, false)
    local previous = term.redirect(page)
    pcall(exception.report, err, co)
    term.redirect(previous)
    local _, last = page.getCursorPos()
    if page.getCursorPos() == 1 then last = last - 1 end
    for y = 1, last do
        printError((string.gsub(page.getLine(y), " +$", "")))
    end
end

local function newShell(parent)
    local shell = {}
    local control = {}

    local exiting = false
    local dir = parent and parent.dir() or ""
    local path = parent and parent.path() or defaultPath()
    local aliases = {}
    for k, v in pairs(parent and parent.aliases() or defaultAliases()) do aliases[k] = v end
    local completionInfo = parent and parent.getCompletionInfo() or {}
    local running = {}

    -- The environment of a program in `programDir`: shell, multishell,
    -- and its own require and package.
    function control.env(programDir)
        local env = setmetatable({ shell = shell, multishell = multishell }, { __index = _G })
        env.require, env.package = makeRequire(env, programDir or "")
        return env
    end

    function control.push(programPath) running[#running + 1] = programPath end
    function control.pop() running[#running] = nil end
    function control.exiting() return exiting end
    control.tokenise = tokenise

    -- Run the program at programPath. A first line `#!interpreter args`
    -- runs the interpreter (a command resolved as the shell does, with the
    -- words after it quoted as shell.run quotes) with those words, the
    -- program's path and its arguments; the interpreter may itself start
    -- with #!, up to HASHBANG_DEPTH levels, as CraftOS does.
    local function runFile(depth, programPath, args)
        local handle, openErr = fs.open(programPath, "r")
        if not handle then
            printError(openErr)
            return false
        end
        local first = handle.readLine() or ""
        if string.find(first, "^#!") and (string.find(first, "[/%s]craftos%s") or string.find(first, "[/%s]craftos$")) then
            -- craftos's own: `#!/usr/bin/env craftos`, a script for the
            -- host's shell, is Lua for ours (the line stays, blank, so line
            -- numbers hold).
            first = ""
        elseif string.sub(first, 1, 2) == "#!" then
            handle.close()
            depth = depth - 1
            if depth == 0 then
                printError("Hashbang recursion depth limit reached when loading file: " .. programPath)
                return false
            end
            local words = tokenise(string.sub(first, 3))
            local interpreter = table.remove(words, 1)
            if not interpreter then
                -- A bare `#!`: CraftOS's shell fails with resolveProgram's
                -- argument error; ours says what is missing instead.
                printError("Hashbang program not found: ")
                return false
            end
            local resolved = shell.resolveProgram(interpreter)
            if not resolved then
                printError("Hashbang program not found: " .. interpreter)
                return false
            elseif resolved == "rom/programs/shell.lua" and #words == 0 then
                -- `#!shell` would run this file again, and again.
                printError("Cannot use the shell as a hashbang program")
                return false
            end
            words[#words + 1] = programPath
            for _, a in ipairs(args) do words[#words + 1] = a end
            words[0] = interpreter
            return runFile(depth, resolved, words)
        end
        local rest = handle.readAll() or ""
        handle.close()

        local env = control.env(fs.getDir(programPath))
        env.arg = args
        local fn, loadErr = load(first .. "\n" .. rest, "@/" .. programPath, "t", env)
        if not fn then
            printError(loadErr)
            return false
        end
        -- In a coroutine of its own, so that an uncaught error can be shown
        -- with the line it was raised on (cc.internal.exception).
        local exception = dofile("rom/modules/main/cc/internal/exception.lua")
        local ok, err, co = exception.try(fn, table.unpack(args, 1, args.n or #args))
        if not ok then
            if err ~= nil and err ~= "" then
                printError(err)
                reportError(exception, err, co)
            end
            return false
        end
        return true
    end

    -- Under multishell the tab is titled after the program running in it
    -- (its file name without .lua), and "shell" between programs.
    local function setTitle(programPath)
        if not multishell then return end
        local title = "shell"
        if programPath then
            title = fs.getName(programPath)
            if string.sub(title, -4) == ".lua" then title = string.sub(title, 1, -5) end
        end
        multishell.setTitle(multishell.getCurrent(), title)
    end
    control.setTitle = setTitle

    --- Run a program with these exact arguments (no re-tokenising);
    -- returns whether it finished without an error.
    function shell.execute(command, ...)
        expect(1, command, "string")
        local n = select("#", ...)
        for i = 1, n do expect(i + 1, (select(i, ...)), "string") end
        local programPath = shell.resolveProgram(command)
        if not programPath then
            printError("No such program")
            return false
        end
        local args = { [0] = command, ... }
        control.push(programPath)
        setTitle(programPath)
        local ok, result = pcall(runFile, HASHBANG_DEPTH, programPath, args)
        control.pop()
        setTitle(running[#running])
        if not ok then error(result, 0) end
        return result
    end

    --- Run a command line: the words of all arguments joined by spaces.
    function shell.run(...)
        local words = tokenise(...)
        if words[1] then return shell.execute(table.unpack(words)) end
        return false
    end

    --- Stop this shell once the running program returns.
    function shell.exit() exiting = true end

    function shell.dir() return dir end

    function shell.setDir(newDir)
        expect(1, newDir, "string")
        if not fs.isDir(newDir) then error("Not a directory", 2) end
        dir = fs.combine(newDir, "")
    end

    function shell.path() return path end

    function shell.setPath(newPath)
        expect(1, newPath, "string")
        path = newPath
    end

    --- A path relative to the current directory (or to the root when it
    -- starts with a slash), made absolute.
    function shell.resolve(target)
        expect(1, target, "string")
        local c = string.sub(target, 1, 1)
        if c == "/" or c == "\\" then return fs.combine("", target) end
        return fs.combine(dir, target)
    end

    --- The file a command runs: aliases first; a command with a slash is a
    -- path, others are looked up along the program path (`name` or
    -- `name.lua`). nil when there is none.
    function shell.resolveProgram(command)
        expect(1, command, "string")
        if aliases[command] ~= nil then command = aliases[command] end
        if string.find(command, "[/\\]") then
            return fileOrLua(shell.resolve(command))
        end
        for entry in string.gmatch(path, "[^:]+") do
            local found = fileOrLua(fs.combine(shell.resolve(entry), command))
            if found then return found end
        end
        return nil
    end

    --- Every program on the path, sorted, without `.lua`; hidden ones (a
    -- leading dot) only when asked.
    function shell.programs(includeHidden)
        expect(1, includeHidden, "boolean", "nil")
        local seen = {}
        for entry in string.gmatch(path, "[^:]+") do
            local folder = shell.resolve(entry)
            if fs.isDir(folder) then
                for _, name in ipairs(fs.list(folder)) do
                    if not fs.isDir(fs.combine(folder, name))
                        and (includeHidden or string.sub(name, 1, 1) ~= ".") then
                        if #name > 4 and string.sub(name, -4) == ".lua" then name = string.sub(name, 1, -5) end
                        seen[name] = true
                    end
                end
            end
        end
        local list = {}
        for name in pairs(seen) do list[#list + 1] = name end
        table.sort(list)
        return list
    end

    -- Suffixes of names in `names` (a set) that start with `prefix`.
    local function addMatches(results, seen, prefix, names)
        for _, name in ipairs(names) do
            if #name > #prefix and string.sub(name, 1, #prefix) == prefix then
                local rest = string.sub(name, #prefix + 1)
                if not seen[rest] then
                    seen[rest] = true
                    results[#results + 1] = rest
                end
            end
        end
    end

    --- Completions for a partial program name: aliases, folders and
    -- programs on the path; a name with a slash completes as a path.
    function shell.completeProgram(prefix)
        expect(1, prefix, "string")
        local hidden = settings and settings.get("shell.autocomplete_hidden") or false
        if string.find(prefix, "[/\\]") then
            return fs.complete(prefix, dir, { include_files = true, include_dirs = false, include_hidden = hidden })
        end
        local results, seen = {}, {}
        local aliasNames = {}
        for name in pairs(aliases) do aliasNames[#aliasNames + 1] = name end
        addMatches(results, seen, prefix, aliasNames)
        for _, folder in ipairs(fs.complete(prefix, dir, { include_files = false, include_dirs = false, include_hidden = hidden })) do
            if #folder > 0 and not seen[folder] then
                seen[folder] = true
                results[#results + 1] = folder
            end
        end
        addMatches(results, seen, prefix, shell.programs(hidden))
        table.sort(results)
        return results
    end

    local function completeArgument(programPath, index, part, previous)
        local info = completionInfo[programPath]
        if info then return info.fnComplete(shell, index, part, previous) end
        return nil
    end

    --- Completions for a partial command line (for read()).
    function shell.complete(line)
        expect(1, line, "string")
        if #line == 0 then return nil end
        local words = tokenise(line)
        local index = #words
        if string.find(line, "[ \t]$") then index = index + 1 end
        if index == 1 then
            local part = words[1] or ""
            if completionInfo[shell.resolveProgram(part) or ""] then return { " " } end
            local results = shell.completeProgram(part)
            for i, result in ipairs(results) do
                if completionInfo[shell.resolveProgram(part .. result) or ""] then
                    results[i] = result .. " "
                end
            end
            return results
        elseif index > 1 then
            local programPath = shell.resolveProgram(words[1])
            if not programPath then return nil end
            local part = words[index] or ""
            local previous = {}
            for i = 1, index - 1 do previous[i] = words[i] end
            return completeArgument(programPath, index - 1, part, previous)
        end
        return nil
    end

    --- Set how a program's arguments complete: fn(shell, index, text,
    -- previous) returns suffixes. `program` is its resolved path.
    function shell.setCompletionFunction(program, fn)
        expect(1, program, "string")
        expect(2, fn, "function")
        completionInfo[program] = { fnComplete = fn }
    end

    function shell.getCompletionInfo() return completionInfo end

    --- The path of the program running now (nil between programs).
    function shell.getRunningProgram()
        return running[#running]
    end

    function shell.setAlias(command, program)
        expect(1, command, "string")
        expect(2, program, "string")
        aliases[command] = program
    end

    function shell.clearAlias(command)
        expect(1, command, "string")
        aliases[command] = nil
    end

    function shell.aliases()
        local copy = {}
        for k, v in pairs(aliases) do copy[k] = v end
        return copy
    end

    -- Tabs exist only under multishell.
    if multishell then
        --- Run a command line (split as shell.run splits it) in a new
        -- background tab; the tab's index. A shell there runs it.
        function shell.openTab(...)
            local words = tokenise(...)
            local command = words[1]
            if not command then return nil end
            local programPath = shell.resolveProgram(command)
            if programPath == nil then
                printError("No such program")
                return nil
            end
            local env = control.env("rom/programs")
            if programPath == "rom/programs/shell.lua" then
                return multishell.launch(env, programPath, table.unpack(words, 2))
            end
            return multishell.launch(env, "rom/programs/shell.lua", command, table.unpack(words, 2))
        end

        --- Show tab `id` (multishell.setFocus).
        function shell.switchTab(id)
            expect(1, id, "number")
            multishell.setFocus(id)
        end
    end

    return shell, control
end

local first = ...
if type(first) == "table" then return newShell end

-- The shell program.
local parent = shell
local shellAPI, control = newShell(parent)
local parentTerm = term.current()
control.setTitle(nil)

if select("#", ...) > 0 then
    shellAPI.run(...)
    return
end

local promptColour, textColour, bgColour = 1, 1, 0x8000
if term.isColour() then promptColour = 0x10 end -- yellow

term.setBackgroundColour(bgColour)
term.setTextColour(promptColour)
print(os.version())
term.setTextColour(textColour)

if parent == nil then shellAPI.run("/rom/startup.lua") end

local history = {}
while not control.exiting() do
    term.redirect(parentTerm)
    term.setBackgroundColour(bgColour)
    term.setTextColour(promptColour)
    write(shellAPI.dir() .. "> ")
    term.setTextColour(textColour)
    local line
    if settings.get("shell.autocomplete") then
        line = read(nil, history, shellAPI.complete)
    else
        line = read(nil, history)
    end
    if line == nil then break end -- end of input
    if string.find(line, "%S") and history[#history] ~= line then
        history[#history + 1] = line
    end
    shellAPI.run(line)
end
