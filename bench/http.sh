#!/bin/sh
# HTTP server benchmark: wrk against examples/hello_server.lua (http.listen)
# and against bench/gohello (plain net/http, the ceiling), alternating
# rounds in the same run on the same machine; the median round of each is
# reported, with p99 latency and the server's CPU time per request (from
# /proc, so it does not depend on what else the machine is doing).
#
# Usage: bench/http.sh [seconds-per-round] [connections] [rounds]
# Needs wrk (apt-get install -y wrk) and curl. Linux only (/proc).
set -eu
cd "$(dirname "$0")/.."
DUR=${1:-5}
CONNS=${2:-50}
ROUNDS=${3:-3}
THREADS=${WRK_THREADS:-1} # one wrk thread leaves the other core to the server
LUA_PORT=${LUA_PORT:-18180}
GO_PORT=${GO_PORT:-18181}
command -v wrk >/dev/null || { echo "wrk not found (apt-get install -y wrk)"; exit 1; }
. bench/ratio.sh
start_pair examples/hello_server.lua ./bench/gohello
for p in $LUA_PORT $GO_PORT; do
  i=0
  until curl -s -o /dev/null "http://127.0.0.1:$p/"; do
    i=$((i+1)); [ $i -gt 100 ] && { echo "server on $p did not start"; cat "$tmp"/*.log; exit 1; }
    sleep 0.1
  done
done

# round NAME PID PORT: one wrk run, appends "rps p99_ms cpu_us_per_req" to $tmp/NAME
round() {
  c0=$(cpu "$2")
  wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --latency "http://127.0.0.1:$3/bench" >"$tmp/out.wrk"
  c1=$(cpu "$2")
  awk -v c0="$c0" -v c1="$c1" -v tick="$tick" '
    function ms(s) { if (s ~ /us$/) return s / 1000; if (s ~ /ms$/) return s + 0; if (s ~ /s$/) return s * 1000; return s }
    / requests in / { n = $1 }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%s %.3f %.1f\n", rps, p99, (c1 - c0) * 1e6 / tick / n }' "$tmp/out.wrk" >>"$tmp/$1"
}

# warm up both
wrk -t"$THREADS" -c"$CONNS" -d2s "http://127.0.0.1:$LUA_PORT/" >/dev/null
wrk -t"$THREADS" -c"$CONNS" -d2s "http://127.0.0.1:$GO_PORT/" >/dev/null
alternate

echo "wrk -t$THREADS -c$CONNS -d${DUR}s, $ROUNDS alternating rounds, median by req/s"
report req http.listen "$tmp/lua" net/http "$tmp/go"
