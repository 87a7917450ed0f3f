-- craftos test's runner: the program each spec file's computer runs.
--
-- The host boots it as if `craftos run SPEC` had run it (its path is the
-- spec's, so require searches the spec's folder first), with a native table
-- `craftos_test` in _G that it takes away before any spec code runs. The spec
-- runs; describe bodies run as they come, collecting tests, which run when
-- their top-level describe ends, one by one, each with a timeout the host
-- arms. Results go back to the host through the natives; the host prints and
-- writes the reports.

local native = rawget(_G, "craftos_test")
rawset(_G, "craftos_test", nil)

local cfg = native.config()
local expect_arg = require("cc.expect").expect
local pretty = require("cc.pretty")
local getinfo, traceback = debug.getinfo, debug.traceback

local runner_source = getinfo(1, "S").source
local spec_source = "@" .. cfg.spec

-- Coverage: a line hook counting lines per chunk. Coroutines get it too:
-- Lua 5.2's hooks belong to one thread, so coroutine.create and wrap are
-- wrapped to set it in each new coroutine.
local counts = {}
local function line_hook(_, line)
    local info = getinfo(2, "S")
    if not info then return end
    local c = counts[info.source]
    if not c then
        c = {}
        counts[info.source] = c
    end
    c[line] = (c[line] or 0) + 1
end
if cfg.coverage then
    local create, wrap, sethook = coroutine.create, coroutine.wrap, debug.sethook
    coroutine.create = function(fn)
        expect_arg(1, fn, "function")
        return create(function(...)
            sethook(line_hook, "l")
            return fn(...)
        end)
    end
    coroutine.wrap = function(fn)
        expect_arg(1, fn, "function")
        return wrap(function(...)
            sethook(line_hook, "l")
            return fn(...)
        end)
    end
end

--- Values in messages, as cc.pretty lays them out.
local function show(value)
    local ok, text = pcall(function() return pretty.render(pretty.pretty(value), 70) end)
    if not ok then text = tostring(value) end
    if type(value) == "string" and value:find("\n") then
        return "<<<\n" .. value .. "\n>>>"
    end
    return text
end

local function where(info)
    if info and info.currentline and info.currentline > 0 then
        return info.short_src .. ":" .. info.currentline
    end
end

--- Where a failing expectation was: the innermost frame in the spec file,
-- else the innermost Lua frame outside this runner (a helper module).
local function failure_location()
    local first
    for level = 3, 200 do
        local info = getinfo(level, "Sl")
        if not info then break end
        if info.source == spec_source then return where(info) end
        if not first and info.what ~= "C" and info.source ~= runner_source then
            first = where(info)
        end
    end
    return first
end

-- A failed expectation, told apart from an error in the code under test.
local Failure = {}
Failure.__tostring = function(self) return self.message end

local function fail(message)
    error(setmetatable({ message = tostring(message), location = failure_location() }, Failure), 0)
end

-- Equality ----------------------------------------------------------------

--- `right` has every field of `left` (exact: and no other), recursively,
-- cycles allowed.
local function deep_match(left, right, exact, seen)
    if left == right then return true end
    if type(left) ~= "table" or type(right) ~= "table" then return false end
    seen[left] = seen[left] or {}
    if seen[left][right] then return true end
    seen[left][right] = true
    for k, v in pairs(left) do
        if not deep_match(v, right[k], exact, seen) then return false end
    end
    if exact then
        for k in pairs(right) do
            if left[k] == nil then return false end
        end
    end
    return true
end

local function same(a, b) return deep_match(a, b, true, {}) end
local function subset(pattern, value) return deep_match(pattern, value, false, {}) end

local function pairwise_equal(a, b)
    if a.n ~= b.n then return false end
    for i = 1, a.n do
        if a[i] ~= b[i] then return false end
    end
    return true
end

-- Stubs ------------------------------------------------------------------

local Stub = {}
Stub.__index = Stub
local active_stubs = {}
local stub_of = setmetatable({}, { __mode = "k" }) -- recording function -> stub
local running = false

--- Put the stubbed field back (once).
function Stub:revert()
    if not self.active then return end
    self.active = false
    rawset(self.target, self.key, self.original)
end

