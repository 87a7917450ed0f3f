#!/bin/sh
# Runtime benchmarks (BENCHMARKS.md, "Runtime"): start-to-exit and fib(30)
# against Debian's lua5.2 with hyperfine, then the Go benchmarks of the
# coroutines, the event queue and the boot.
#   bench/runtime.sh            # needs lua5.2 and hyperfine (apt-get install lua5.2 hyperfine)
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/craftos" ./cmd/craftos
go build -o "$out/rawlua" ./bench/rawlua
printf 'print("Hello, world!")\n' > "$out/hello.lua"
cat > "$out/fib.lua" <<'LUA'
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(30))
LUA
cd "$out"
echo "== start to exit"
hyperfine -N -w 5 -r 50 'lua5.2 hello.lua' './craftos run hello.lua'
echo "== fib(30), whole process"
hyperfine -N -w 2 -r 10 'lua5.2 fib.lua' './rawlua fib.lua' './craftos run --watchdog 0 fib.lua' './craftos run fib.lua'
cd - >/dev/null
echo "== Go benchmarks"
go test -run '^$' -bench 'ResumeYield|Coroutine|Fib30|PCall' -benchmem -count 3 ./internal/vm
go test -run '^$' -bench . -benchmem -count 3 ./internal/events
go test -run '^$' -bench 'BootToExit|QueueEventPullEvent' -benchmem -count 3 ./internal/computer
