#!/bin/sh
# The cost of the Lua fidelity work (BENCHMARKS.md, "Lua fidelity"): the same
# workloads on a baseline build (default: the commit before the fidelity
# issues) and on this tree, side by side in one hyperfine run, with lua5.2
# as the reference.
#   bench/fidelity.sh [BASE_REV]     # needs lua5.2 and hyperfine
set -eu
cd "$(dirname "$0")/.."
base=${1:-b062a5b}
out=$(mktemp -d)
trap 'git worktree remove --force "$out/base" >/dev/null 2>&1 || true; rm -rf "$out"' EXIT
git worktree add --detach "$out/base" "$base" >/dev/null 2>&1
(cd "$out/base" && go build -o "$out/craftos-base" ./cmd/craftos)
go build -o "$out/craftos" ./cmd/craftos
cat > "$out/fib.lua" <<'LUA'
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(30))
LUA
# String building with numbers: `..` now writes %.14g text as tostring does.
cat > "$out/concat.lua" <<'LUA'
local t = {}
for i = 1, 300000 do t[#t + 1] = "item " .. i .. " is " .. i / 3 .. "%" end
print(#table.concat(t, ","))
LUA
cat > "$out/date.lua" <<'LUA'
local n = 0
for i = 1, 100000 do n = n + #os.date("!%a %x %T %D %R %j %c", 1700000000 + i * 3600) end
print(n)
LUA
# A line hook counting lines over a loop (new: debug.sethook).
cat > "$out/hook.lua" <<'LUA'
local lines = 0
debug.sethook(function() lines = lines + 1 end, "l")
local s = 0
for i = 1, 300000 do s = s + i end
debug.sethook()
print(lines > 0, s)
LUA
cd "$out"
echo "== fib(30): baseline, this tree, this tree without the memory limit, lua5.2"
hyperfine -N -w 1 -r 10 './craftos-base run fib.lua' './craftos run fib.lua' './craftos run --memory-limit 0 fib.lua' 'lua5.2 fib.lua'
echo "== string building with numbers"
hyperfine -N -w 1 -r 10 './craftos-base run concat.lua' './craftos run concat.lua' './craftos run --memory-limit 0 concat.lua' 'lua5.2 concat.lua'
echo "== os.date, 100,000 calls (the baseline's os.date was wrong for most of these codes)"
hyperfine -N -w 1 -r 10 './craftos-base run date.lua' './craftos run date.lua' 'lua5.2 date.lua'
echo "== a line hook over 300,000 iterations (the baseline has no debug.sethook)"
hyperfine -N -w 1 -r 10 './craftos run hook.lua' 'lua5.2 hook.lua'
