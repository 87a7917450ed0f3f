-- cc.internal.exception: running a program so that an uncaught error can
-- be shown with the line that raised it. Internal to the ROM (the shell and
-- the lua prompt use it); not an API for programs. Written for craftos;
-- behaviour follows CraftOS's module of the same name.
--
-- An exception is a table whose metatable's __name is "exception", with a
-- string `message` and the coroutine `thread` the error happened in. A
-- coroutine manager may raise one to have the shell report the error
-- against that coroutine's frames.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

local exception_mt = {
    __name = "exception",
    __tostring = function(self) return self.message end,
}

local function make_exception(message, thread)
    return setmetatable({ message = message, thread = thread }, exception_mt)
end

local function is_exception(value)
    if type(value) ~= "table" then return false end
    local mt = getmetatable(value)
    return type(mt) == "table" and mt.__name == "exception"
        and type(rawget(value, "message")) == "string"
        and type(rawget(value, "thread")) == "thread"
end

-- The first function of every coroutine try starts: it marks the stack as
-- exception-aware and keeps, as its first local, the parent's record. One
-- function for every copy of this module (kept in the registry), so a
-- barrier made by another copy is recognised. Its result goes through
-- `pass`, so the call of f is not a tail call and the barrier stays on the
-- stack.
local registry = debug.getregistry()
local try_barrier = registry.cc_try_barrier
if not try_barrier then
    local function pass(...) return ... end
    try_barrier = function(parent, f, ...) return pass(f(...)) end
    registry.cc_try_barrier = try_barrier
end

local catching = { [pcall] = true, [xpcall] = true, [load] = true }

-- The event trace's reporter (craftos --trace-events); nil when it is off.
local trace = registry["craftos.trace"]

-- Whether nothing between here (in thread) and the nearest try barrier
-- catches errors, so that an error may be turned into an exception without
-- any code seeing the difference.
local function can_wrap_errors(thread)
    thread = thread or coroutine.running()
    for level = 0, 31 do
        local info = debug.getinfo(thread, level, "f")
        if not info then return false end
        if info.func == try_barrier then
            local _, parent = debug.getlocal(thread, level, 1)
            if type(parent) ~= "table" or type(parent.co) ~= "thread" then return false end
            if parent.can_wrap == nil then parent.can_wrap = can_wrap_errors(parent.co) end
            return parent.can_wrap
        elseif catching[info.func] then
            return false
        end
    end
    return false
end

-- Run func(...) in a coroutine of its own, passing it the events it waits
-- for. Returns true and func's results, or false, the error and the
-- coroutine the error was raised in (whose frames report reads).
local function try(func, ...)
    expect(1, func, "function")
    local co = coroutine.create(try_barrier)
    local result = table.pack(coroutine.resume(co, { co = co, can_wrap = true }, func, ...))
    while coroutine.status(co) ~= "dead" do
        local filter = result[2]
        local event = table.pack(os.pullEventRaw(filter))
        if filter == nil or event[1] == filter or event[1] == "terminate" then
            if trace then trace("received", co, nil, func) end
            result = table.pack(coroutine.resume(co, table.unpack(event, 1, event.n)))
        elseif trace then
            trace("skipped", co, filter, func)
        end
    end
    if result[1] then return table.unpack(result, 1, result.n) end
    local err = result[2]
    if is_exception(err) then return false, rawget(err, "message"), rawget(err, "thread") end
    return false, err, co
end

-- The first Lua frame of thread (among its 16 innermost) running line of
-- the chunk errors call file.
local function frame_at(thread, file, line)
    for level = 0, 15 do
        local info = debug.getinfo(thread, level, "Sl")
        if not info then return nil end
        if info.what ~= "C" and info.short_src == file and info.currentline == line then return info end
    end
    return nil
end

-- Line `line` (from 1) of the text `contents`, nil past its end.
local function nth_line(contents, line)
    local start = 1
    for _ = 2, line do
        local nl = string.find(contents, "\n", start, true)
        if not nl then return nil end
        start = nl + 1
    end
    local stop = string.find(contents, "\n", start, true)
    return string.sub(contents, start, stop and stop - 1 or #contents)
end

-- Show, under an error message already printed, the source line the error
-- was raised on with a mark under the failing expression. Shows nothing
-- when the error has no position, the frame or its column is not found, or
-- the source cannot be read. source_map maps chunk names to their text
-- (or to { contents = text, offset = n } when the chunk was compiled with
-- n characters in front of that text, as the lua prompt does).
local function report(err, thread, source_map)
    expect(2, thread, "thread")
    expect(3, source_map, "table", "nil")
    if type(err) ~= "string" then return end

    local file, line = string.match(err, "^([^:]+):(%d+):")
    if not file then return end
    line = tonumber(line)

    local frame = frame_at(thread, file, line)
    if not frame or not frame.currentcolumn then return end
    local column = frame.currentcolumn

    local text
    local mapped = source_map and source_map[frame.source]
    if mapped then
        if type(mapped) == "table" then
            column = column - mapped.offset
            mapped = mapped.contents
        end
        text = nth_line(mapped, line)
    elseif string.sub(frame.source, 1, 2) == "@/" then
        local handle = fs.open(string.sub(frame.source, 3), "r")
        if not handle then return end
        for _ = 2, line do handle.readLine() end
        text = handle.readLine()
        handle.close()
    end
    if not text then return end

    local print_error = dofile("rom/modules/main/cc/internal/error_printer.lua")
    print_error({
        get_pos = function() return line, column end,
        get_line = function() return text end,
    }, {
        { tag = "annotate", start_pos = column, end_pos = column, msg = "" },
    })
end

return {
    make_exception = make_exception,
    try_barrier = try_barrier,
    can_wrap_errors = can_wrap_errors,
    try = try,
    report = report,
}
