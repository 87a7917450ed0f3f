-- A server-sent events clock: each client gets the time once a second,
-- streamed with res.flush() (an addition to CraftOS-PC's server API).
-- Every client has its own handler, which sleeps between events without
-- holding up the others.
-- Run: craftos run examples/sse_clock.lua [port]
-- Then: curl -N http://127.0.0.1:8082/        (?n=5 stops after 5 events)
local port = tonumber(arg[1]) or 8082
print("Streaming the time on http://127.0.0.1:" .. port .. "/ (try curl -N)")
http.listen(port, function(req, res)
    res.setResponseHeader("Content-Type", "text/event-stream")
    res.setResponseHeader("Cache-Control", "no-cache")
    local count = tonumber(req.getURL():match("[?&]n=(%d+)"))
    local sent = 0
    -- flush() sends what is written so far; false once the client left.
    while res.flush() and sent ~= count do
        sent = sent + 1
        res.write("id: " .. sent .. "\ndata: " .. os.date("%H:%M:%S") .. "\n\n")
        sleep(1)
    end
    res.close()
end)
