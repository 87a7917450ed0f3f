-- cc.internal.http.server: the Lua half of CraftOS-PC's HTTP server API.
-- Returns install(api, native), which adds http.listen. The natives
-- (addListener, removeListener, websocketServer) are Go.

local expect = dofile("rom/modules/main/cc/expect.lua").expect
-- The event trace's reporter (craftos --trace-events); nil when it is off.
local trace = debug.getregistry()["craftos.trace"]

return function(api, native)
    if not native.addListener then return end -- servers disabled
    local addListener, removeListener = native.addListener, native.removeListener
    -- failResponse(res, status) answers a failed handler's client; it is
    -- ours, not part of the API.
    local failResponse = native.failResponse
    api.failResponse = nil
    local create, resume, yield = coroutine.create, coroutine.resume, coroutine.yield
    local stockPullEvent, stockPullEventRaw = os.pullEvent, os.pullEventRaw

    -- What a handler's coroutine yields when its callback has returned.
    local DONE = {}

    --- Serve HTTP on port, calling callback(request, response) for each
    -- request, until a callback returns true or a server_stop event
    -- arrives; running handlers then finish (new requests get 503) and
    -- listen returns with the port closed.
    --
    -- Each request runs in its own coroutine (an addition to CraftOS-PC,
    -- where a handler that waits for an event takes the other requests'
    -- events): a handler may sleep, call http.get or wait on a WebSocket
    -- and only its own client waits. A handler that raises gets its client
    -- 500 (a cut connection once it has flushed), stops the listener and
    -- the error is raised from listen, as in CraftOS-PC (unless it came
    -- from reading a body its client failed to send). Terminate raises
    -- "Terminated" and leaves the port bound, as in CraftOS-PC.
    function api.listen(port, callback)
        expect(1, port, "number")
        expect(2, callback, "function")
        addListener(port)

        -- A handler coroutine runs callbacks one after another: one that
        -- returns without waiting goes back to idle for the next request,
        -- so a request costs a resume, not a new coroutine.
        local function handler(req, res)
            while true do
                req, res = yield(DONE, callback(req, res))
            end
        end
        local idle, nIdle = {}, 0
        -- Handlers waiting for an event, in the order they began waiting,
        -- with their filters (false: any event) and responses.
        local waiting, nWaiting = {}, 0
        local filters, responses = {}, {}
        local stopping = false

        -- after handles what co's resume returned: done (back to idle),
        -- waiting for an event, or failed. res is co's response.
        local function after(co, res, ok, first, stop)
            if not ok then
                responses[co], filters[co] = nil, nil
                local _, clientFault = failResponse(res, 500)
                -- A request body the client failed to send raises in the
                -- handler's read; that client has its answer (413, 408,
                -- 400) and the server goes on.
                if clientFault then return true end
                removeListener(port)
                error(first, 0)
            end
            if first == DONE then
                responses[co], filters[co] = nil, nil
                if nIdle < 16 then nIdle = nIdle + 1 idle[nIdle] = co end
                if stop then stopping = true end
                return true
            end
            responses[co] = res
            filters[co] = first or false
            return false
        end

        local function request(req, res)
            if stopping then
                failResponse(res, 503)
                return
            end
            local co
            if nIdle > 0 then
                co, idle[nIdle], nIdle = idle[nIdle], nil, nIdle - 1
            else
                co = create(handler)
            end
            if not after(co, res, resume(co, req, res)) then
                nWaiting = nWaiting + 1
                waiting[nWaiting] = co
            end
        end

        -- Hands an event to the waiting handlers whose filter takes it.
        local function broadcast(event, ...)
            local n = 0
            for i = 1, nWaiting do
                local co = waiting[i]
                local filter = filters[co]
                if filter == false or filter == event or event == "terminate" then
                    if trace then trace("received", co, nil, callback) end
                    if not after(co, responses[co], resume(co, event, ...)) then
                        n = n + 1
                        waiting[n] = co
                    end
                else
                    if trace then trace("skipped", co, filter, callback) end
                    n = n + 1
                    waiting[n] = co
                end
            end
            for i = n + 1, nWaiting do waiting[i] = nil end
            nWaiting = n
        end

        local function dispatch(event, p1, ...)
            if event == "http_request" and p1 == port then
                request(...)
            else
                if event == "server_stop" then stopping = true end
                if nWaiting > 0 then broadcast(event, p1, ...) end
            end
        end

        local function raw(event, ...)
            if event == "terminate" then error("Terminated", 0) end
            return dispatch(event, ...)
        end

        while not stopping or nWaiting > 0 do
            -- os.pullEvent, without its table.pack/unpack while the
            -- bios's own functions are in place (programs replace
            -- os.pullEvent, e.g. to ignore terminate, and are then
            -- honoured).
            if os.pullEvent ~= stockPullEvent or os.pullEventRaw ~= stockPullEventRaw then
                dispatch(os.pullEvent())
            else
                raw(yield())
            end
        end
        removeListener(port)
    end
end
