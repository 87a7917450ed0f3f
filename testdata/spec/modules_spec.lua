-- Spec for ROM modules and the Lua side of fs.find / http.checkURL:
-- cc.image.nft, cc.audio.dfpwm, cc.internal.event, cc.shell.completion,
-- help.completeTopic. Expected values follow CC:Tweaked 1.116.1's documented
-- behaviour; dfpwm's bytes are checked bit for bit against an independent Go
-- codec in rom/dfpwm_test.go.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect

if not h.in_craftos then
    print("modules_spec: needs craftos, skipped")
    h.finish()
    return
end

-- Specs are dofile'd outside any shell: a require and a shell of our own,
-- as `craftos run` gives a program.
local module_env = setmetatable({}, { __index = _G })
local require = dofile("rom/modules/main/cc/require.lua").make(module_env, "")
module_env.require = require
local shell = h.shell()

local TMP = ".spec_tmp_modules"
fs.delete(TMP)
fs.makeDir(TMP)

local write_file = h.writeFile

describe("cc.image.nft", function()
    local nft = require("cc.image.nft")

    it("parses plain text white on black", function()
        expect(nft.parse("")).toEqual({})
        expect(nft.parse("Hello")).toEqual({ { text = "Hello", foreground = "00000", background = "fffff" } })
    end)

    it("applies \\30 (background) and \\31 (text colour) escapes", function()
        expect(nft.parse("\30a\31bHello")).toEqual({ { text = "Hello", foreground = "bbbbb", background = "aaaaa" } })
        expect(nft.parse("ab\31ecd\0301e")).toEqual({
            { text = "abcde", foreground = "00eee", background = "ffff1" },
        })
    end)

    it("gives one row per line, colours reset on each line", function()
        expect(nft.parse("\31eHello\nWorld")).toEqual({
            { text = "Hello", foreground = "eeeee", background = "fffff" },
            { text = "World", foreground = "00000", background = "fffff" },
        })
        expect(nft.parse("\n\n")).toEqual({
            { text = "", foreground = "", background = "" },
            { text = "", foreground = "", background = "" },
        })
        -- A line holding only escapes is an empty row; no row after a final newline.
        expect(nft.parse("\30e\nx\n")).toEqual({
            { text = "", foreground = "", background = "" },
            { text = "x", foreground = "0", background = "f" },
        })
    end)

    it("takes the character after an escape as the colour, whatever it is", function()
        -- "\31\n" sets the text colour to "\n": the newline does not end the line.
        expect(nft.parse("\31\nab")).toEqual({ { text = "ab", foreground = "\n\n", background = "ff" } })
        -- A lone escape at the very end has no colour and is dropped.
        expect(nft.parse("ab\31")).toEqual({ { text = "ab", foreground = "00", background = "ff" } })
    end)

    it("loads files", function()
        write_file(TMP .. "/image.nft", "\30aHello, world!\n\0312x")
        expect(nft.load(TMP .. "/image.nft")).toEqual({
            { text = "Hello, world!", foreground = "0000000000000", background = "aaaaaaaaaaaaa" },
            { text = "x", foreground = "2", background = "f" },
        })
        expect({ nft.load(TMP .. "/missing.nft") }).toEqual({ nil, "/" .. TMP .. "/missing.nft: No such file" })
    end)

    it("draws rows with blit at a position", function()
        local win = window.create(term.current(), 1, 1, 7, 3, false)
        local old = term.redirect(win)
        local ok, err = pcall(nft.draw, { { text = "Hello", foreground = "f000f", background = "aaaaa" } }, 2, 2)
        term.redirect(old)
        assert(ok, err)
        expect(win.getLine(1)).toBe("       ")
        expect({ win.getLine(2) }).toEqual({ " Hello ", "0f000f0", "faaaaaf" })
        expect(win.getLine(3)).toBe("       ")

        local target = window.create(term.current(), 1, 1, 5, 2, false)
        nft.draw(nft.parse("\31fHello\n\30bab"), 1, 1, target)
        expect({ target.getLine(1) }).toEqual({ "Hello", "fffff", "fffff" })
        expect({ target.getLine(2) }).toEqual({ "ab   ", "00000", "bbfff" })
    end)

    it("checks arguments", function()
        expect(nft.parse).toError("bad argument #1 (string expected, got nil)")
        expect(nft.load).toError("bad argument #1 (string expected, got nil)")
        expect(nft.draw).toError("bad argument #1 (table expected, got nil)")
        expect(nft.draw).toError("bad argument #2 (number expected, got nil)", {})
        expect(nft.draw).toError("bad argument #3 (number expected, got nil)", {}, 1)
        expect(nft.draw).toError("bad argument #4 (table expected, got boolean)", {}, 1, 1, false)
    end)
end)

