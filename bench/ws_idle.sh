#!/bin/sh
# Memory per idle WebSocket client of a craftos WebSocket server, measured
# as the growth of the server process's resident set (VmRSS) while N
# clients (default 5,000) from another process are connected and idle.
# Usage: bench/ws_idle.sh [clients]. Linux only (/proc).
set -eu
cd "$(dirname "$0")/.."
N=${1:-5000}
PORT=${PORT:-18182}
tmp=$(mktemp -d)
go build -o "$tmp/craftos" ./cmd/craftos
go build -o "$tmp/wsidle" ./bench/wsidle
cat >"$tmp/server.lua" <<LUA
local srv = assert(http.websocketServer($PORT))
local clients, n = {}, 0
print("ready")
while true do
  local ev, a, b = os.pullEvent()
  if ev == "websocket_server_connect" then
    clients[b.clientID] = b
    n = n + 1
    if n == $N then print("all connected") end
  elseif ev == "websocket_server_closed" then
    clients[a] = nil
  end
end
LUA
mkfifo "$tmp/hold"
"$tmp/craftos" run --http-max-connections $((N + 100)) "$tmp/server.lua" >"$tmp/server.log" 2>&1 &
srv=$!
trap 'kill $srv 2>/dev/null; rm -rf "$tmp"' EXIT
until grep -q ready "$tmp/server.log"; do sleep 0.1; done
sleep 0.5
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
before=$(rss $srv)
"$tmp/wsidle" -n "$N" -url "ws://127.0.0.1:$PORT/" <"$tmp/hold" >"$tmp/client.log" &
client=$!
exec 3>"$tmp/hold" # keeps the clients' stdin open
until grep -q "all connected" "$tmp/server.log"; do sleep 0.1; done
sleep 2
after=$(rss $srv)
exec 3>&-
wait $client
echo "$N idle clients: server RSS ${before} KiB -> ${after} KiB, $(( (after - before) / N )) KiB per client" \
  "($(awk -v a="$after" -v b="$before" -v n="$N" 'BEGIN { printf "%.1f", (a - b) / n }') KiB)"
