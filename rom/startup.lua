-- The top shell runs this before its first prompt: completions and the help
-- path, /rom/autorun, the motd, then the user's startup files.

local completion = require("cc.shell.completion")

-- The first shell already has CraftOS's program path and aliases for this
-- hardware (rom/programs/shell.lua); the help path and every program's
-- argument completion are set here.
if help and help.setPath then help.setPath("/rom/help") end

local build = completion.build
local function set(program, ...)
    shell.setCompletionFunction("rom/programs/" .. program .. ".lua", build(...))
end
set("alias", nil, completion.program)
-- attach: a side, then a type periphemu can make.
set("attach", completion.side, { completion.choice, periphemu and periphemu.names() or {} })
set("cd", completion.dir)
set("clear", { completion.choice, { "screen", "palette", "all" } })
set("copy", { completion.dirOrFile, true }, completion.dirOrFile)
set("delete", { completion.dirOrFile, many = true })
set("detach", completion.peripheral)
set("drive", completion.dir)
set("edit", completion.file)
set("eject", completion.peripheral)
set("gps", { completion.choice, { "host", "host ", "locate" } })
set("help", completion.help)
set("id", completion.peripheral)
set("label", { completion.choice, { "get", "get ", "set ", "clear", "clear " } }, completion.peripheral)
set("list", completion.dir)
set("lua", completion.file)
set("mkdir", { completion.dir, many = true })
-- monitor: a monitor's name or "scale", then the program and its arguments
-- (or, after scale, the monitor).
set("monitor",
    function(shell, text, previous)
        local results = completion.peripheral(shell, text, previous, true)
        for _, extra in ipairs(completion.choice(shell, text, previous, { "scale" }, true)) do
            results[#results + 1] = extra
        end
        return results
    end,
    function(shell, text, previous)
        if previous[2] == "scale" then return completion.peripheral(shell, text, previous, true) end
        return completion.programWithArgs(shell, text, previous, 3)
    end,
    {
        function(shell, text, previous)
            if previous[2] ~= "scale" then return completion.programWithArgs(shell, text, previous, 3) end
        end,
        many = true,
    })
set("move", { completion.dirOrFile, true }, completion.dirOrFile)
set("programs", { completion.choice, { "all" } })
set("redstone", { completion.choice, { "probe", "set ", "pulse " } }, completion.side)
set("rename", { completion.dirOrFile, true }, completion.dirOrFile)
set("set", { completion.setting, true })
set("shell", { completion.programWithArgs, 2, many = true })
set("type", completion.dirOrFile)
set("advanced/bg", { completion.programWithArgs, 2, many = true })
set("advanced/fg", { completion.programWithArgs, 2, many = true })
set("fun/dj", { completion.choice, { "play", "play ", "stop " } }, completion.peripheral)
set("fun/speaker",
    { completion.choice, { "play ", "sound ", "stop " } },
    function(shell, text, previous)
        if previous[2] == "play" then return completion.file(shell, text, previous, true) end
        if previous[2] == "stop" then return completion.peripheral(shell, text, previous, false) end
    end,
    function(shell, text, previous)
        if previous[2] == "play" then return completion.peripheral(shell, text, previous, false) end
    end)
set("fun/advanced/paint", completion.file)
set("http/pastebin", { completion.choice, { "put ", "get ", "run " } }, function(shell, text, previous)
    if previous[2] == "put" then return fs.complete(text, shell.dir(), true, false) end
end)
set("rednet/chat", { completion.choice, { "host ", "join " } })
set("command/exec", completion.command)
set("http/wget", { completion.choice, { "run " } })
if turtle then
    set("turtle/go", { completion.choice, { "left", "right", "forward", "back", "down", "up" }, true, many = true })
    set("turtle/turn", { completion.choice, { "left", "right" }, true, many = true })
    set("turtle/equip", nil, { completion.choice, { "left", "right" } })
    set("turtle/unequip", { completion.choice, { "left", "right" } })
end

-- Everything in /rom/autorun, in name order.
if fs.isDir("rom/autorun") then
    for _, name in ipairs(fs.list("rom/autorun")) do
        local file = fs.combine("rom/autorun", name)
        if string.sub(name, 1, 1) ~= "." and not fs.isDir(file) then
            shell.run("/" .. file)
        end
    end
end

if settings.get("motd.enable") and shell.resolveProgram("motd") then
    shell.run("motd")
end

-- The user's startup: /startup or /startup.lua, and every file in a
-- /startup folder.
local function startupFiles(base)
    local files = {}
    local program = shell.resolveProgram("/" .. fs.combine(base, "startup"))
    if program then files[#files + 1] = "/" .. program end
    local folder = fs.combine(base, "startup")
    if fs.isDir(folder) then
        for _, name in ipairs(fs.list(folder)) do
            local file = fs.combine(folder, name)
            if not fs.isDir(file) then files[#files + 1] = "/" .. file end
        end
    end
    return files
end

if settings.get("shell.allow_startup") then
    for _, file in ipairs(startupFiles("")) do
        shell.run(file)
    end
end
