-- A WebSocket chat room in which every client has its own coroutine, so a
-- client's handler may wait (here "/slow" makes it sleep 5 s before
-- answering) while the others chat on. Messages reaching a client while
-- its handler waits are kept in its inbox, never lost; sends are queued,
-- so a client that does not read cannot hold up the others either.
-- Run: craftos run examples/ws_chat.lua [port]
-- Then, in two terminals: websocat ws://127.0.0.1:8083/
-- Commands: /slow, /who, /quit (leave), /shutdown (stop the server).
local port = tonumber(arg[1]) or 8083
local server = assert(http.websocketServer(port))
print("Chat server on ws://127.0.0.1:" .. port .. "/")

local clients = {} -- connection handle -> { name, inbox, closed }
local running = {} -- coroutine -> the event it waits for (false: any)
local stop = false

local function broadcast(from, text)
    for ws in pairs(clients) do
        if ws ~= from then ws.send(text) end
    end
end

-- The next message of this client, nil once it has left.
local function receive(client)
    while #client.inbox == 0 do
        if client.closed then return nil end
        coroutine.yield() -- any event may fill the inbox
    end
    return table.remove(client.inbox, 1)
end

local function serve(ws)
    local client = { inbox = {}, closed = false }
    clients[ws] = client
    ws.send("Welcome! What is your name?")
    local name = receive(client)
    if not name then clients[ws] = nil return end
    client.name = name
    broadcast(ws, name .. " joined")
    print(name .. " joined")
    while true do
        local msg = receive(client)
        if msg == nil or msg == "/quit" then break end
        if msg == "/shutdown" then stop = true break end
        if msg == "/slow" then
            sleep(5) -- only this client waits
            ws.send("(you waited 5 seconds)")
        elseif msg == "/who" then
            local names = {}
            for _, c in pairs(clients) do names[#names + 1] = c.name end
            ws.send("here: " .. table.concat(names, ", "))
        else
            broadcast(ws, name .. ": " .. msg)
        end
    end
    clients[ws] = nil
    if not client.closed then ws.close() end
    broadcast(nil, name .. " left")
    print(name .. " left")
end

-- Resume co with an event, and note what it waits for next.
local function step(co, ...)
    local ok, filter = coroutine.resume(co, ...)
    if not ok then printError(filter) end
    if coroutine.status(co) == "dead" then
        running[co] = nil
    else
        running[co] = filter or false
    end
end

while not stop do
    local event = table.pack(os.pullEvent())
    local name, id = event[1], event[2]
    if name == "websocket_server_connect" and id == port then
        local co = coroutine.create(serve)
        step(co, event[3])
    else
        for ws, client in pairs(clients) do
            if ws.clientID == id then
                if name == "websocket_server_message" then
                    client.inbox[#client.inbox + 1] = event[3]
                elseif name == "websocket_server_closed" then
                    client.closed = true
                end
            end
        end
        for co, filter in pairs(running) do
            if filter == false or filter == name then
                step(co, table.unpack(event, 1, event.n))
            end
        end
    end
end
for ws in pairs(clients) do ws.close() end
server.close()
print("Stopped")
