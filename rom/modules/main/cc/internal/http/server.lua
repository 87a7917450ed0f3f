-- cc.internal.http.server: the Lua half of CraftOS-PC's HTTP server API.
-- Returns install(api, native), which adds http.listen. The natives
-- (addListener, removeListener, websocketServer) are Go.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

return function(api, native)
    if not native.addListener then return end -- servers disabled
    local addListener, removeListener = native.addListener, native.removeListener
    local yield = coroutine.yield
    local stockPullEvent, stockPullEventRaw = os.pullEvent, os.pullEventRaw

    -- os.pullEvent(), without its table.pack/unpack while the bios's own
    -- functions are in place (programs replace os.pullEvent, e.g. to
    -- ignore terminate, and are then honoured).
    local function pullEvent()
        if os.pullEvent ~= stockPullEvent or os.pullEventRaw ~= stockPullEventRaw then
            return os.pullEvent()
        end
        local event, p1, p2, p3 = yield()
        if event == "terminate" then error("Terminated", 0) end
        return event, p1, p2, p3
    end

    --- Serve HTTP on port, calling callback(request, response) for each
    -- request in arrival order, until the callback returns true or a
    -- server_stop event arrives; then stop listening and return.
    -- Terminate raises "Terminated" and leaves the port bound, as in
    -- CraftOS-PC.
    function api.listen(port, callback)
        expect(1, port, "number")
        expect(2, callback, "function")
        addListener(port)
        while true do
            local event, p1, p2, p3 = pullEvent()
            if event == "server_stop" then
                removeListener(port)
                return
            elseif event == "http_request" and p1 == port then
                if callback(p2, p3) then
                    removeListener(port)
                    return
                end
            end
        end
    end
end
