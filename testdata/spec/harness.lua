-- A tiny spec harness for the ROM tests.
--   local h = dofile("testdata/spec/harness.lua")
--   h.describe("thing", function() h.it("works", function() h.expect(1).toBe(1) end) end)
--   h.finish()
-- Works both inside craftos (APIs already loaded by the bios) and under a
-- plain lua5.2 run from the repository root (APIs loaded from rom/ here).
-- Under `craftos test` (its test API is in the spec's environment) h.describe,
-- h.it and failures go to that runner, which collects, runs and reports the
-- tests; h.finish does nothing then.

local h = {}
local real_io = io -- plain Lua's io, for the fs stub
local passed, failed = 0, 0
local expectations = 0 -- expect() calls so far; an `it` must make one
local prefix = {}
local out = print

local function full_name(name)
    local parts = {}
    for i = 1, #prefix do parts[#parts + 1] = prefix[i] end
    parts[#parts + 1] = name
    return table.concat(parts, " ")
end

-- Deep equality with cycle protection: tables compare by contents.
local function deep_equal(a, b, seen)
    if a == b then return true end
    if type(a) ~= "table" or type(b) ~= "table" then
        return a ~= a and b ~= b -- NaN equals NaN here
    end
    seen = seen or {}
    if seen[a] == b then return true end
    seen[a] = b
    for k, v in pairs(a) do
        if not deep_equal(v, b[k], seen) then return false end
    end
    for k in pairs(b) do
        if a[k] == nil then return false end
    end
    return true
end

-- Short readable form of a value for failure messages.
local function show(v, depth)
    depth = depth or 0
    if type(v) == "string" then return string.format("%q", v) end
    if type(v) ~= "table" or depth > 3 then return tostring(v) end
    local parts = {}
    for k, x in pairs(v) do
        parts[#parts + 1] = "[" .. show(k, depth + 1) .. "]=" .. show(x, depth + 1)
    end
    table.sort(parts)
    return "{" .. table.concat(parts, ", ") .. "}"
end
h.show = show
h.deep_equal = deep_equal

-- Error texts are compared without a leading "file:line: ": whether one is
-- there depends on the error level, which expect_spec checks on its own.
local function strip_position(err)
    return (err:gsub("^[^:\n]+:%d+: ", "", 1))
end

-- Under `craftos test` the test API is in the spec's environment, which
-- this file (run by dofile, in _G) does not share; the runner leaves it in
-- the registry too.
local registry = type(debug) == "table" and debug.getregistry and debug.getregistry()
local runner = type(registry) == "table" and registry["craftos test"] or nil
--- True under `craftos test`.
h.under_runner = runner ~= nil
local runner_fail = runner and runner.fail

local function fail(msg)
    if runner_fail then runner_fail(msg) end
    error({ spec_failure = msg }, 0)
end

--- Assertions on a value.
function h.expect(actual)
    expectations = expectations + 1
    local e = {}
    function e.toBe(expected)
        if actual ~= expected and not (actual ~= actual and expected ~= expected) then
            fail("expected " .. show(expected) .. ", got " .. show(actual))
        end
        return e
    end
    function e.toEqual(expected)
        if not deep_equal(actual, expected) then
            fail("expected " .. show(expected) .. ", got " .. show(actual))
        end
        return e
    end
    -- Equal to one of the given values (for output that depends on pairs order).
    function e.toBeOneOf(options)
        for _, option in ipairs(options) do
            if deep_equal(actual, option) then return e end
        end
        fail("expected one of " .. show(options) .. ", got " .. show(actual))
    end
    function e.toBeType(t)
        if type(actual) ~= t then fail("expected a " .. t .. ", got " .. show(actual)) end
        return e
    end
    -- `actual` is a function; it must raise an error. With a message, the
    -- error must equal it exactly (a string) or match it (a table {pattern}).
    function e.toError(msg, ...)
        local ok, err = pcall(actual, ...)
        if ok then fail("expected an error, got none") end
        if msg == nil then return e end
        if type(msg) == "table" then
            if type(err) ~= "string" or not strip_position(err):find(msg[1]) then
                fail("expected an error matching " .. show(msg[1]) .. ", got " .. show(err))
            end
        elseif err ~= msg and not (type(err) == "string" and strip_position(err) == msg) then
            fail("expected error " .. show(msg) .. ", got " .. show(err))
        end
        return e
    end
    return e
end

function h.describe(name, fn)
    if runner then return runner.describe(name, fn) end
    prefix[#prefix + 1] = name
    local ok, err = pcall(fn)
    if not ok then
        failed = failed + 1
        out("FAIL " .. table.concat(prefix, " ") .. ": " .. tostring(err))
    end
    prefix[#prefix] = nil
end

function h.it(name, fn)
    if runner then
        return runner.it(name, function()
            local before = expectations
            fn()
            if expectations == before then
                fail("no expectation: a test that checks nothing cannot fail")
            end
        end)
    end
    local before = expectations
    local ok, err = pcall(fn)
    if ok and expectations == before then
        ok, err = false, "no expectation: a test that checks nothing cannot fail"
    end
    if ok then
        passed = passed + 1
    else
        failed = failed + 1
        if type(err) == "table" and err.spec_failure then err = err.spec_failure end
        out("FAIL " .. full_name(name) .. ": " .. tostring(err))
    end
end

--- Print the summary; raise an error if anything failed.
function h.finish()
    if runner then return end
    if passed + failed == 0 then
        failed = 1
        out("FAIL no tests ran")
    end
    out(("%d passed, %d failed"):format(passed, failed))
    if failed > 0 then error("spec failed", 0) end
end

--- The global API `name`; outside craftos, load rom/apis/<name>.lua the way
-- os.loadAPI does (fresh environment falling back to _G) and install it.
function h.api(name)
    if h.in_craftos and type(_G[name]) == "table" then return _G[name] end
    local env = setmetatable({}, { __index = _G })
    local fn = assert(loadfile("rom/apis/" .. name .. ".lua", "t", env))
    fn()
    local api = {}
    for k, v in pairs(env) do api[k] = v end
    -- Other APIs may use it as a global; never hide plain Lua's own (io).
    if _G[name] == nil then _G[name] = api end
    return api
end

--- A ROM module ("cc.pretty"): through `require` when the shell gives one,
-- otherwise loaded from rom/modules/main directly.
local module_cache = {}
function h.require(name)
    if module_cache[name] then return module_cache[name] end
    local ok, mod = false, nil
    if type(require) == "function" then ok, mod = pcall(require, name) end
    if not ok then
        local path = "rom/modules/main/" .. name:gsub("%.", "/") .. ".lua"
        mod = dofile(path)
    end
    module_cache[name] = mod
    return mod
end

--- True when running inside craftos (natives present).
h.in_craftos = type(term) == "table" and type(fs) == "table" and type(os.pullEvent) == "function"

--- The shell a spec runs programs with: the one it was started from, else
-- (a spec dofile'd outside any shell) a new one, as `craftos run` makes.
function h.shell()
    if type(shell) == "table" then return shell end
    return loadfile("rom/programs/shell.lua", nil, setmetatable({}, { __index = _G }))({})(nil)
end

--- A file's contents written (binary), or read (nil when it is missing).
function h.writeFile(path, data)
    local f = assert(fs.open(path, "wb"))
    f.write(data)
    f.close()
end

function h.readFile(path)
    local f = fs.open(path, "rb")
    if not f then return nil end
    local data = f.readAll()
    f.close()
    return data
end

--- Outside craftos, give `os` a FIFO event queue with the host's rules:
-- pulling from the main thread takes the next event (matching the filter or
-- "terminate"; others are dropped), pulling inside a coroutine yields.
function h.event_stubs()
    if h.in_craftos or os.queueEvent then return end
    local queue = {}
    function os.queueEvent(...) queue[#queue + 1] = table.pack(...) end
    function os.pullEventRaw(filter)
        local _, is_main = coroutine.running()
        if not is_main then return coroutine.yield(filter) end
        while true do
            local event = table.remove(queue, 1)
            if not event then error("event stub: queue is empty", 2) end
            if filter == nil or event[1] == filter or event[1] == "terminate" then
                return table.unpack(event, 1, event.n)
            end
        end
    end
    function os.pullEvent(filter)
        local event = table.pack(os.pullEventRaw(filter))
        if event[1] == "terminate" then error("Terminated", 0) end
        return table.unpack(event, 1, event.n)
    end
end

-- A file handle like CC's over a Lua io file (plain Lua only).
local function stub_handle(file, mode)
    local closed = false
    local binary = mode:find("b") ~= nil
    local handle = {}
    local function check()
        if closed then error("attempt to use a closed file", 3) end
    end
    function handle.readLine(with_trailing)
        check()
        local line = file:read(with_trailing and "*L" or "*l")
        return line
    end
    function handle.readAll()
        check()
        return file:read("*a") or ""
    end
    function handle.read(count)
        check()
        if count == nil then
            local c = file:read(1)
            if c and binary then return c:byte() end
            return c
        end
        return file:read(count)
    end
    function handle.write(value)
        check()
        if type(value) == "number" and binary then value = string.char(value) end
        file:write(tostring(value))
    end
    function handle.writeLine(value)
        check()
        file:write(tostring(value), "\n")
    end
    function handle.flush() check() file:flush() end
    function handle.seek(whence, offset)
        check()
        return file:seek(whence or "cur", offset or 0)
    end
    function handle.close()
        check()
        closed = true
        file:close()
    end
    return handle
end

--- Outside craftos, a small `fs` over the real file system, with paths
-- relative to the current directory (the repository root).
function h.fs_stub()
    if h.in_craftos or fs then return end
    local function quote(p) return "'" .. p:gsub("'", "'\\''") .. "'" end
    local function clean(p) p = p:gsub("^/+", "") return p == "" and "." or p end
    fs = {}
    function fs.combine(...)
        local parts = {}
        for i = 1, select("#", ...) do
            for part in select(i, ...):gmatch("[^/\\]+") do
                if part == ".." then
                    if #parts > 0 and parts[#parts] ~= ".." then parts[#parts] = nil
                    else parts[#parts + 1] = ".." end
                elseif part ~= "." then
                    parts[#parts + 1] = part
                end
            end
        end
        return table.concat(parts, "/")
    end
    function fs.getName(p)
        p = fs.combine(p)
        return p == "" and "root" or p:match("([^/]*)$")
    end
    function fs.getDir(p)
        p = fs.combine(p)
        if p == "" then return ".." end
        return p:match("^(.*)/[^/]*$") or ""
    end
    function fs.exists(p) return os.execute("test -e " .. quote(clean(p))) == true end
    function fs.isDir(p) return os.execute("test -d " .. quote(clean(p))) == true end
    function fs.isReadOnly(p) return fs.combine(p):match("^rom") ~= nil end
    function fs.makeDir(p) os.execute("mkdir -p " .. quote(clean(p))) end
    function fs.delete(p) os.execute("rm -rf " .. quote(clean(p))) end
    function fs.list(p)
        if not fs.isDir(p) then error("/" .. fs.combine(p) .. ": Not a directory", 2) end
        local pipe = real_io.popen("ls -A " .. quote(clean(p)))
        local names = {}
        for name in pipe:lines() do names[#names + 1] = name end
        pipe:close()
        table.sort(names)
        return names
    end
    function fs.open(p, mode)
        local file, err = real_io.open(clean(p), mode)
        if not file then return nil, "/" .. fs.combine(p) .. ": " .. (err:match(": (.*)$") or err) end
        return stub_handle(file, mode)
    end
    function fs.getDrive(p)
        p = fs.combine(p)
        if p:match("^rom/") or p == "rom" then return "rom" end
        return "hdd"
    end
end

-- Under plain Lua, let modules `require "cc.x"` from the ROM tree.
if not h.in_craftos and type(package) == "table" then
    package.path = "rom/modules/main/?.lua;" .. package.path
end

return h
