#!/bin/bash
# The suite must pass on a loaded machine: `make test` five times in this
# checkout while a second `make test` loops in the same checkout and a CPU
# hog (`yes`) takes a core (RUNS=N for another count). Prints one line per
# run; exits 1 if any failed.
# Logs: $LOGDIR/run-N.log (default /tmp/craftos-loadproof).
set -u
cd "$(dirname "$0")/.."
logdir=${LOGDIR:-/tmp/craftos-loadproof}
mkdir -p "$logdir"
yes > /dev/null & hog=$!
(while true; do make test > "$logdir/other.log" 2>&1; done) & other=$!
trap 'kill $hog 2>/dev/null; pkill -P $other 2>/dev/null; kill $other 2>/dev/null' EXIT
failed=0
for i in $(seq 1 ${RUNS:-5}); do
	start=$(date +%s)
	if make test > "$logdir/run-$i.log" 2>&1; then r=pass; else r=FAIL; failed=1; fi
	echo "run $i: $r in $(( $(date +%s) - start )) s"
done
exit $failed
