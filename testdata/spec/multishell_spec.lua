-- Spec for rom/programs/advanced/multishell.lua (the multishell program and
-- API), bg and fg, and the shell's argument rules (shell.run splits words
-- with quotes, shell.execute does not; #! lines), as CraftOS has them.
--
-- multishell runs here on an invisible window standing for the screen, so
-- it draws its tabs as on a real display (the spec's own terminal is the
-- plain one, where multishell draws nothing); keyboard and mouse input is
-- queued as events before it starts, and the programs it runs report to a
-- table in _G.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect

if not h.in_craftos then
    print("multishell_spec: needs craftos, skipped")
    h.finish()
    return
end

-- A shell of our own (specs are dofile'd, outside any shell), as
-- `craftos run` makes one: the shell program's constructor.
local newShell = loadfile("rom/programs/shell.lua", nil, setmetatable({}, { __index = _G }))({})
local shell = newShell(nil)

local dir = ".spec_tmp_ms"
local function writeFile(name, text)
    local f = fs.open(fs.combine(dir, name), "w")
    f.write(text)
    f.close()
end
fs.delete(dir)
fs.makeDir(dir)

-- Programs the sessions run. Each logs what it sees to msLog.
writeFile("probe.lua", [[
msLog[#msLog + 1] = {
    name = ..., current = multishell.getCurrent(), focus = multishell.getFocus(),
    count = multishell.getCount(), title = multishell.getTitle(multishell.getCurrent()),
    global = rawget(_G, "multishell"), openTab = type(shell.openTab), switchTab = type(shell.switchTab),
}
]])
writeFile("api.lua", [[
local log = {}
msLog.api = log
log.before = multishell.getCount()
log.id = multishell.launch({ multishell = multishell }, "]] .. dir .. [[/wait.lua", "from launch")
log.count = multishell.getCount()
log.title = multishell.getTitle(log.id)
log.focus = multishell.getFocus()
log.setFocus = multishell.setFocus(log.id)
log.focusAfter = multishell.getFocus()
log.setZero = multishell.setFocus(0)
log.setFar = multishell.setFocus(99)
log.titleFar = multishell.getTitle(99)
multishell.setTitle(log.id, "renamed")
log.renamed = multishell.getTitle(log.id)
multishell.setTitle(99, "nobody")
multishell.setFocus(1)
os.queueEvent("ms_go")
]])
writeFile("wait.lua", [[
msLog.waitArgs = { ... }
msLog.waitSaw = { current = multishell.getCurrent(), focus = multishell.getFocus() }
os.pullEvent("ms_go")
msLog.waitDone = true
]])
writeFile("listen.lua", [[
local _, value = os.pullEvent("ms_ping")
msLog.heard = { value = value, current = multishell.getCurrent(), focus = multishell.getFocus() }
]])
-- ping: an event for everyone, then (queued after it) the input that shows
-- the second tab, lets its ended program go and leaves.
writeFile("ping.lua", [[
os.queueEvent("ms_ping", "hello")
os.queueEvent("mouse_click", 1, 10, 1)
os.queueEvent("char", "x")
os.queueEvent("paste", "exit")
os.queueEvent("key", keys.enter, false)
]])
writeFile("args.lua", [[msLog[#msLog + 1] = { arg0 = arg[0], n = arg.n, args = { ... } }]])
writeFile("checks.lua", [[
local function try(f, ...)
    local ok, err = pcall(f, ...)
    msLog[#msLog + 1] = err
end
try(multishell.getTitle)
try(multishell.setFocus, "1")
try(multishell.setTitle, 1)
try(multishell.setTitle, "1", "x")
try(multishell.launch)
try(multishell.launch, {}, 1)
try(shell.switchTab, "2")
]])

local screenW, screenH = 51, 19

-- multishell until its last process ends; a session that hangs fails
-- after a few seconds instead of stopping the spec.
local function runMultishell()
    local ok, err = false, "timed out"
    parallel.waitForAny(function()
        ok, err = pcall(os.run, { shell = shell }, "rom/programs/advanced/multishell.lua")
    end, function()
        -- Raw: a queued terminate is for multishell's programs, not this.
        local timer = os.startTimer(5)
        repeat local _, id = os.pullEventRaw("timer") until id == timer
    end)
    return ok, err
end

-- Run multishell on an invisible window (msScreen to its programs) over
-- `input` (strings are typed lines, tables raw events); its first shell is
-- a child of the spec's shell.
local function session(input)
    local log = {}
    local screen = window.create(term.current(), 1, 1, screenW, screenH, false)
    rawset(_G, "msLog", log)
    rawset(_G, "msScreen", screen)
    for _, item in ipairs(input) do
        if type(item) == "string" then
            os.queueEvent("paste", item)
            os.queueEvent("key", keys.enter, false)
        else
            os.queueEvent(table.unpack(item))
        end
    end
    local path = shell.path()
    shell.setPath(path .. ":/rom/programs/advanced")
    local old = term.redirect(screen)
    local ok, err = runMultishell()
    term.redirect(old)
    shell.setPath(path)
    rawset(_G, "msLog", nil)
    rawset(_G, "msScreen", nil)
    return log, screen, ok, err
end

local function p(name) return dir .. "/" .. name end
local pad = function(s) return s .. string.rep(" ", screenW - #s) end

describe("multishell", function()
    it("gives its programs the API, only in their environment", function()
        local log, _, ok = session({ p("probe") .. " one", "exit" })
        expect(ok).toBe(true)
        expect(#log).toBe(1)
        expect(log[1]).toEqual({
            name = "one", current = 1, focus = 1, count = 1, title = "probe",
            openTab = "function", switchTab = "function",
        })
    end)

    it("checks its arguments as CraftOS does", function()
        local log = session({ p("checks"), "exit" })
        expect(log).toEqual({
            "bad argument #1 (number expected, got nil)",
            "bad argument #1 (number expected, got string)",
            "bad argument #2 (string expected, got nil)",
            "bad argument #1 (number expected, got string)",
            "bad argument #1 (table expected, got nil)",
            "bad argument #2 (string expected, got number)",
            "bad argument #1 (number expected, got string)",
        })
    end)

    it("launches, focuses and titles processes", function()
        local log = session({ p("api"), "exit" })
        expect(log.api).toEqual({
            before = 1, id = 2, count = 2, title = "wait.lua", focus = 1,
            setFocus = true, focusAfter = 2, setZero = false, setFar = false,
            renamed = "renamed",
        })
        -- The launched program ran at once, in the background, with its arguments.
        expect(log.waitArgs).toEqual({ "from launch" })
        expect(log.waitSaw).toEqual({ current = 2, focus = 1 })
        expect(log.waitDone).toBe(true)
    end)

    it("gives a lone process the whole screen, and one line less beside others", function()
        writeFile("look.lua", [[msLog[#msLog + 1] = select(2, term.getSize())]])
        local log, screen = session({ p("look"), "bg", p("look"), "exit", p("look"), "exit" })
        expect(log).toEqual({ screenH, screenH - 1, screenH })
        -- Once one process is left, the bar is gone from the screen.
        expect(string.find(screen.getLine(1), "shell  shell", 1, true)).toBe(nil)
    end)
end)

describe("multishell's screen", function()
    -- snap reads the screen's first line from inside a session, while the
    -- tabs are up.
    writeFile("snap.lua", [[
local text, fg, bg = msScreen.getLine(1)
msLog[#msLog + 1] = { text = text, fg = fg, bg = bg }
]])
    it("has no tab bar with one process", function()
        local log = session({ p("snap"), "exit" })
        expect(string.sub(log[1].text, 1, 2) ~= " s").toBe(true)
    end)

    it("draws the tabs, the shown one yellow on black, the others black on grey", function()
        -- Tab 1 runs snap (titled after it); tab 2 is the shell bg started.
        local log = session({ "bg", p("snap"), "exit", { "mouse_click", 1, 10, 1 }, "exit" })
        expect(log[1].text).toBe(pad(" snap  shell "))
        expect(string.sub(log[1].fg, 1, 13)).toBe("444444" .. "fffffff")
        expect(log[1].bg).toBe("ffffff" .. "7777777" .. string.rep("7", screenW - 13))
    end)

    it("switches tabs by clicks on the bar; input goes to the tab shown", function()
        -- Click the second tab (x 8..14), type there, click back and type.
        local log = session({
            "bg", { "mouse_click", 1, 10, 1 }, p("probe") .. " second", p("snap"),
            { "mouse_click", 1, 3, 1 }, p("probe") .. " first", "exit", "exit",
        })
        expect({ log[1].name, log[1].current, log[1].focus, log[1].count }).toEqual({ "second", 2, 2, 2 })
        expect(log[2].text).toBe(pad(" shell  snap "))
        expect(log[2].bg).toBe("7777777" .. "ffffff" .. string.rep("7", screenW - 13))
        expect({ log[3].name, log[3].current, log[3].focus, log[3].count }).toEqual({ "first", 1, 1, 2 })
    end)

    it("scrolls the tabs that do not fit with < and >", function()
        -- many opens three tabs with long titles, shows each once (so they
        -- close without waiting for a key), snaps the bar, then queues a
        -- click on ">", another snap, a click on "<", a last snap, and the end.
        writeFile("many.lua", [[
local here = fs.getDir(shell.getRunningProgram())
for i = 1, 3 do
    local id = multishell.launch({ multishell = multishell }, here .. "/wait.lua")
    multishell.setTitle(id, string.rep("x", 19) .. i)
    multishell.setFocus(id)
end
multishell.setFocus(1)
msLog[#msLog + 1] = { text = msScreen.getLine(1) }
local function type(line)
    os.queueEvent("paste", line)
    os.queueEvent("key", keys.enter, false)
end
os.queueEvent("mouse_click", 1, 51, 1)
type(here .. "/snap")
os.queueEvent("mouse_click", 1, 1, 1)
type(here .. "/snap")
os.queueEvent("ms_go")
type("exit")
]])
        local log = session({ p("many") })
        local tab = function(i) return " " .. string.rep("x", 19) .. i .. " " end
        expect(log[1].text).toBe(" many " .. tab(1) .. tab(2) .. ">")
        expect(log[2].text).toBe("<" .. tab(1) .. tab(2) .. string.sub(tab(3), 1, 5) .. ">")
        expect(log[3].text).toBe(" snap " .. tab(1) .. tab(2) .. ">")
    end)

    it("ignores clicks on the bar past the last tab and passes others on with y shifted", function()
        writeFile("click.lua", [[
local _, button, x, y = os.pullEvent("mouse_click")
msLog[#msLog + 1] = { button = button, x = x, y = y, focus = multishell.getFocus() }
]])
        local log = session({ "bg", p("click"), { "mouse_click", 1, 40, 1 }, { "mouse_click", 2, 5, 6 }, "exit", "exit" })
        expect(log[1]).toEqual({ button = 2, x = 5, y = 5, focus = 1 })
    end)
end)

describe("multishell's events", function()
    it("gives other events to every process", function()
        local log = session({ "bg " .. p("listen"), p("ping") })
        expect(log.heard).toEqual({ value = "hello", current = 2, focus = 1 })
    end)

    it("keeps a tab that ended unseen until a key is pressed there", function()
        writeFile("count.lua", [[msLog[#msLog + 1] = { count = multishell.getCount(), title = multishell.getTitle(2) }]])
        local log = session({
            "bg " .. p("args") .. " quick", p("count"),
            { "mouse_click", 1, 10, 1 }, { "char", "x" }, p("count"), "exit",
        })
        expect(log[1].args).toEqual({ "quick" })
        expect(log[2]).toEqual({ count = 2, title = "shell" })
        expect(log[3]).toEqual({ count = 1 })
    end)

    it("keeps showing the same process when one before it ends", function()
        -- go ends wait; what is typed next is queued after that.
        writeFile("go.lua", [[
os.queueEvent("ms_go")
for _, line in ipairs({ fs.getDir(shell.getRunningProgram()) .. "/probe third", "exit", "exit" }) do
    os.queueEvent("paste", line)
    os.queueEvent("key", keys.enter, false)
end
]])
        -- Tabs: shell, wait (run by bg), and the shell fg opened, shown.
        local log = session({ "bg " .. p("wait"), "fg", { "mouse_click", 1, 10, 1 }, { "mouse_click", 1, 16, 1 }, p("go") })
        expect(log.waitDone).toBe(true)
        expect({ log[1].name, log[1].current, log[1].focus, log[1].count }).toEqual({ "third", 2, 2, 2 })
    end)

    it("ends when the last process ends", function()
        local log, _, ok = session({ "bg", "exit", p("probe") .. " left", "exit" })
        expect(ok).toBe(true)
        -- The first shell ended; the second was shown and ran the probe.
        expect({ log[1].name, log[1].current, log[1].count }).toEqual({ "left", 1, 1 })
    end)

    it("sends terminate to the shown process only", function()
        writeFile("term.lua", [[
local ok, err = pcall(os.pullEvent, "never")
msLog[#msLog + 1] = { err = err, current = multishell.getCurrent() }
]])
        local log = session({ "bg " .. p("term"), { "mouse_click", 1, 10, 1 }, { "terminate" }, "exit" })
        expect(log).toEqual({ { err = "Terminated", current = 2 } })
    end)
end)

describe("bg and fg", function()
    it("fg opens a tab and shows it; bg leaves the focus", function()
        local log = session({ "fg", p("probe") .. " infg", "exit", "bg", p("probe") .. " afterbg", "exit", { "mouse_click", 1, 10, 1 }, "exit" })
        expect({ log[1].name, log[1].current, log[1].focus, log[1].title }).toEqual({ "infg", 2, 2, "probe" })
        expect({ log[2].name, log[2].current, log[2].focus, log[2].count }).toEqual({ "afterbg", 1, 1, 2 })
    end)

    it("bg and fg run the given command line in a new shell", function()
        -- openTab joins and splits the words again (as CraftOS does), and
        -- the new shell runs them as a command line: quotes do not survive.
        local log = session({
            "bg " .. p("args") .. ' "a b" c', "fg " .. p("args") .. " d", { "char", "x" }, { "mouse_click", 1, 10, 1 }, { "char", "x" }, "exit",
        })
        expect(log[1]).toEqual({ arg0 = p("args"), args = { "a", "b", "c" } })
        expect(log[2]).toEqual({ arg0 = p("args"), args = { "d" } })
    end)

    it("need multishell", function()
        local errors = {}
        local oldPrintError = printError
        _G.printError = function(...) errors[#errors + 1] = table.concat({ ... }, " ") end
        local okBg = shell.run("/rom/programs/advanced/bg.lua")
        local okFg = shell.run("/rom/programs/advanced/fg.lua", "lua")
        _G.printError = oldPrintError
        expect({ okBg, okFg }).toEqual({ true, true })
        expect(errors).toEqual({ "Requires multishell", "Requires multishell" })
        expect(shell.openTab).toBe(nil)
        expect(shell.switchTab).toBe(nil)
    end)

    it("openTab says when there is no such program", function()
        writeFile("nothing.lua", [[
local errors = {}
local old = printError
_G.printError = function(msg) errors[#errors + 1] = msg end
msLog.opened = { shell.openTab("no_such_program"), shell.openTab(""), multishell.getCount() }
_G.printError = old
msLog.errors = errors
]])
        local log = session({ p("nothing"), "exit" })
        expect(log.opened).toEqual({ nil, nil, 1 })
        expect(log.errors).toEqual({ "No such program" })
    end)
end)

describe("shell arguments", function()
    local function capture(f)
        local log = {}
        rawset(_G, "msLog", log)
        local errors = {}
        local oldPrintError = printError
        _G.printError = function(...) errors[#errors + 1] = table.concat({ ... }, " ") end
        local ok = f()
        _G.printError = oldPrintError
        rawset(_G, "msLog", nil)
        return log, errors, ok
    end

    it("shell.run splits words, quotes group them", function()
        local log = capture(function()
            shell.run(p("args") .. ' "a b"  c', 'd "" e')
            return shell.run(p("args"), "x y", '"z w"')
        end)
        expect(log).toEqual({
            { arg0 = p("args"), args = { "a b", "c", "d", "", "e" } },
            { arg0 = p("args"), args = { "x", "y", "z w" } },
        })
    end)

    it("shell.execute passes its arguments verbatim", function()
        local log = capture(function() return shell.execute(p("args"), "a b", '"c"', "") end)
        expect(log).toEqual({ { arg0 = p("args"), args = { "a b", '"c"', "" } } })
        expect(shell.execute).toError("bad argument #1 (string expected, got nil)")
        expect(shell.execute).toError("bad argument #3 (string expected, got number)", "x", "y", 1)
    end)

    it("runs #! programs through their interpreter, recursively", function()
        writeFile("hb1", '#!' .. p("args") .. ' one "two three"\nnot Lua')
        writeFile("hb2", '#!' .. p("hb1") .. ' z\nnot Lua either')
        local log, errors, ok = capture(function()
            shell.run(p("hb1") .. " x")
            return shell.execute(p("hb2"), "y y")
        end)
        expect(errors).toEqual({})
        expect(ok).toBe(true)
        expect(log).toEqual({
            { arg0 = p("args"), args = { "one", "two three", p("hb1"), "x" } },
            { arg0 = p("args"), args = { "one", "two three", p("hb1"), "z", p("hb2"), "y y" } },
        })
    end)

    it("reports #! programs that cannot run", function()
        writeFile("loop", "#!" .. p("loop") .. "\n")
        writeFile("missing", "#!no_such_interpreter a\n")
        writeFile("shellbang", "#!shell\n")
        local _, errors = capture(function()
            local results = { shell.run(p("loop")), shell.run(p("missing")), shell.run(p("shellbang")) }
            return results[1] or results[2] or results[3]
        end)
        expect(errors).toEqual({
            "Hashbang recursion depth limit reached when loading file: " .. p("loop"),
            "Hashbang program not found: no_such_interpreter",
            "Cannot use the shell as a hashbang program",
        })
    end)
end)

fs.delete(dir)
h.finish()
