--- cc.shell.completion: building blocks for shell.setCompletionFunction.
-- Each helper takes (shell, text, previous, ...) and returns the suffixes
-- that complete `text`; build() turns a list of them, one per argument,
-- into a completion function.

local expect = dofile("rom/modules/main/cc/expect.lua").expect
local completion = require("cc.completion")

-- The shell.autocomplete_hidden setting, passed on as is: fs.complete
-- treats nil (the setting undefined) as "show hidden files", as CraftOS does.
local function hidden()
    return settings and settings.get("shell.autocomplete_hidden")
end

--- Complete a file name (folders complete with a trailing slash). Extra
-- arguments (previous, an add_space flag as the speaker program passes) are
-- accepted and ignored, as CraftOS's file completion ignores them: a file
-- name never gets a trailing space here.
local function file(shell, text)
    return fs.complete(text, shell.dir(), { include_files = true, include_dirs = false, include_hidden = hidden() })
end

--- Complete a folder name.
local function dir(shell, text)
    return fs.complete(text, shell.dir(), { include_files = false, include_dirs = true, include_hidden = hidden() })
end

--- Complete a file or folder name; with add_space, finished names (not
-- ending in a slash) get a trailing space.
local function dirOrFile(shell, text, previous, add_space)
    local results = fs.complete(text, shell.dir(), { include_files = true, include_dirs = true, include_hidden = hidden() })
    if add_space then
        for i, result in ipairs(results) do
            if string.sub(result, -1) ~= "/" then results[i] = result .. " " end
        end
    end
    return results
end

--- Complete a program name.
local function program(shell, text)
    return shell.completeProgram(text)
end

--- Complete a program, then that program's own arguments: the program is
-- argument number `starting`. A finished program name that has its own
-- completion gets a trailing space (text already naming one completes to
-- just " "); folders never do.
local function programWithArgs(shell, text, previous, starting)
    if #previous + 1 == starting then
        local info = shell.getCompletionInfo()
        local function completes(name)
            if name:sub(-1) == "/" then return false end
            local resolved = shell.resolveProgram(name)
            return resolved ~= nil and info[resolved] ~= nil
        end
        if completes(text) then return { " " } end
        local results = shell.completeProgram(text)
        for i, result in ipairs(results) do
            if result:sub(-1) ~= "/" and completes(text .. result) then results[i] = result .. " " end
        end
        return results
    end
    local name = previous[starting]
    local resolved = shell.resolveProgram(name)
    if not resolved then return end
    local info = shell.getCompletionInfo()[resolved]
    if not info then return end
    local args = { name }
    for i = starting + 1, #previous do args[#args + 1] = previous[i] end
    return info.fnComplete(shell, #previous - starting + 1, text, args)
end

--- Complete a help topic.
local function helpTopic(shell, text)
    if help and help.completeTopic then return help.completeTopic(text) end
    return {}
end

-- cc.completion's helpers, taking the shell's arguments.
local function wrap(fn)
    return function(shell, text, previous, ...) return fn(text, ...) end
end

--- A completion function from one entry per argument: nil (nothing), a
-- helper, or { helper, extra arguments..., many = true } where `many`
-- (last entry only) repeats it for every further argument.
local function build(...)
    local entries = table.pack(...)
    for i = 1, entries.n do
        local entry = entries[i]
        if entry ~= nil then
            expect(i, entry, "table", "function")
            if type(entry) == "function" then
                entry = { entry }
                entries[i] = entry
            end
            if type(entry[1]) ~= "function" then
                error(("Bad table entry #1 at argument #%d (function expected, got %s)"):format(i, type(entry[1])), 2)
            end
            if entry.many and i < entries.n then
                error(("Unexpected 'many' field on argument #%d (should only occur on the last argument)"):format(i), 2)
            end
        end
    end
    return function(shell, index, text, previous)
        local entry = entries[index]
        if not entry then
            if index <= entries.n then return nil end
            entry = entries[entries.n]
            if not entry or not entry.many then return nil end
        end
        return entry[1](shell, text, previous, table.unpack(entry, 2))
    end
end

return {
    file = file,
    dir = dir,
    dirOrFile = dirOrFile,
    program = program,
    programWithArgs = programWithArgs,
    help = helpTopic,
    choice = wrap(completion.choice),
    peripheral = wrap(completion.peripheral),
    side = wrap(completion.side),
    setting = wrap(completion.setting),
    command = wrap(completion.command),
    build = build,
}
