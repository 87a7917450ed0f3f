# Shared by bench/http.sh and bench/ws.sh (sourced): the server's CPU
# time from /proc, and the report of alternating rounds against a ceiling.
# Rounds are files of lines "rate p99_ms cpu_us_per_op"; the median round
# by rate is reported.

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime+stime, clock ticks
tick=$(getconf CLK_TCK)

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
