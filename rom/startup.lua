-- The top shell runs this before its first prompt: the program path,
-- aliases and completions, /rom/autorun, then the user's startup files.

local completion = require("cc.shell.completion")

local path = ".:/rom/programs:/rom/programs/http"
if term.isColour() and fs.isDir("rom/programs/advanced") then path = path .. ":/rom/programs/advanced" end
if fs.isDir("rom/programs/rednet") then path = path .. ":/rom/programs/rednet" end
if fs.isDir("rom/programs/fun") then path = path .. ":/rom/programs/fun" end
shell.setPath(path)
if help and help.setPath then help.setPath("/rom/help") end

for alias, program in pairs({
    ls = "list", dir = "list", cp = "copy", mv = "move", rm = "delete",
    clr = "clear", rs = "redstone", sh = "shell",
}) do
    shell.setAlias(alias, program)
end

local build = completion.build
local function set(program, ...)
    shell.setCompletionFunction("rom/programs/" .. program .. ".lua", build(...))
end
set("alias", nil, completion.program)
set("cd", completion.dir)
set("clear", { completion.choice, { "screen", "palette", "all" } })
set("copy", { completion.dirOrFile, true }, completion.dirOrFile)
set("delete", { completion.dirOrFile, many = true })
set("edit", completion.file)
set("help", completion.help)
set("id", completion.peripheral)
set("label", { completion.choice, { "get", "get ", "set ", "clear", "clear " } }, completion.peripheral)
set("list", completion.dir)
set("lua", completion.file)
set("mkdir", { completion.dir, many = true })
set("move", { completion.dirOrFile, true }, completion.dirOrFile)
set("programs", { completion.choice, { "all" } })
set("rename", { completion.dirOrFile, true }, completion.dirOrFile)
set("set", { completion.setting, true })
set("shell", { completion.programWithArgs, 2, many = true })
set("type", completion.dirOrFile)
set("http/wget", { completion.choice, { "run " } })

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
