-- The Lua side of bench/ws.sh: every message goes back to its sender.
local port = tonumber(arg[1]) or 18183
local srv = assert(http.websocketServer(port))
local clients = {}
print("ready")
while true do
  local ev, a, b, c = os.pullEvent()
  if ev == "websocket_server_connect" then
    clients[b.clientID] = b
  elseif ev == "websocket_server_message" then
    clients[a].send(b, c)
  elseif ev == "websocket_server_closed" then
    clients[a] = nil
  end
end