describe("cc.audio.dfpwm", function()
    local dfpwm = require("cc.audio.dfpwm")

    it("encodes 8 samples a byte, least significant bit first", function()
        local pcm = { 127, 127, 127, 127, 127, 127, 127, 127, -128, -128, -128, -128, -128, -128, -128, -128, 5 }
        -- 17 samples: the last byte is padded with zero samples.
        expect({ dfpwm.encode(pcm):byte(1, -1) }).toEqual({ 255, 0, 171 })
        expect(dfpwm.encode({})).toBe("")
        -- Fractions are rounded down.
        expect(dfpwm.encode({ 0.9, 0.5, 1.5 })).toBe(dfpwm.encode({ 0, 0, 1 }))
    end)

    it("decodes to 8 amplitudes a byte", function()
        expect(dfpwm.decode("\255\0\170")).toEqual({
            1, 2, 3, 4, 5, 6, 7, 9, 9, 7, 5, 3, 1, -1, -3, -5, -7, -7, -7, -7, -7, -7, -7, -7,
        })
        expect(dfpwm.decode("")).toEqual({})
    end)

    it("keeps a stream's state across calls", function()
        local pcm = {}
        for i = 1, 64 do pcm[i] = math.floor(100 * math.sin(i / 4)) end
        local encoder = dfpwm.make_encoder()
        local first, second = {}, {}
        for i = 1, 32 do first[i], second[i] = pcm[i], pcm[32 + i] end
        local data = encoder(first) .. encoder(second)
        expect(data).toBe(dfpwm.encode(pcm))
        -- A fresh encoder for the second half starts from silence instead.
        expect(dfpwm.encode(second) ~= data:sub(5)).toBe(true)

        local decoder = dfpwm.make_decoder()
        local whole, parts = dfpwm.decode(data), decoder(data:sub(1, 3))
        for _, v in ipairs(decoder(data:sub(4))) do parts[#parts + 1] = v end
        expect(parts).toEqual(whole)
        expect(#whole).toBe(64)
    end)

    it("round-trips audio closely", function()
        local pcm = {}
        for i = 1, 512 do pcm[i] = math.floor(60 * math.sin(i / 16)) end
        local back = dfpwm.decode(dfpwm.encode(pcm))
        local err = 0
        for i = 65, 512 do err = math.max(err, math.abs(back[i] - pcm[i])) end
        expect(err < 30).toBe(true)
    end)

    it("checks arguments and amplitudes", function()
        expect(dfpwm.encode).toError("bad argument #1 (table expected, got string)", "x")
        expect(dfpwm.decode).toError("bad argument #1 (string expected, got table)", {})
        expect(dfpwm.make_encoder()).toError("bad argument #1 (table expected, got nil)")
        expect(dfpwm.make_decoder()).toError("bad argument #1 (string expected, got nil)")
        expect(dfpwm.encode).toError("Amplitude at position 2 was 200, but should be between -128 and 127", { 1, 200 })
        expect(dfpwm.encode).toError("Amplitude at position 10 was -129, but should be between -128 and 127",
            { 0, 0, 0, 0, 0, 0, 0, 0, 0, -128.5 })
    end)
end)

describe("cc.internal.event", function()
    local event = require("cc.internal.event")

    it("discards the char event that follows a key", function()
        os.queueEvent("char", "q")
        event.discard_char()
        os.queueEvent("spec_marker")
        expect(os.pullEvent()).toBe("spec_marker")
    end)

    it("stops at the first key, key_up or char (consuming it)", function()
        os.queueEvent("mouse_click", 1, 2, 3)
        os.queueEvent("key", 16, false)
        os.queueEvent("char", "q")
        event.discard_char()
        expect({ os.pullEvent() }).toEqual({ "char", "q" })
    end)

    it("returns after one tick when nothing comes", function()
        event.discard_char()
        os.queueEvent("spec_marker")
        expect(os.pullEvent()).toBe("spec_marker")
    end)
end)

describe("cc.shell.completion", function()
    local c = require("cc.shell.completion")
    local dir = TMP .. "/complete"
    fs.makeDir(dir .. "/sub")
    write_file(dir .. "/alpha.lua", "")
    write_file(dir .. "/.hidden", "")
    local old_dir = shell.dir()
    local function in_dir(fn)
        shell.setDir(dir)
        local ok, result = pcall(fn)
        shell.setDir(old_dir)
        assert(ok, result)
        return result
    end

    it("completes files, folders and both", function()
        in_dir(function()
            expect(c.file(shell, "al")).toEqual({ "pha.lua" })
            -- Away from the root, "" also offers the parent folder.
            expect(c.file(shell, "")).toEqual({ "../", "alpha.lua", "sub/" })
            expect(c.dir(shell, "")).toEqual({ ".", "..", "sub/", "sub" })
            expect(c.dirOrFile(shell, "")).toEqual({ ".", "..", "alpha.lua", "sub/", "sub" })
            expect(c.dirOrFile(shell, "", nil, true)).toEqual({ ". ", ".. ", "alpha.lua ", "sub/", "sub " })
        end)
        expect(c.dirOrFile(shell, "rom/a")).toEqual({ "pis/", "pis", "utorun/", "utorun" })
        expect(c.dirOrFile(shell, "rom/a", nil, true)).toEqual({ "pis/", "pis ", "utorun/", "utorun " })
    end)

    it("gives files no trailing space, even when asked (as CraftOS's file ignores add_space)", function()
        in_dir(function()
            expect(c.file(shell, "al", {}, true)).toEqual({ "pha.lua" })
            expect(c.file(shell, "s", {}, true)).toEqual({ "ub/" })
        end)
    end)

    it("follows shell.autocomplete_hidden", function()
        local old = settings.get("shell.autocomplete_hidden")
        settings.set("shell.autocomplete_hidden", true)
        local shown = in_dir(function() return c.file(shell, "a") end)
        local shown_all = in_dir(function() return c.file(shell, "") end)
        settings.set("shell.autocomplete_hidden", false)
        local hidden = in_dir(function() return c.file(shell, "") end)
        local dotted = in_dir(function() return c.file(shell, ".h") end)
        settings.set("shell.autocomplete_hidden", old)
        expect(shown).toEqual({ "lpha.lua" })
        expect(shown_all).toEqual({ "../", ".hidden", "alpha.lua", "sub/" })
        expect(hidden).toEqual({ "../", "alpha.lua", "sub/" })
        expect(dotted).toEqual({ "idden" })
    end)

    it("completes programs", function()
        expect(c.program(shell, "rom/programs/fun/he")).toEqual({ "llo.lua" })
        local found = c.program(shell, "ed")
        expect(found[1]).toBe("it")
    end)

    it("completes a program and then its arguments", function()
        local shell_prog = "rom/programs/shell.lua"
        -- wget's completion, as rom/startup.lua sets it.
        shell.setCompletionFunction("rom/programs/http/wget.lua", c.build({ c.choice, { "run " } }))
        -- A program with a completion function of its own gets a space.
        expect(c.programWithArgs(shell, "wg", { shell_prog }, 2)).toEqual({ "et " })
        expect(c.programWithArgs(shell, "wget", { shell_prog }, 2)).toEqual({ " " })
        -- Folders never get one; files without completion neither.
        expect(c.programWithArgs(shell, "rom/programs/htt", { shell_prog }, 2)).toEqual({ "p/" })
        shell.setCompletionFunction(dir .. "/alpha.lua", function() return { "x" } end)
        expect(c.programWithArgs(shell, dir .. "/al", { shell_prog }, 2)).toEqual({ "pha.lua " })
        expect(c.programWithArgs(shell, dir .. "/", { shell_prog }, 2)).toEqual({ "alpha.lua ", "sub/" })
        -- Then the program's own completion, for its arguments.
        expect(c.programWithArgs(shell, "", { shell_prog, "wget" }, 2)).toEqual({ "run " })
        expect(c.programWithArgs(shell, "r", { shell_prog, "wget" }, 2)).toEqual({ "un " })
        expect(select("#", c.programWithArgs(shell, "", { shell_prog, "no_such_program" }, 2))).toBe(0)
    end)

    it("builds completion functions", function()
        local spec = c.build(function() return { "a" } end, nil, { c.choice, { "d", "e" } })
        expect(spec(shell, 1, "")).toEqual({ "a" })
        expect(spec(shell, 2, "")).toBe(nil)
        expect(spec(shell, 3, "")).toEqual({ "d", "e" })
        expect(spec(shell, 4, "")).toBe(nil)
        local many = c.build({ c.choice, { "x" }, true, many = true })
        expect(many(shell, 5, "")).toEqual({ "x " })
        expect(c.build).toError("bad argument #1 (table or function expected, got number)", 1)
        expect(c.build).toError("Bad table entry #1 at argument #1 (function expected, got nil)", {})
        expect(c.build).toError("Unexpected 'many' field on argument #1 (should only occur on the last argument)",
            { c.file, many = true }, c.file)
    end)

    it("completes help topics without their extensions", function()
        expect(c.help(shell, "intr")).toEqual({ "o" })
    end)
end)

describe("help.completeTopic", function()
    local topics_dir = TMP .. "/help"
    fs.makeDir(topics_dir)
    write_file(topics_dir .. "/zebra.txt", "")
    write_file(topics_dir .. "/zeta.md", "")
    write_file(topics_dir .. "/zoo", "")
    write_file(topics_dir .. "/.zhidden.txt", "")
    fs.makeDir(topics_dir .. "/zfolder")

    it("gives topic suffixes, not file names", function()
        local old = help.path()
        help.setPath(old .. ":/" .. topics_dir)
        local got = help.completeTopic("z")
        local exact = help.completeTopic("zoo")
        help.setPath(old)
        expect(got).toEqual({ "ebra", "eta", "oo" })
        expect(exact).toEqual({})
        expect(help.completeTopic("intr")).toEqual({ "o" })
        for _, topic in ipairs(help.topics()) do
            expect(topic:find("%.txt$") or topic:find("%.md$")).toBe(nil)
        end
        expect(help.completeTopic).toError("bad argument #1 (string expected, got nil)")
    end)
end)

describe("fs.find on the ROM", function()
    it("matches one segment per wildcard, sorted, without a leading slash", function()
        if fs.exists("rom/motd.txt") then
            expect(fs.find("rom/motd.txt")).toEqual({ "rom/motd.txt" })
            expect(fs.find("/rom/motd.txt")).toEqual({ "rom/motd.txt" })
        end
        local top = fs.find("rom/*")
        local listed = fs.list("rom")
        for i, name in ipairs(listed) do listed[i] = "rom/" .. name end
        expect(top).toEqual(listed)
        expect(fs.find("/rom/*.lua")).toEqual({ "rom/startup.lua" })
        -- "?" is exactly one character; "." and other pattern characters are literal.
        expect(fs.find("rom/apis/???.lua")).toEqual({ "rom/apis/gps.lua" })
        expect(fs.find("rom/apis/??.lua")).toEqual({ "rom/apis/io.lua" })
        expect(fs.find("rom/apis/io?lua")).toEqual({ "rom/apis/io.lua" })
        expect(fs.find("rom/apis/g.s?lua")).toEqual({})
        for _, path in ipairs(fs.find("rom/*/?????.lua")) do
            expect(#fs.getName(path)).toBe(9)
            expect(path:find("^rom/[^/]+/[^/]+%.lua$") ~= nil).toBe(true)
        end
        expect(fs.find("rom/*/*/hello.lua")).toEqual({ "rom/programs/fun/hello.lua" })
        expect(fs.find("rom/apis/colo?rs.lua")).toEqual({ "rom/apis/colours.lua" })
        expect(fs.find("rom/apis/colo?.lua")).toEqual({})
    end)
end)

describe("http.checkURL", function()
    if not http then
        it("is absent without the http extension", function() expect(http).toBe(nil) end)
        return
    end
    it("checks the form without looking the name up", function()
        expect({ http.checkURL("example.com") }).toEqual({ false, "Must specify http or https" })
        expect({ http.checkURL("ftp://example.com") }).toEqual({ false, "Invalid protocol 'ftp'" })
        expect({ http.checkURL("http://") }).toEqual({ false, "URL malformed" })
        expect({ http.checkURL("https://nonexistent.invalid/x") }).toEqual({ true })
    end)
end)

fs.delete(TMP)
h.finish()
