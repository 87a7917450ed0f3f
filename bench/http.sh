#!/bin/sh
# HTTP server benchmark: wrk against examples/hello_server.lua (http.listen)
# and against bench/gohello (plain net/http, the ceiling), one after the
# other in the same run. Usage: bench/http.sh [seconds] [connections]
set -eu
cd "$(dirname "$0")/.."
DUR=${1:-10}
CONNS=${2:-50}
LUA_PORT=18180
GO_PORT=18181
command -v wrk >/dev/null || { echo "wrk not found (apt-get install -y wrk)"; exit 1; }
tmp=$(mktemp -d)
go build -o "$tmp/craftos" ./cmd/craftos
go build -o "$tmp/gohello" ./bench/gohello
"$tmp/craftos" run examples/hello_server.lua $LUA_PORT >"$tmp/lua.log" 2>&1 &
lua_pid=$!
"$tmp/gohello" -addr 127.0.0.1:$GO_PORT >"$tmp/go.log" 2>&1 &
go_pid=$!
trap 'kill $lua_pid $go_pid 2>/dev/null; rm -rf "$tmp"' EXIT
for p in $LUA_PORT $GO_PORT; do
  i=0
  until curl -s -o /dev/null "http://127.0.0.1:$p/"; do
    i=$((i+1)); [ $i -gt 100 ] && { echo "server on $p did not start"; cat "$tmp"/*.log; exit 1; }
    sleep 0.1
  done
done

run() { # name port
  wrk -t2 -c"$CONNS" -d"${DUR}s" --latency "http://127.0.0.1:$2/bench" >"$tmp/out.wrk"
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/out.wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$tmp/out.wrk")
  echo "$1 $rps $p99"
}
# warm both up, then measure
wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$LUA_PORT/" >/dev/null
wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$GO_PORT/" >/dev/null
lua=$(run http.listen $LUA_PORT)
gol=$(run net/http $GO_PORT)
echo "server        req/s       p99"
echo "$lua" | awk '{printf "%-12s %10s %9s\n", $1, $2, $3}'
echo "$gol" | awk '{printf "%-12s %10s %9s\n", $1, $2, $3}'
echo "$lua $gol" | awk '{printf "ratio        %9.1f%%\n", 100*$2/$5}'
