-- monitor: run a program with its output on a monitor (touches become
-- clicks, resizes term_resize), or set a monitor's text scale.
local args = { ... }

local function usage()
    local name = arg[0] or fs.getName(shell.getRunningProgram())
    print("Usage:")
    print("  " .. name .. " <name> <program> <arguments>")
    print("  " .. name .. " scale <name> <scale>")
end

if #args < 2 or (args[1] == "scale" and #args < 3) then
    usage()
    return
end

local function isMonitor(name)
    if peripheral.getType(name) == "monitor" then return true end
    print("No monitor named " .. name)
    return false
end

if args[1] == "scale" then
    local name = args[2]
    if not isMonitor(name) then return end
    local scale = tonumber(args[3])
    if not scale or scale < 0.5 or scale > 5 then
        print("Invalid scale: " .. args[3])
        return
    end
    peripheral.call(name, "setTextScale", scale)
    return
end

local name, program = args[1], args[2]
if not isMonitor(name) then return end
if not shell.resolveProgram(program) then
    print("No such program: " .. program)
    return
end

print("Running " .. program .. " on monitor " .. name)

local monitor = peripheral.wrap(name)
local previous = term.redirect(monitor)
local co = coroutine.create(function()
    (shell.execute or shell.run)(program, table.unpack(args, 3))
end)

-- Resume the program; its error is printed (on the monitor), and the
-- filter it yields for is returned.
local function resume(...)
    local ok, result = coroutine.resume(co, ...)
    if not ok then printError(result) end
    return result
end

local function running() return coroutine.status(co) ~= "dead" end
local function wants(filter, event) return filter == nil or filter == event end

-- A touch is a click released a tenth of a second later.
local releases = {}
local ok, err = pcall(function()
    local filter = resume()
    while running() do
        local event = table.pack(os.pullEventRaw())
        if wants(filter, event[1]) or event[1] == "terminate" then
            filter = resume(table.unpack(event, 1, event.n))
        end
        if running() and wants(filter, "mouse_click") and event[1] == "monitor_touch" and event[2] == name then
            releases[os.startTimer(0.1)] = { event[3], event[4] }
            filter = resume("mouse_click", 1, table.unpack(event, 3, event.n))
        end
        if running() and wants(filter, "term_resize") and event[1] == "monitor_resize" and event[2] == name then
            filter = resume("term_resize")
        end
        if running() and wants(filter, "mouse_up") and event[1] == "timer" and releases[event[2]] then
            local at = releases[event[2]]
            releases[event[2]] = nil
            filter = resume("mouse_up", 1, at[1], at[2])
        end
    end
end)

term.redirect(previous)
if not ok then printError(err) end
