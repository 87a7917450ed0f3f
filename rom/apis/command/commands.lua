-- The ROM half of the commands API, loaded by the bios over the native
-- `commands` table on command computers only. Besides the natives (also
-- kept as commands.native) it has a function for every command the server
-- knows: commands.say("hi") runs commands.exec("say hi"), and
-- commands.async.say("hi") runs commands.execAsync("say hi"). Sub-commands
-- are reached by indexing: commands.time.set(0) runs "time set 0".

if not commands then
    error("Cannot load command API on normal computer", 2)
end

local native = commands.native or commands

-- Arguments become words: strings, numbers and booleans as text, tables as
-- JSON (in NBT style, except for the commands that read real JSON).
local function commandLine(nbt, words, ...)
    local parts = { table.concat(words, " ") }
    local args = table.pack(...)
    for i = 1, args.n do
        local arg = args[i]
        local kind = type(arg)
        if kind == "string" or kind == "number" or kind == "boolean" then
            parts[#parts + 1] = tostring(arg)
        elseif kind == "table" then
            parts[#parts + 1] = textutils.serialiseJSON(arg, nbt)
        else
            error("Expected string, number, boolean or table", 3)
        end
    end
    return table.concat(parts, " ")
end

local realJSON = { tellraw = true, title = true }

-- A command object: callable, printable, and indexable for its
-- sub-commands (listed by native.list the first time one is asked for).
local meta = {}
local info = setmetatable({}, { __mode = "k" })

local function command(words, nbt, run)
    local object = setmetatable({}, meta)
    info[object] = { words = words, nbt = nbt, run = run }
    return object
end

function meta.__call(self, ...)
    local i = info[self]
    return i.run(commandLine(i.nbt, i.words, ...))
end

function meta.__tostring(self)
    return ("command %q"):format("/" .. table.concat(info[self].words, " "))
end

function meta.__index(self, key)
    local i = info[self]
    if i.listed then return nil end
    i.listed = true
    for _, child in ipairs(native.list(table.unpack(i.words))) do
        local words = { table.unpack(i.words) }
        words[#words + 1] = child
        rawset(self, child, command(words, i.nbt, i.run))
    end
    return rawget(self, key)
end

local api = _ENV
api.native = native
for name, fn in pairs(native) do
    api[name] = fn
end

-- A command named like a native function (list, exec, ...) keeps the
-- native: it is still reachable through commands.exec.
local async = {}
for _, name in ipairs(native.list()) do
    if api[name] == nil then
        local nbt = not realJSON[name]
        api[name] = command({ name }, nbt, native.exec)
        async[name] = command({ name }, nbt, native.execAsync)
    end
end

--- Asynchronous versions of every command, returning execAsync's task id.
api.async = async
