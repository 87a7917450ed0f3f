-- Spec for everyday ROM programs on a computer with nothing attached:
-- about, apis, motd, peripherals, monitor, drive, eject, gps, redstone,
-- import, hello, chat, repeat and pastebin. Expected texts are CC:Tweaked
-- 1.116.1's. Only meaningful inside craftos.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect

if not h.in_craftos then
    print("programs_spec: needs craftos, skipped")
    h.finish()
    return
end

-- A shell of our own when there is none (specs are dofile'd, outside any
-- shell), built as multishell_spec builds one.
local shell = h.shell()

local tmp = "/.spec_programs"
fs.delete(tmp)
fs.makeDir(tmp)

local writeFile, readFile = h.writeFile, h.readFile

-- Run fn with the terminal redirected to a large hidden window; return the
-- text written (lines without trailing blanks, trailing empty lines
-- dropped) and a function giving a line's text colour (blit).
local function capture(fn)
    local win = window.create(term.current(), 1, 1, 200, 200, false)
    local old = term.redirect(win)
    local ok, err = pcall(fn)
    term.redirect(old)
    if not ok then error(err, 0) end
    local _, last = win.getCursorPos()
    local lines = {}
    for y = 1, last do lines[y] = (win.getLine(y):gsub(" +$", "")) end
    while #lines > 0 and lines[#lines] == "" do lines[#lines] = nil end
    local function colour(y)
        local _, fg = win.getLine(y)
        return fg:sub(1, 1)
    end
    return table.concat(lines, "\n"), colour
end

-- Run a command line through the shell and capture what it shows.
local function run(line)
    return capture(function() shell.run(line) end)
end

-- Run a command line in a coroutine of our own, delivering the scripted
-- events to it as the scheduler would (an event its filter does not want
-- is dropped); capture what it shows. A {line = text} entry answers
-- read(): a stdin_line on the plain terminal, typed characters and enter
-- on a full screen. With `stop`, the program is then terminated; without,
-- a program still waiting fails the test. Returns the output, the colour
-- function and whether read() took plain lines.
local function drive(line, events, stop)
    local left, plain = nil, false
    local out, colour = capture(function()
        local co = coroutine.create(function() shell.run(line) end)
        local ok, filter = coroutine.resume(co)
        local function deliver(...)
            if ok and coroutine.status(co) ~= "dead" and (filter == nil or filter == ... or ... == "terminate") then
                ok, filter = coroutine.resume(co, ...)
            end
        end
        for _, event in ipairs(events) do
            if event.line and filter == "stdin_line" then
                plain = true
                deliver("stdin_line", event.line)
            elseif event.line then
                for c in event.line:gmatch(".") do deliver("char", c) end
                deliver("key", keys.enter, false)
            else
                deliver(table.unpack(event))
            end
        end
        if stop then deliver("terminate") end
        left = ok and coroutine.status(co) ~= "dead"
        if left then coroutine.resume(co, "terminate") end
        if not ok then error(filter, 0) end
    end)
    if left then error(line .. " still waits; it showed:\n" .. out, 0) end
    return out, colour, plain
end

-- Replace fields of t while fn runs.
local function stub(t, fields, fn)
    local old = {}
    for k, v in pairs(fields) do old[k], t[k] = t[k], v end
    local ok, err = pcall(fn)
    for k in pairs(fields) do t[k] = old[k] end
    if not ok then error(err, 0) end
end

-- Replace t[k] while fn runs.
local function with(t, k, v, fn)
    local old = t[k]
    t[k] = v
    local ok, err = pcall(fn)
    t[k] = old
    if not ok then error(err, 0) end
end

local red, white = colours.toBlit(colours.red), colours.toBlit(colours.white)

describe("about", function()
    it("prints the version and host in yellow", function()
        local out, colour = run("about")
        expect(out).toBe(os.version() .. " on " .. _HOST)
        expect(colour(1)).toBe(colours.toBlit(colours.yellow))
        expect(term.getTextColour()).toBe(colours.white)
    end)
end)

