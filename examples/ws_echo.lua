-- A WebSocket echo and chat server: every message is echoed to its sender
-- and broadcast to the other clients. Send "/quit" to stop the server.
-- Run: craftos run examples/ws_echo.lua [port]
-- Then, e.g.: websocat ws://127.0.0.1:8081/
local port = tonumber(arg[1]) or 8081
local server = assert(http.websocketServer(port))
print("WebSocket server on ws://127.0.0.1:" .. port .. "/")

local clients, count = {}, 0
while true do
    local event, id, message, binary = os.pullEvent()
    if event == "websocket_server_connect" then
        local handle = message -- websocket_server_connect(port, handle)
        clients[handle.clientID] = handle
        count = count + 1
        print("client joined (" .. count .. " connected)")
    elseif event == "websocket_server_message" then
        if message == "/quit" then break end
        for other, handle in pairs(clients) do
            if other == id then
                handle.send(message, binary)
            else
                handle.send("someone said: " .. message, binary)
            end
        end
    elseif event == "websocket_server_closed" and clients[id] then
        clients[id] = nil
        count = count - 1
        print("client left (" .. count .. " connected)")
    end
end
for _, handle in pairs(clients) do handle.close() end
server.close()
print("Stopped")
