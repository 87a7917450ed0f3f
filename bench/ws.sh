#!/bin/sh
# WebSocket echo benchmark: bench/wsecho (another process) against the Lua
# echo server bench/ws_echo_server.lua under craftos and against
# bench/gowsecho (plain coder/websocket: the ceiling), alternating rounds
# in the same run; the median round of each is reported with its p99 round
# trip and the server's CPU time per message (from /proc).
#
# Usage: bench/ws.sh [seconds-per-round] [connections] [rounds]. Linux only.
set -eu
cd "$(dirname "$0")/.."
DUR=${1:-5}
CONNS=${2:-50}
ROUNDS=${3:-3}
LUA_PORT=${LUA_PORT:-18183}
GO_PORT=${GO_PORT:-18184}
. bench/ratio.sh
start_pair bench/ws_echo_server.lua ./bench/gowsecho
go build -o "$tmp/wsecho" ./bench/wsecho
until grep -q ready "$tmp/lua.log"; do sleep 0.1; done
sleep 0.3

# round NAME PID PORT: appends "msgs/s p99_ms cpu_us_per_msg" to $tmp/NAME
round() {
  c0=$(cpu "$2")
  out=$("$tmp/wsecho" -url "ws://127.0.0.1:$3/" -c "$CONNS" -d "${DUR}s")
  c1=$(cpu "$2")
  echo "$out" | awk -v c0="$c0" -v c1="$c1" -v tick="$tick" -v d="$DUR" \
    '{ printf "%s %s %.1f\n", $1, $2, (c1 - c0) * 1e6 / tick / ($1 * d) }' >>"$tmp/$1"
}
"$tmp/wsecho" -url "ws://127.0.0.1:$LUA_PORT/" -c "$CONNS" -d 2s >/dev/null
"$tmp/wsecho" -url "ws://127.0.0.1:$GO_PORT/" -c "$CONNS" -d 2s >/dev/null
alternate
echo "wsecho -c$CONNS -d${DUR}s, $ROUNDS alternating rounds, median by msgs/s"
report msg "craftos Lua" "$tmp/lua" coder/ws "$tmp/go"
