#!/bin/sh
# Soak test of the HTTP and WebSocket listeners: bench/soakclient sends a
# mix of good and hostile traffic (client aborts, handler errors, responses
# never closed, oversized and malformed bodies, WebSocket churn, invalid
# UTF-8 and oversized frames) to `craftos run bench/soak_server.lua` on
# loopback for DURATION seconds (default 60), then the server idles.
# Reports: every request answered or refused cleanly (soakclient's exit
# status), the server's threads, file descriptors and RSS before, right
# after and 20 s after the load, and its goroutines after the idle against
# a fresh idle instance (counted from a SIGQUIT dump). Linux only (/proc).
# Usage: bench/soak.sh [DURATION]
set -eu
cd "$(dirname "$0")/.."
DURATION=${1:-60}
HP=${HTTP_PORT:-18190}
WP=${WS_PORT:-18191}
tmp=$(mktemp -d)
go build -o "$tmp/craftos" ./cmd/craftos
go build -o "$tmp/soakclient" ./bench/soakclient
FLAGS="--http-response-timeout 1 --http-max-response 4M --http-max-body 1048576 --http-idle-timeout 5 --ws-max-open 1000"
pid=
trap 'test -n "$pid" && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT

start() { # start LOG: runs the server, sets pid, waits for "ready"
	GOTRACEBACK=all "$tmp/craftos" run $FLAGS bench/soak_server.lua $HP $WP >"$1" 2>&1 &
	pid=$!
	n=0
	until grep -q ready "$1"; do
		sleep 0.1
		n=$((n + 1))
		[ $n -lt 100 ] || { echo "server never ready"; cat "$1"; exit 1; }
	done
	sleep 0.5
}
stat() { # stat LABEL
	printf '%-22s threads %3s  fds %4s  rss %6s KiB\n' "$1" \
		"$(awk '/^Threads:/ {print $2}' /proc/$pid/status)" \
		"$(ls /proc/$pid/fd | wc -l)" \
		"$(awk '/^VmRSS:/ {print $2}' /proc/$pid/status)"
}
goroutines() { # goroutines LOG: SIGQUIT dump; sets count
	kill -QUIT $pid
	wait $pid 2>/dev/null || true
	pid=
	count=$(grep -c '^goroutine [0-9]' "$1" || true)
}

start "$tmp/base.log"
goroutines "$tmp/base.log"
base=$count

start "$tmp/server.log"
stat "start"
status=0
"$tmp/soakclient" -http 127.0.0.1:$HP -ws 127.0.0.1:$WP -d "${DURATION}s" -max-body $((1 << 20)) || status=$?
stat "after load"
sleep 20
stat "after 20 s idle"
goroutines "$tmp/server.log"
echo "goroutines after idle: $count (fresh idle instance: $base)"
exit $status