describe("apis", function()
    it("lists the global tables, shell and package, sorted", function()
        local out = run("apis")
        local words = {}
        for word in out:gmatch("%S+") do words[#words + 1] = word end
        local want = { shell = true, package = true }
        if multishell then want.multishell = true end
        for k, v in pairs(_G) do
            if type(k) == "string" and type(v) == "table" and k ~= "_G" then want[k] = true end
        end
        local names = {}
        for name in pairs(want) do names[#names + 1] = name end
        table.sort(names)
        local sorted = {}
        for _, w in ipairs(words) do sorted[#sorted + 1] = w end
        table.sort(sorted)
        expect(sorted).toEqual(names)
        expect(want.fs and want.term and want.textutils).toBe(true)
    end)
end)

describe("motd", function()
    local one, two = fs.combine(tmp, "one.txt"), fs.combine(tmp, "two.txt")
    writeFile(one, "the only tip\n")
    writeFile(two, "first\nsecond\nthird\n")
    local function motd(path, month, day)
        local out
        settings.set("motd.path", path)
        with(os, "date", function(format, ...)
            if format == "*t" then return { year = 2024, month = month, day = day, hour = 12, min = 0, sec = 0 } end
            return os.date(format, ...)
        end, function() out = run("motd") end)
        settings.unset("motd.path")
        return out
    end

    it("defaults to the ROM's tips and the user's /motd.txt", function()
        expect(settings.get("motd.path")).toBe("/rom/motd.txt:/motd.txt")
        expect(fs.exists("/rom/motd.txt")).toBe(true)
        local tips = {}
        for line in io.lines("/rom/motd.txt") do tips[#tips + 1] = line end
        expect(#tips > 10).toBe(true)
        expect(motd("/rom/motd.txt", 6, 15)).toBeOneOf(tips)
    end)
    it("picks a line from the files on motd.path, skipping missing ones", function()
        expect(motd("/" .. one .. ":/" .. tmp .. "/missing.txt", 6, 15)).toBe("the only tip")
        expect(motd("/" .. tmp .. "/missing.txt:" .. one, 3, 2)).toBe("the only tip")
        expect(motd(two, 6, 15)).toBeOneOf({ "first", "second", "third" })
        expect(motd(one .. ":" .. two, 6, 15)).toBeOneOf({ "the only tip", "first", "second", "third" })
    end)
    it("says missingno when there are no lines", function()
        expect(motd("/" .. tmp .. "/missing.txt", 6, 15)).toBe("missingno")
        writeFile(fs.combine(tmp, "empty.txt"), "")
        expect(motd(fs.combine(tmp, "empty.txt"), 6, 15)).toBe("missingno")
    end)
    it("has its special dates", function()
        expect(motd(one, 1, 1)).toBe("Happy new year!")
        expect(motd(one, 12, 24)).toBe("Merry X-mas!")
        expect(motd(one, 10, 31)).toBe("OOoooOOOoooo! Spooky!")
        expect(motd(one, 4, 28)).toBe("Ed Balls")
        expect(motd(one, 12, 25)).toBe("the only tip")
    end)
end)

describe("peripherals", function()
    it("lists none", function()
        expect(run("peripherals")).toBe("Attached Peripherals:\nNone")
    end)
end)

describe("monitor", function()
    local usage = "Usage:\n  monitor <name> <program> <arguments>\n  monitor scale <name> <scale>"
    it("prints its usage", function()
        expect(run("monitor")).toBe(usage)
        expect(run("monitor left")).toBe(usage)
        expect(run("monitor scale left")).toBe(usage)
    end)
    it("finds no monitor", function()
        expect(run("monitor left hello")).toBe("No monitor named left")
        expect(run("monitor top nosuchprogram")).toBe("No monitor named top")
        expect(run("monitor scale right 2")).toBe("No monitor named right")
    end)
end)

describe("monitor on a stand-in monitor", function()
    -- peripheral answers for one monitor, "fake": a hidden window.
    local screen = window.create(term.current(), 1, 1, 30, 10, false)
    local calls = {}
    local function withMonitor(fn)
        local stubs = {
            getType = function(name) if name == "fake" then return "monitor" end end,
            wrap = function(name) if name == "fake" then return screen end end,
            call = function(name, method, ...) calls[#calls + 1] = { name, method, ... } end,
        }
        local old = {}
        for k, v in pairs(stubs) do old[k], peripheral[k] = peripheral[k], v end
        local ok, err = pcall(fn)
        for k, v in pairs(old) do peripheral[k] = v end
        if not ok then error(err, 0) end
    end

    it("sets the text scale from 0.5 to 5", function()
        withMonitor(function()
            expect(run("monitor scale fake 0.4")).toBe("Invalid scale: 0.4")
            expect(run("monitor scale fake 6")).toBe("Invalid scale: 6")
            expect(run("monitor scale fake big")).toBe("Invalid scale: big")
            expect(#calls).toBe(0)
            expect(run("monitor scale fake 0.5")).toBe("")
            expect(run("monitor scale fake 5")).toBe("")
        end)
        expect(calls).toEqual({ { "fake", "setTextScale", 0.5 }, { "fake", "setTextScale", 5 } })
    end)
    it("runs a program there, touches becoming clicks", function()
        local program = fs.combine(tmp, "onmonitor.lua")
        writeFile(program, [[
            print("on the monitor", ...)
            os.queueEvent("monitor_touch", "other", 1, 1)
            os.queueEvent("monitor_touch", "fake", 3, 4)
            print(os.pullEvent("mouse_click"))
            print(os.pullEvent("mouse_up"))
        ]])
        local out
        withMonitor(function()
            expect(run("monitor fake nosuchprogram")).toBe("No such program: nosuchprogram")
            out = run("monitor fake /" .. program .. " a b")
        end)
        expect(out).toBe("Running /" .. program .. " on monitor fake")
        local lines = {}
        for y = 1, 3 do lines[y] = (screen.getLine(y):gsub(" +$", "")) end
        expect(lines).toEqual({ "on the monitor\ta\tb", "mouse_click\t1\t3\t4", "mouse_up\t1\t3\t4" })
    end)
end)

describe("drive", function()
    it("names the drive and its free space", function()
        local out = run("drive")
        expect(out:match("^hdd %([%d.]+[KM]?B remaining%)$") ~= nil).toBe(true)
        expect(run("drive rom")).toBe("rom (0B remaining)")
        expect(run("drive /rom/programs")).toBe("rom (0B remaining)")
        expect(run("drive nope")).toBe("No such path")
    end)
    it("rounds down to one decimal place in B, KB and MB", function()
        local cases = {
            { 999, "hdd (999B remaining)" },
            { 1000, "hdd (1KB remaining)" },
            { 1599, "hdd (1.5KB remaining)" },
            { 999999, "hdd (999.9KB remaining)" },
            { 1000000, "hdd (1MB remaining)" },
            { 2560000, "hdd (2.5MB remaining)" },
        }
        for _, c in ipairs(cases) do
            with(fs, "getFreeSpace", function() return c[1] end, function()
                expect(run("drive")).toBe(c[2])
            end)
        end
    end)
end)

describe("eject", function()
    it("prints its usage and finds no disk", function()
        expect(run("eject")).toBe("Usage: eject <drive>")
        expect(run("eject left")).toBe("Nothing in left drive")
    end)
end)

describe("gps", function()
    it("prints its usage", function()
        local usage = "Usages:\ngps host\ngps host <x> <y> <z>\ngps locate"
        expect(run("gps")).toBe(usage)
        expect(run("gps where")).toBe(usage)
    end)
    it("has no wireless modem", function()
        expect(run("gps locate")).toBe("No wireless modem attached")
        expect(run("gps host")).toBe("No wireless modems found. 1 required.")
        expect(run("gps host 1 2 3")).toBe("No wireless modems found. 1 required.")
    end)
end)

describe("gps host on a stand-in modem", function()
    it("answers pings with its position until terminated", function()
        local calls = {}
        local out, colour
        stub(peripheral, {
            getType = function(side) if side == "left" then return "modem" end end,
            call = function(side, method, ...)
                if method == "isWireless" then return true end
                calls[#calls + 1] = { side, method, ... }
            end,
            wrap = function(side)
                return setmetatable({}, { __index = function(_, method)
                    return function(...) return peripheral.call(side, method, ...) end
                end })
            end,
        }, function()
            out, colour = drive("gps host 1 -2 3.5", {
                { "modem_message", "left", gps.CHANNEL_GPS, 77, "PING", 12 },
                { "modem_message", "right", gps.CHANNEL_GPS, 78, "PING", 12 }, -- another modem
                { "modem_message", "left", gps.CHANNEL_GPS, 79, "PONG", 12 },
                { "modem_message", "left", gps.CHANNEL_GPS, 80, "PING" }, -- no distance
                { "modem_message", "left", gps.CHANNEL_GPS, 81, "PING", 3 },
            }, true)
        end)
        expect(out).toBe("Position is 1,-2,3.5\nOpening channel on modem left\n2 GPS requests served\nTerminated")
        expect(colour(4)).toBe(red)
        expect(calls).toEqual({
            { "left", "open", gps.CHANNEL_GPS },
            { "left", "transmit", 77, gps.CHANNEL_GPS, { 1, -2, 3.5 } },
            { "left", "transmit", 81, gps.CHANNEL_GPS, { 1, -2, 3.5 } },
        })
    end)
    it("needs numbers for a position", function()
        stub(peripheral, {
            getType = function(side) if side == "left" then return "modem" end end,
            call = function(_, method) return method == "isWireless" end,
        }, function()
            expect(run("gps host 1 two 3")).toBe("Usages:\ngps host\ngps host <x> <y> <z>\ngps locate")
            -- (what locate prints before is the gps API's)
            local out = run("gps host")
            expect(out:sub(-#'Run "gps host <x> <y> <z>" to set position manually')).toBe('Run "gps host <x> <y> <z>" to set position manually')
        end)
    end)
end)

describe("redstone", function()
    local function reset()
        for _, side in ipairs(rs.getSides()) do
            rs.setOutput(side, false)
            rs.setBundledOutput(side, 0)
        end
    end
    it("prints its usage", function()
        local usage = "Usages:\nredstone probe\nredstone set <side> <value>\nredstone set <side> <color> <value>\nredstone pulse <side> <count> <period>"
        expect(run("redstone")).toBe(usage)
        expect(run("redstone flip")).toBe(usage)
    end)
    it("probes the inputs", function()
        expect(run("redstone probe")).toBe("Redstone inputs:\nNone.") -- (trailing blanks are not captured)
        local on = { top = true, left = true }
        with(redstone, "getInput", function(side) return on[side] == true end, function()
            with(redstone, "getBundledInput", function(side) return side == "back" and colours.red or 0 end, function()
                local out, colour = run("redstone probe")
                expect(out).toBe("Redstone inputs:\ntop, left.\n\nBundled inputs:\nback: red.")
                expect(colour(5)).toBe(white) -- "back: " before the coloured name
            end)
        end)
    end)
    it("sets outputs", function()
        reset()
        expect(run("redstone set left true")).toBe("")
        expect(rs.getOutput("left")).toBe(true)
        expect(run("redstone set left false")).toBe("")
        expect(rs.getOutput("left")).toBe(false)
        expect(run("redstone set back 7")).toBe("")
        expect(rs.getAnalogOutput("back")).toBe(7)
        expect(run("redstone set back 16")).toBe("Value must be boolean or 0-15")
        expect(run("redstone set back on")).toBe("Value must be boolean or 0-15")
        expect(rs.getAnalogOutput("back")).toBe(7)
        reset()
    end)
    it("sets bundled outputs", function()
        reset()
        run("redstone set right red true")
        run("redstone set right lightBlue true")
        expect(rs.getBundledOutput("right")).toBe(colours.red + colours.lightBlue)
        run("redstone set right red false")
        expect(rs.getBundledOutput("right")).toBe(colours.lightBlue)
        run("redstone set right grey true") -- the colours spelling
        expect(rs.getBundledOutput("right")).toBe(colours.lightBlue + colours.grey)
        local out, colour = run("redstone set right mauve true")
        expect(out).toBe("No such color")
        expect(colour(1)).toBe(red)
        expect(run("redstone set right red maybe")).toBe("Value must be boolean")
        reset()
    end)
    it("pulses an output", function()
        reset()
        local seen = {}
        with(redstone, "setOutput", function(side, on) seen[#seen + 1] = side .. "=" .. tostring(on) end, function()
            expect(run("redstone pulse front 2 0")).toBe("")
        end)
        expect(seen).toEqual({ "front=true", "front=false", "front=true", "front=false" })
    end)
end)

describe("hello", function()
    it("greets the world and restores white", function()
        local out = run("hello")
        expect(out).toBe("Hello World!")
        expect(term.getTextColour()).toBe(colours.white)
    end)
end)

describe("rednet programs", function()
    it("chat prints its usage", function()
        local usage = "Usages:\nchat host <hostname>\nchat join <hostname> <nickname>"
        expect(run("chat")).toBe(usage)
        expect(run("chat host")).toBe(usage)
        expect(run("chat join server")).toBe(usage)
        expect(run("chat talk")).toBe(usage)
    end)
    it("chat and repeat find no modem", function()
        expect(run("chat host myroom")).toBe("No modems found.")
        expect(run("chat join myroom me")).toBe("No modems found.")
        expect(run("repeat")).toBe("No modems found.")
        expect(rednet.isOpen()).toBe(false)
    end)
end)

describe("repeat on stand-in modems", function()
    it("passes each rednet message on once", function()
        local calls = {}
        local out, colour
        local message = { nMessageID = 42, nRecipient = 9, message = "hi" }
        stub(peripheral, {
            getNames = function() return { "left", "top" } end,
            getType = function(name) return "modem" end,
            call = function(name, method, ...) calls[#calls + 1] = { name, method, ... } end,
        }, function()
            out, colour = drive("repeat", {
                { "modem_message", "left", rednet.CHANNEL_REPEAT, 5, message, 10 },
                { "modem_message", "top", rednet.CHANNEL_REPEAT, 5, message, 10 }, -- seen already
                { "modem_message", "left", 7, 5, { nMessageID = 43, nRecipient = 9 }, 10 }, -- not the repeat channel
                { "modem_message", "left", rednet.CHANNEL_REPEAT, 5, "not rednet", 10 },
            }, true)
        end)
        expect(out).toBe("2 modems found.\n1 message repeated.\nTerminated")
        expect(colour(3)).toBe(red)
        local R = rednet.CHANNEL_REPEAT
        expect(calls).toEqual({
            { "left", "open", R }, { "top", "open", R },
            { "left", "transmit", R, 5, message }, { "left", "transmit", 9, 5, message },
            { "top", "transmit", R, 5, message }, { "top", "transmit", 9, 5, message },
            { "left", "close", R }, { "top", "close", R },
        })
    end)
end)

describe("import", function()
    local dir = fs.combine(tmp, "import")
    local src = fs.combine(tmp, "uploads")

    -- TransferredFile: a binary read handle with getName, as CC:T documents.
    local function transfer(files)
        local handles = {}
        for i, f in ipairs(files) do
            local path = fs.combine(src, tostring(i))
            writeFile(path, f[2])
            local handle = assert(fs.open(path, "rb"))
            handle.getName = function() return f[1] end
            handles[i] = handle
        end
        return { getFiles = function() return handles end }
    end

    -- Run import in dir, delivering the scripted events to it as the
    -- scheduler would (an event its filter does not want is dropped). A
    -- {line = text} entry answers read(): a stdin_line on the plain
    -- terminal, typed characters and enter on a full screen. If import is
    -- still waiting afterwards it is terminated and the test fails.
    local function import(events)
        fs.delete(src)
        fs.makeDir(src)
        local oldDir = shell.dir()
        shell.setDir(dir)
        local ok, out, colour, plain = pcall(drive, "import", events)
        shell.setDir(oldDir)
        if not ok then error(out, 0) end
        return out, colour, plain
    end
    local function typed(text) return { line = text } end

    it("saves the dropped files", function()
        fs.delete(dir)
        fs.makeDir(dir)
        local big = string.rep("0123456789", 2000) -- more than one 8 KiB piece
        local out = import({ { "file_transfer", transfer({ { "a.lua", "print('a')\n" }, { "big.bin", big }, { "bytes", "\0\255\n\r" } }) } })
        expect(out).toBe("Drop files to transfer them to this computer\nTransferring a.lua\nTransferring big.bin\nTransferring bytes")
        expect(readFile(fs.combine(dir, "a.lua"))).toBe("print('a')\n")
        expect(readFile(fs.combine(dir, "big.bin"))).toBe(big)
        expect(readFile(fs.combine(dir, "bytes"))).toBe("\0\255\n\r")
    end)
    it("stops on q", function()
        expect(import({ { "key", keys.a, false }, { "key", keys.q, false } })).toBe("Drop files to transfer them to this computer")
    end)
    it("refuses an empty transfer", function()
        local out, colour = import({ { "file_transfer", transfer({}) } })
        expect(out).toBe("Drop files to transfer them to this computer\nNo files to transfer")
        expect(colour(2)).toBe(red)
    end)
    it("will not replace a folder", function()
        fs.delete(dir)
        fs.makeDir(fs.combine(dir, "sub"))
        local out, colour = import({ { "file_transfer", transfer({ { "new.txt", "x" }, { "sub", "y" } }) } })
        expect(out).toBe("Drop files to transfer them to this computer\nsub is already a directory.")
        expect(colour(2)).toBe(red)
        expect(fs.exists(fs.combine(dir, "new.txt"))).toBe(false)
    end)
    it("overwrites on yes and keeps the files on no", function()
        fs.delete(dir)
        writeFile(fs.combine(dir, "b.txt"), "old b")
        writeFile(fs.combine(dir, "a.txt"), "old a")
        local files = { { "b.txt", "new b" }, { "c.txt", "new c" }, { "a.txt", "new a" } }
        -- The plain terminal's read() does not echo the answer.
        local function echo(plain, text) return plain and "" or " " .. text end
        local out, colour, plain = import({ { "file_transfer", transfer(files) }, typed("maybe"), typed("No") })
        -- (tabulate's columns are at least an eighth of the screen wide)
        expect((out:gsub("a%.txt +b%.txt", "a.txt b.txt"))).toBe("Drop files to transfer them to this computer\n" ..
            "The following files will be overwritten:\na.txt b.txt\n" ..
            "Overwrite? (yes/no)" .. echo(plain, "maybe") .. "\nOverwrite? (yes/no)" .. echo(plain, "No"))
        expect(colour(2)).toBe(red)
        expect(colour(3)).toBe(colours.toBlit(colours.cyan))
        expect(readFile(fs.combine(dir, "a.txt"))).toBe("old a")
        expect(fs.exists(fs.combine(dir, "c.txt"))).toBe(false)

        out = import({ { "file_transfer", transfer(files) }, typed("") })
        expect((out:gsub("a%.txt +b%.txt", "a.txt b.txt"))).toBe("Drop files to transfer them to this computer\nThe following files will be overwritten:\n" ..
            "a.txt b.txt\nOverwrite? (yes/no)\nTransferring b.txt\nTransferring c.txt\nTransferring a.txt")
        expect(readFile(fs.combine(dir, "a.txt"))).toBe("new a")
        expect(readFile(fs.combine(dir, "b.txt"))).toBe("new b")
        expect(readFile(fs.combine(dir, "c.txt"))).toBe("new c")
    end)
end)

describe("pastebin", function()
    local usage = "Usages:\npastebin put <filename>\npastebin get <code> <filename>\npastebin run <code> <arguments>"
    it("prints its usage", function()
        expect(run("pastebin")).toBe(usage)
        expect(run("pastebin get")).toBe(usage)
        expect(run("pastebin get abc")).toBe(usage)
        expect(run("pastebin fetch abc")).toBe(usage)
    end)
    it("needs the http API", function()
        with(_G, "http", nil, function()
            local out, colour = run("pastebin get abc file")
            expect(out).toBe("Pastebin requires the http API, but it is not enabled\nSet http.enabled to true in CC: Tweaked's server config")
            expect(colour(1) .. colour(2)).toBe(red .. red)
        end)
    end)
    if not http or not http.listen then
        it("has the http API to test against", function() expect(http and http.listen ~= nil).toBe(true) end)
        return
    end

    it("refuses bad codes and missing files", function()
        local out, colour = run("pastebin get not-a-code! f")
        expect(out).toBe("Invalid pastebin code.\nThe code is the ID at the end of the pastebin.com URL.")
        expect(colour(1) .. colour(2)).toBe(red .. white)
        expect(run("pastebin put " .. tmp .. "/nothing.lua")).toBe("No such file")
        expect(run("pastebin put " .. tmp)).toBe("No such file")
        writeFile(fs.combine(tmp, "exists.lua"), "x")
        expect(run("pastebin get abc " .. tmp .. "/exists.lua")).toBe("File already exists")
    end)

    -- A port no one listens on yet.
    local function freePort()
        for _ = 1, 50 do
            local port = math.random(20000, 60000)
            if pcall(http.addListener, port) then
                http.removeListener(port)
                return port
            end
        end
        error("no free port")
    end

    -- Serve pastebin's API on a local port while fn runs, with http.get and
    -- http.post sending https://pastebin.com there. Returns the requests.
    local function serve(pastes, fn)
        local port = freePort()
        local base = "http://127.0.0.1:" .. port
        local requests = {}
        local function handle(req, res)
            local r = { method = req.getMethod(), url = req.getURL(), body = req.readAll(), headers = req.getRequestHeaders() }
            requests[#requests + 1] = r
            local id = r.url:match("^/raw/([%w]+)%?cb=%x+$")
            if r.method == "POST" and r.url == "/api/api_post.php" then
                res.setResponseHeader("Content-Type", "text/plain")
                res.write("https://pastebin.com/Up10ad")
            elseif id and pastes[id] then
                res.setResponseHeader("Content-Type", pastes[id][1])
                res.write(pastes[id][2])
            else
                res.setStatusCode(404)
                res.setResponseHeader("Content-Type", "text/plain")
                res.write("not here")
            end
            res.close()
        end
        local function redirect(url) return (url:gsub("^https://pastebin%.com", base)) end
        local get, post = http.get, http.post
        local result
        parallel.waitForAll(function() http.listen(port, handle) end, function()
            http.get = function(url, ...) return get(redirect(url), ...) end
            http.post = function(url, ...) return post(redirect(url), ...) end
            local ok, err = pcall(fn)
            http.get, http.post = get, post
            os.queueEvent("server_stop")
            result = { ok, err }
        end)
        if not result[1] then error(result[2], 0) end
        return requests
    end

    local pastes = {
        abc123 = { "text/plain; charset=utf-8", "print('downloaded')\n" },
        runme = { "text/plain", "print('ran', ...)" },
        broken = { "text/plain", "error('boom')" },
        syntax = { "text/plain", "x = = 1" },
        captcha = { "text/html", "<html>captcha</html>" },
    }

    it("gets a paste into a file", function()
        local target = fs.combine(tmp, "got.lua")
        fs.delete(target)
        local out
        local requests = serve(pastes, function() out = run("pastebin get abc123 " .. target) end)
        expect(out).toBe("Connecting to pastebin.com... Success.\nDownloaded as " .. target)
        expect(readFile(target)).toBe("print('downloaded')\n")
        expect(#requests).toBe(1)
        expect(requests[1].method).toBe("GET")
        expect(requests[1].url:match("^/raw/abc123%?cb=%x+$") ~= nil).toBe(true)
    end)
    it("takes pastebin.com addresses and changes the cache buster", function()
        local requests = serve(pastes, function()
            for i, code in ipairs({ "https://pastebin.com/abc123", "pastebin.com/raw/abc123", "http://pastebin.com/raw/abc123" }) do
                local target = fs.combine(tmp, "url" .. i)
                fs.delete(target)
                expect(run("pastebin get " .. code .. " " .. target)).toBe("Connecting to pastebin.com... Success.\nDownloaded as " .. target)
            end
        end)
        expect(#requests).toBe(3)
        local busters = {}
        for _, r in ipairs(requests) do busters[r.url:match("cb=(%x+)$")] = true end
        local n = 0
        for _ in pairs(busters) do n = n + 1 end
        expect(n > 1).toBe(true)
    end)
    it("reports failures and spam protection", function()
        local target = fs.combine(tmp, "fail.lua")
        fs.delete(target)
        local missing, blocked, colour
        serve(pastes, function()
            missing, colour = run("pastebin get nothere " .. target)
            blocked = run("pastebin get captcha " .. target)
        end)
        expect(missing).toBe("Connecting to pastebin.com... Failed.\nNot Found")
        expect(colour(1)).toBe(white)
        expect(blocked).toBe("Connecting to pastebin.com... Failed.\n" ..
            "Pastebin blocked the download due to spam protection. Please complete the captcha in a web browser: https://pastebin.com/captcha")
        expect(fs.exists(target)).toBe(false)
    end)
    it("runs a paste with arguments", function()
        local ok, failed, bad
        serve(pastes, function()
            ok = run("pastebin run runme a b")
            failed = run("pastebin run broken")
            bad = run("pastebin run syntax")
        end)
        expect(ok).toBe("Connecting to pastebin.com... Success.\nran\ta\tb")
        expect(failed).toBe("Connecting to pastebin.com... Success.\n[string \"broken\"]:1: boom")
        expect(bad).toBe("Connecting to pastebin.com... Success.\n[string \"syntax\"]:1: unexpected symbol near '='")
    end)
    it("puts a file", function()
        local file = fs.combine(tmp, "my prog.lua")
        writeFile(file, "print(\"a&b = c\")\n")
        local out
        local requests = serve(pastes, function() out = run("pastebin put \"" .. file .. "\"") end)
        expect(out).toBe("Connecting to pastebin.com... Success.\nUploaded as https://pastebin.com/Up10ad\nRun \"pastebin get Up10ad\" to download anywhere")
        expect(#requests).toBe(1)
        expect(requests[1].method).toBe("POST")
        expect(requests[1].url).toBe("/api/api_post.php")
        expect(requests[1].body).toBe("api_option=paste&api_dev_key=0ec2eb25b6166c0c27a394ae118ad829&api_paste_format=lua&" ..
            "api_paste_name=" .. textutils.urlEncode("my prog.lua") .. "&api_paste_code=" .. textutils.urlEncode("print(\"a&b = c\")\n"))
    end)
end)

describe("help topics", function()
    it("exist for these programs", function()
        local missing = {}
        for _, name in ipairs({ "about", "apis", "motd", "peripherals", "monitor", "drive", "eject", "gps",
            "redstone", "import", "hello", "chat", "repeat", "pastebin" }) do
            if not help.lookup(name) then missing[#missing + 1] = name end
        end
        expect(missing).toEqual({})
    end)
    it("exist for every API, under CC:T's names", function()
        -- An API whose name is also a program's has its topic as <name>api.
        local topic = { gps = "gpsapi", redstone = "redstoneapi", rs = "redstoneapi", shell = "shellapi" }
        local missing = {}
        for name, value in pairs(_G) do
            if type(value) == "table" and name ~= "_G" and name ~= "debug" and name ~= "utf8" then
                if not help.lookup(topic[name] or name) then missing[#missing + 1] = name end
            end
        end
        for _, name in ipairs({ "shell", "multishell" }) do
            if not help.lookup(topic[name] or name) then missing[#missing + 1] = name end
        end
        table.sort(missing)
        expect(missing).toEqual({})
    end)
end)

fs.delete(tmp)
h.finish()
