-- Server side of bench/soak.sh: an HTTP listener whose routes misbehave on
-- purpose, and a WebSocket echo server. Ports come as arguments.
local httpPort, wsPort = tonumber(arg[1]), tonumber(arg[2])
http.addListener(httpPort)
local wss = assert(http.websocketServer(wsPort))
local clients = {}
local routes = {
  ["/ok"] = function(req, res) res.write(req.readAll()) res.close() end,
  ["/error"] = function() error("handler error") end,
  ["/never"] = function() end, -- never closed: the client gets 504
  ["/big"] = function(req, res) -- past --http-max-response: 500
    local chunk = ("x"):rep(1024 * 1024)
    while true do res.write(chunk) end
  end,
}
print("ready")
while true do
  local ev, a, b, c = os.pullEvent()
  if ev == "http_request" then
    local route = routes[b.getURL():match("^[^?]*")]
    local ok = route and pcall(route, b, c)
    if not ok then
      pcall(function() c.setStatusCode(route and 500 or 404) c.close() end)
    end
  elseif ev == "websocket_server_connect" then
    clients[b.clientID] = b
  elseif ev == "websocket_server_message" then
    local h = clients[a]
    if h then pcall(h.send, b, c) end
  elseif ev == "websocket_server_closed" then
    clients[a] = nil
  end
end
