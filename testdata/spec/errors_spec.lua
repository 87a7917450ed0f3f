-- Spec for how the shell shows a program's uncaught error: the message,
-- then (cc.internal.exception.report) the line it was raised on with a mark
-- under the failing expression, as CraftOS 1.109+ does. Only meaningful
-- inside craftos (the columns come from the VM's debug.getinfo).
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect

if not h.in_craftos then
    print("errors_spec: needs craftos, skipped")
    h.finish()
    return
end

-- A spec run by dofile sees no shell: make one, as `craftos run` does.
local shell = h.shell()

local dir = "errors_spec_tmp"
fs.delete(dir)
fs.makeDir(dir)

local writeFile = h.writeFile

local BAR, MARK, LEFT, RIGHT = "\149", "\131", "\171", "\187"

-- Run fn with the terminal on a hidden width x 30 window; return its lines
-- (trailing blanks and empty lines dropped) and a function giving the text
-- colour (blit) at x, y.
local function capture(width, fn)
    local win = window.create(term.current(), 1, 1, width, 30, false)
    local old = term.redirect(win)
    local ok, err = pcall(fn)
    term.redirect(old)
    if not ok then error(err, 0) end
    local _, last = win.getCursorPos()
    local lines = {}
    for y = 1, last do lines[y] = (win.getLine(y):gsub(" +$", "")) end
    while #lines > 0 and lines[#lines] == "" do lines[#lines] = nil end
    return lines, function(x, y)
        local _, fg = win.getLine(y)
        return fg:sub(x, x)
    end
end

-- Write a program and run it through the shell on a window `width` wide.
local function run(name, source, width)
    local path = dir .. "/" .. name
    writeFile(path, source)
    local ok
    local lines, colour = capture(width or 51, function() ok = shell.run(path) end)
    return lines, colour, ok
end

describe("an uncaught error in a program", function()
    it("shows the message, the line and a mark at the failing index", function()
        local lines, colour, ok = run("index.lua", "local t = {}\nprint(\"before\")\nlocal x = t.foo.bar\n", 80)
        expect(ok).toBe(false)
        expect(lines).toEqual({
            "before",
            "/errors_spec_tmp/index.lua:3: attempt to index field 'foo' (a nil value)",
            BAR .. "Line 3",
            BAR .. "local x = t.foo.bar",
            BAR .. "               " .. MARK,
        })
        -- the message in red, the bar and line number cyan, the source light
        -- grey, the mark red
        expect(colour(1, 2)).toBe("e")
        expect(colour(1, 3) .. colour(2, 3)).toBe("99")
        expect(colour(2, 4)).toBe("8")
        expect(colour(17, 5)).toBe("e")
    end)

    it("marks a call's parenthesis", function()
        local lines = run("call.lua", "  local result = missing(1, 2)\n", 80)
        expect(lines).toEqual({
            "/errors_spec_tmp/call.lua:1: attempt to call global 'missing' (a nil value)",
            BAR .. "Line 1",
            BAR .. "  local result = missing(1, 2)",
            BAR .. "                        " .. MARK,
        })
    end)

    it("marks error()'s call in the program", function()
        local lines = run("raise.lua", "local n = 1\nif n then error(\"it broke\") end\n")
        expect(lines).toEqual({
            "/errors_spec_tmp/raise.lua:2: it broke",
            BAR .. "Line 2",
            BAR .. "if n then error(\"it broke\") end",
            BAR .. "               " .. MARK,
        })
    end)

    it("marks an operator in a function the program called", function()
        local lines = run("arith.lua", "local function add(a, b)\n    return a + b\nend\nadd(1, nil)\n")
        expect(lines).toEqual({
            "/errors_spec_tmp/arith.lua:2: attempt to perform",
            "arithmetic on local 'b' (a nil value)",
            BAR .. "Line 2",
            BAR .. "    return a + b",
            BAR .. "             " .. MARK,
        })
    end)

    it("shows a window of a long line, cut with guillemets", function()
        local source = "local t = nil local a, b, c, d, e, f = 1, 2, 3, 4, 5, 6 local v = t.field + 1 -- trailing comment here\n"
        local lines = run("long.lua", source, 40)
        -- the '.' is column 68; the window starts at 68 + 5 - 40 + 1 = 34
        -- (5 past the mark must show): a '«', columns 35..71, a '»'
        expect(lines[#lines - 2]).toBe(BAR .. "Line 1")
        expect(lines[#lines - 1]).toBe(BAR .. LEFT .. source:sub(35, 71) .. RIGHT)
        expect(lines[#lines]).toBe(BAR .. string.rep(" ", 68 - 34) .. MARK)
    end)
end)

describe("no report", function()
    it("when the program catches the error with pcall", function()
        local lines, _, ok = run("caught.lua", "local t = nil\nprint(pcall(function() return t.x end))\n")
        expect(ok).toBe(true)
        expect(lines).toEqual({ "false\t/errors_spec_tmp/caught.lua:2: attempt to", "index upvalue 't' (a nil value)" })
    end)

    it("when the failing code has no source file", function()
        local lines, _, ok = run("loaded.lua", "local f = load(\"local t = nil\\nreturn t.x\", \"=inline\")\nf()\n")
        expect(ok).toBe(false)
        expect(lines).toEqual({ "inline:2: attempt to index local 't' (a nil value)" })
    end)

    it("when the program's file is gone", function()
        local lines, _, ok = run("gone.lua", "fs.delete(shell.getRunningProgram())\nlocal t = nil\nlocal x = t.y\n")
        expect(ok).toBe(false)
        expect(lines).toEqual({ "/errors_spec_tmp/gone.lua:3: attempt to index local", "'t' (a nil value)" })
    end)

    it("when the error is not a string with a position", function()
        local lines, _, ok = run("nopos.lua", "error(\"plain message\", 0)\n")
        expect(ok).toBe(false)
        expect(lines).toEqual({ "plain message" })
        local lines2 = run("table.lua", "error(setmetatable({}, { __tostring = function() return \"a table\" end }))\n")
        expect(lines2).toEqual({ "a table" })
    end)
end)

describe("the lua prompt", function()
    it("marks the failing part of a line it ran", function()
        local input, i = { "local t = nil", "t.x = 1", "1 + nil", "exit()" }, 0
        local oldRead = _G.read
        _G.read = function() i = i + 1 return input[i] end
        local ok, lines = pcall(capture, 51, function() shell.run("lua") end)
        _G.read = oldRead
        expect(ok).toBe(true)
        local tail = {}
        for n = #lines - 8, #lines do tail[#tail + 1] = lines[n] end
        expect(tail).toEqual({
            BAR .. "Line 1", BAR .. "t.x = 1", BAR .. " " .. MARK,
            "lua> lua:1: attempt to perform arithmetic on a nil", "value",
            BAR .. "Line 1", BAR .. "1 + nil", BAR .. "  " .. MARK,
            "lua>",
        })
    end)
end)

describe("cc.internal.exception", function()
    local exception = h.require("cc.internal.exception")

    it("try returns the results, or the error and its coroutine", function()
        expect({ exception.try(function(a, b) return a + b, "x" end, 1, 2) }).toEqual({ true, 3, "x" })
        local ok, err, co = exception.try(function() error("bad", 0) end)
        expect({ ok, err, type(co) }).toEqual({ false, "bad", "thread" })
    end)

    it("try passes the events a program waits for", function()
        os.queueEvent("errors_spec_event", 42)
        local ok, name, n = exception.try(function() return os.pullEvent("errors_spec_event") end)
        expect({ ok, name, n }).toEqual({ true, "errors_spec_event", 42 })
    end)

    it("report uses a source map, with an offset", function()
        local fn = load("return _echo(nil + 1\n)", "=lua[1]", "t", { _echo = function(...) return ... end })
        local ok, err, co = exception.try(fn)
        expect(ok).toBe(false)
        local lines = capture(51, function()
            exception.report(err, co, { ["=lua[1]"] = { contents = "nil + 1", offset = 13 } })
        end)
        expect(lines).toEqual({ BAR .. "Line 1", BAR .. "nil + 1", BAR .. "    " .. MARK })
    end)

    it("checks its arguments", function()
        expect(exception.try).toError("bad argument #1 (function expected, got nil)")
        expect(exception.report).toError("bad argument #2 (thread expected, got nil)", "x")
    end)
end)

fs.delete(dir)
h.finish()