--- stub(tbl, key [, value]): replace tbl[key] for the current test. A
-- function value (by default one doing nothing) records its calls.
local function stub(tbl, key, ...)
    expect_arg(1, tbl, "table")
    expect_arg(2, key, "string")
    if not running then error("stub can only be used inside a test", 2) end
    local s = setmetatable({ target = tbl, key = key, original = rawget(tbl, key), active = true }, Stub)
    local value = ...
    if select("#", ...) == 0 then value = function() end end
    if type(value) == "function" then
        local calls, delegate = {}, value
        s.calls, s.arguments = calls, calls
        value = function(...)
            calls[#calls + 1] = table.pack(...)
            return delegate(...)
        end
        stub_of[value] = s
    end
    active_stubs[#active_stubs + 1] = s
    rawset(tbl, key, value)
    return s
end

local function stub_from(value)
    if getmetatable(value) == Stub then return value end
    return stub_of[value]
end

-- Expectations -------------------------------------------------------------

-- Each matcher returns whether it holds, the message when it should have
-- held, and the message when (negated) it should not have.
local matchers = {}

function matchers.eq(actual, expected)
    return actual == expected,
        "expected " .. show(expected) .. "\n     got " .. show(actual),
        "expected any value but " .. show(expected)
end
matchers.equal, matchers.equals = matchers.eq, matchers.eq

function matchers.ne(actual, unexpected)
    local ok, msg, neg = matchers.eq(actual, unexpected)
    return not ok, neg, msg
end
matchers.not_equal, matchers.not_equals = matchers.ne, matchers.ne

function matchers.same(actual, expected)
    return same(actual, expected),
        "expected the same as " .. show(expected) .. "\n            got " .. show(actual),
        "expected anything but the same as " .. show(expected)
end

function matchers.type(actual, name)
    expect_arg(1, name, "string")
    return type(actual) == name,
        "expected a value of type " .. name .. "\n     got " .. show(actual) .. " (a " .. type(actual) .. ")",
        "expected a value not of type " .. name .. "\n     got " .. show(actual)
end

function matchers.matches(actual, pattern)
    return subset(pattern, actual),
        "expected a value matching " .. show(pattern) .. "\n     got " .. show(actual),
        "expected a value not matching " .. show(pattern) .. "\n     got " .. show(actual)
end

function matchers.str_match(actual, pattern)
    expect_arg(1, pattern, "string")
    local ok = type(actual) == "string" and actual:find(pattern) ~= nil
    return ok,
        "expected a string matching pattern " .. show(pattern) .. "\n     got " .. show(actual),
        "expected a string not matching pattern " .. show(pattern) .. "\n     got " .. show(actual)
end

local function stubbed(actual)
    local s = stub_from(actual)
    if not s or not s.calls then
        fail("expected a stubbed function, got " .. show(actual))
    end
    return s.calls
end

function matchers.called(actual, times)
    expect_arg(1, times, "number", "nil")
    local n = #stubbed(actual)
    if times == nil then
        return n > 0, "expected the stub to be called, but it was not",
            "expected the stub not to be called, but it was called " .. n .. " time(s)"
    end
    return n == times, ("expected the stub to be called %d time(s), but it was called %d time(s)"):format(times, n),
        ("expected the stub not to be called %d time(s)"):format(times)
end

local function calls_text(calls)
    if #calls == 0 then return "it was not called" end
    local lines = { "it was called with:" }
    for i, args in ipairs(calls) do lines[i + 1] = "  " .. show(args) end
    return table.concat(lines, "\n")
end

local function called_with(equal, actual, ...)
    local calls = stubbed(actual)
    local want = table.pack(...)
    local ok = false
    for _, args in ipairs(calls) do
        if equal(args, want) then
            ok = true
            break
        end
    end
    return ok, "expected the stub to be called with " .. show(want) .. "\n" .. calls_text(calls),
        "expected the stub never to be called with " .. show(want) .. "\n" .. calls_text(calls)
end

function matchers.called_with(actual, ...) return called_with(pairwise_equal, actual, ...) end
function matchers.called_with_matching(actual, ...)
    return called_with(function(args, want) return subset(want, args) end, actual, ...)
end

-- An expectation: expect(v):eq(1) as in CC:Tweaked's tests, and also
-- expect(v).eq(1); expect(v).not_ negates the next matcher.
local Expectation = {}

local function expectation(value, negated, extra)
    return setmetatable({ value = value, negated = negated, extra = extra }, Expectation)
end

local function check(e, name, matcher, ...)
    local ok, msg, neg = matcher(e.value, ...)
    if e.negated then ok, msg = not ok, neg end
    if not ok then
        if e.extra then msg = e.extra .. "\n" .. msg end
        fail(msg)
    end
    return e
end

Expectation.__index = function(e, key)
    if key == "not_" then return expectation(e.value, not e.negated, e.extra) end
    if key == "describe" then
        return function(first, ...)
            local message = first
            if rawequal(first, e) then message = ... end
            return expectation(e.value, e.negated, tostring(message))
        end
    end
    local matcher = matchers[key]
    if not matcher then return nil end
    return function(first, ...)
        if rawequal(first, e) then return check(e, key, matcher, ...) end
        return check(e, key, matcher, first, ...)
    end
end

local expect = setmetatable({}, {
    __call = function(_, value) return expectation(value, false) end,
})

--- expect.error(fn, ...): fn(...) must raise; the expectation is on the
-- error message, without the position when it is where expect.error was
-- called (CC:Tweaked's tests compare bare messages).
function expect.error(fn, ...)
    local ok, err = pcall(fn, ...)
    if ok then fail("expected the function to raise an error, but it returned") end
    if type(err) == "string" then
        local _, here = pcall(error, "", 2)
        if here ~= "" and err:sub(1, #here) == here then
            err = err:sub(#here + 1)
        elseif err:sub(1, 7) == "pcall: " then
            err = err:sub(8)
        end
    end
    return expectation(err, false)
end

-- Declaring tests -----------------------------------------------------------

local root = { before = {}, after = {} }
local current = root
local tests = {}
-- Tests run as soon as their top-level describe block has been read (a
-- top-level it at once), so code between describe blocks, such as a file's
-- clean-up at its end, runs in order with them.
local flush

local function add_test(test)
    tests[#tests + 1] = test
    if current == root then flush() end
end

local function names_of(node)
    local parts = {}
    while node and node.name do
        table.insert(parts, 1, node.name)
        node = node.parent
    end
    return parts
end

local function declaring(what)
    if running then error(what .. " cannot be called while tests run", 3) end
end

local function error_handler(err)
    if getmetatable(err) == Failure then return err end
    local trace = traceback(nil, 2)
    -- Keep the frames of the code under test, not the runner's own.
    local kept = {}
    for line in trace:gmatch("[^\n]+") do
        if line:find(runner_source:sub(2), 1, true) or line:find("in function 'xpcall'", 1, true) then break end
        kept[#kept + 1] = line
    end
    return { message = type(err) == "string" and err or show(err), trace = table.concat(kept, "\n") }
end

local function describe(name, body)
    expect_arg(1, name, "string")
    expect_arg(2, body, "function")
    declaring("describe")
    local node = { name = name, parent = current, before = {}, after = {} }
    local outer = current
    current = node
    local ok, err = xpcall(body, error_handler)
    current = outer
    if not ok then
        tests[#tests + 1] = { parent = outer, name = name, load_error = err, location = where(getinfo(2, "Sl")) }
    end
    if current == root then flush() end
end

local function it(name, body)
    expect_arg(1, name, "string")
    expect_arg(2, body, "function", "nil")
    declaring("it")
    add_test({ parent = current, name = name, fn = body, pending = body == nil, location = where(getinfo(2, "Sl")) })
end

local function pending(name)
    expect_arg(1, name, "string")
    declaring("pending")
    add_test({ parent = current, name = name, pending = true, location = where(getinfo(2, "Sl")) })
end

local function before_each(fn)
    expect_arg(1, fn, "function")
    declaring("before_each")
    current.before[#current.before + 1] = fn
end

local function after_each(fn)
    expect_arg(1, fn, "function")
    declaring("after_each")
    current.after[#current.after + 1] = fn
end

-- The API goes in the spec's environment (the program's, which modules it
-- requires share), not in _G: programs the spec starts do not see it.
-- Helpers run in _G (dofile) find it in the registry, under "craftos test".
local api = {
    describe = describe, it = it, pending = pending, before_each = before_each,
    after_each = after_each, expect = expect, stub = stub, fail = fail,
}
for name, value in pairs(api) do _ENV[name] = value end
debug.getregistry()["craftos test"] = api

-- Running tests --------------------------------------------------------------

-- A test runs on the program's own thread, as `craftos run` would run it
-- (no coroutine between it and the events). When its time is up the host
-- queues "terminate", which every event filter lets through: os.pullEvent
-- raises "Terminated", and the host tells a timeout from a Ctrl-C.
local timed_out = {}

local function attempt(fn, id)
    local ok, err = xpcall(fn, error_handler)
    if not ok and native.timedOut(id) then err = timed_out end
    return ok, err
end

local function chain_of(node)
    local chain = {}
    while node do
        table.insert(chain, 1, node)
        node = node.parent
    end
    return chain
end

local function run_test(id, test)
    -- Events left over from the file or the last test are not this test's.
    os.queueEvent("craftos_test_start")
    repeat local event = os.pullEventRaw() until event == "craftos_test_start"
    native.start(id)

    local chain = chain_of(test.parent)
    local saved_term = term.current()
    local saved_dir = shell and shell.dir()
    running = true
    local ok, err = attempt(function()
        for _, node in ipairs(chain) do
            for _, fn in ipairs(node.before) do fn() end
        end
        test.fn()
    end, id)
    if err == timed_out then native.start(id) end -- a fresh timeout for after_each
    local after_ok, after_err = attempt(function()
        for i = #chain, 1, -1 do
            for _, fn in ipairs(chain[i].after) do fn() end
        end
    end, id)
    if ok and not after_ok then ok, err = after_ok, after_err end
    running = false
    for i = #active_stubs, 1, -1 do active_stubs[i]:revert() end
    active_stubs = {}
    term.redirect(saved_term)
    if saved_dir then shell.setDir(saved_dir) end

    if ok then
        native.finish(id, "pass")
    elseif err == timed_out then
        native.finish(id, "timeout", "", test.location)
    elseif getmetatable(err) == Failure then
        native.finish(id, "fail", err.message, err.location or test.location)
    else
        native.finish(id, "error", err.message, test.location, err.trace)
    end
end

local ran = 0 -- tests[1..ran] are done

function flush()
    while ran < #tests do
        ran = ran + 1
        local id, test = ran, tests[ran]
        native.declare(id, table.concat(names_of(test.parent), "\31"), test.name, test.location or "")
        if id > cfg.skip and (test.load_error or native.selected(id)) then
            if test.load_error then
                native.finish(id, "error", test.load_error.message, test.location, test.load_error.trace)
            elseif test.pending then
                native.finish(id, "pending")
            else
                run_test(id, test)
            end
        end
    end
end

-- Load the spec and run it. require searches the spec's folder
-- (relative entries), then the project's root, then the ROM's modules.
arg = { [0] = cfg.spec }
if type(package) == "table" and type(package.path) == "string" then
    local relative, rest = package.path:match("^(%?;%?%.lua;%?/init%.lua;)(.*)$")
    if relative then package.path = relative .. "/?;/?.lua;/?/init.lua;" .. rest end
end
local file = fs.open(cfg.spec, "r")
local source = file and file.readAll()
if file then file.close() end
local chunk, load_err
if source then
    chunk, load_err = load(source, spec_source, "t", _ENV)
else
    load_err = "cannot open " .. cfg.spec
end
if cfg.coverage then debug.sethook(line_hook, "l") end
if chunk then
    local ok, err = xpcall(chunk, error_handler)
    if not ok then
        tests[#tests + 1] = { parent = root, name = "(file)", load_error = err }
    end
else
    tests[#tests + 1] = { parent = root, name = "(file)", load_error = { message = load_err } }
end
flush()

if cfg.coverage then
    debug.sethook()
    local out = {}
    for src, lines in pairs(counts) do
        if src:sub(1, 1) == "@" and src ~= runner_source then
            for line, n in pairs(lines) do out[#out + 1] = src:sub(2) .. "\t" .. line .. "\t" .. n end
        end
    end
    native.coverage(table.concat(out, "\n"))
end
native.done()
