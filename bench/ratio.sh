# Shared by bench/http.sh and bench/ws.sh (sourced): starting craftos and
# the ceiling, the server's CPU time from /proc, and the report of
# alternating rounds against the ceiling.
# Rounds are files of lines "rate p99_ms cpu_us_per_op"; the median round
# by rate is reported.

# start_pair LUA_SCRIPT CEILING_PACKAGE: builds craftos and the ceiling
# server, starts the script under craftos on $LUA_PORT and the ceiling on
# $GO_PORT (its -addr flag); sets tmp, lua_pid and go_pid, and cleans up
# at exit.
start_pair() {
  tmp=$(mktemp -d)
  go build -o "$tmp/craftos" ./cmd/craftos
  go build -o "$tmp/ceiling" "$2"
  "$tmp/craftos" run "$1" "$LUA_PORT" >"$tmp/lua.log" 2>&1 &
  lua_pid=$!
  "$tmp/ceiling" -addr "127.0.0.1:$GO_PORT" >"$tmp/go.log" 2>&1 &
  go_pid=$!
  trap 'kill $lua_pid $go_pid 2>/dev/null; rm -rf "$tmp"' EXIT
}

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime+stime, clock ticks
tick=$(getconf CLK_TCK)

# alternate runs $ROUNDS pairs of rounds, craftos then the ceiling, with
# the caller's round NAME PID PORT.
alternate() {
  r=0
  while [ $r -lt "$ROUNDS" ]; do
    round lua "$lua_pid" "$LUA_PORT"
    round go "$go_pid" "$GO_PORT"
    r=$((r+1))
  done
}

median() { sort -n -k1,1 "$1" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }

# report UNIT NAME FILE CEILING_NAME CEILING_FILE
report() {
  echo "rounds ($1/s p99_ms cpu_us/$1):"
  sed "s|^|  $(printf '%-11s' "$2") |" "$3"
  sed "s|^|  $(printf '%-11s' "$4") |" "$5"
  ours=$(median "$3")
  ceiling=$(median "$5")
  printf "%-12s %10s %9s %14s\n" server "$1/s" p99_ms "cpu_us/$1"
  echo "$ours" | awk -v n="$2" '{ printf "%-12s %10.0f %9.2f %14.1f\n", n, $1, $2, $3 }'
  echo "$ceiling" | awk -v n="$4" '{ printf "%-12s %10.0f %9.2f %14.1f\n", n, $1, $2, $3 }'
  echo "$ours $ceiling" | awk '{ printf "ratio        %9.1f%%\n", 100 * $1 / $4 }'
}
