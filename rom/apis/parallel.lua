--- parallel: run several functions side by side as coroutines, each
-- waiting for its own events.

-- One coroutine per function. Called directly by waitForAny/waitForAll, so
-- level 3 blames their caller.
local function create_all(...)
    local fns = table.pack(...)
    local routines = {}
    for i = 1, fns.n do
        local fn = fns[i]
        if type(fn) ~= "function" then
            error(("bad argument #%d (function expected, got %s)"):format(i, type(fn)), 3)
        end
        routines[i] = coroutine.create(fn)
    end
    return routines, fns.n
end

-- The event trace's reporter (craftos --trace-events); nil when it is off.
local trace = debug.getregistry()["craftos.trace"]

-- Whether a coroutine waiting with `filter` should see the event `name`.
local function wants(filter, name)
    return filter == nil or filter == name or name == "terminate"
end

-- Resume the routines until at most `limit` of them are still alive;
-- returns the index of the routine whose end reached the limit.
local function run_until(routines, count, limit)
    if count < 1 then return 0 end
    local living = count
    local filters = {}
    local event = { n = 0 } -- the first round runs everyone with no event

    while true do
        for i = 1, count do
            local routine = routines[i]
            if trace and routine and event.n > 0 then
                if wants(filters[routine], event[1]) then
                    trace("received", routine)
                else
                    trace("skipped", routine, filters[routine])
                end
            end
            if routine and wants(filters[routine], event[1]) then
                local ok, filter = coroutine.resume(routine, table.unpack(event, 1, event.n))
                if not ok then error(filter, 0) end
                filters[routine] = filter
                if coroutine.status(routine) == "dead" then
                    routines[i] = nil
                    living = living - 1
                    if living <= limit then return i end
                end
            end
        end
        event = table.pack(os.pullEventRaw())
    end
end

--- Run all functions until any one of them returns; returns its index.
function waitForAny(...)
    local routines, count = create_all(...)
    return run_until(routines, count, count - 1)
end

--- Run all functions until every one of them has returned; returns the
-- index of the last to finish.
function waitForAll(...)
    local routines, count = create_all(...)
    return run_until(routines, count, 0)
end
