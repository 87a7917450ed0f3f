-- Spec for the fun programs: dj, speaker, adventure, worm, paint and
-- redirection. Texts are CC:Tweaked 1.116.1's. Only meaningful inside
-- craftos.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect

if not h.in_craftos then
    print("fun_spec: needs craftos, skipped")
    h.finish()
    return
end

-- A spec run by dofile sees no shell: make one, as `craftos run` does.
local shell = h.shell() -- its path has fun and fun/advanced (a colour computer's)

-- Runs a command line with print and printError captured (printError lines
-- start with "!") and the screen redirected to a hidden window; returns the
-- lines, shell.run's result and the window.
local function run(command, driver)
    local lines = {}
    local function catcher(prefix)
        return function(...)
            local parts = table.pack(...)
            for i = 1, parts.n do parts[i] = tostring(parts[i]) end
            lines[#lines + 1] = prefix .. table.concat(parts, "\t")
        end
    end
    local oldPrint, oldError = print, printError
    _G.print, _G.printError = catcher(""), catcher("!")
    local w = window.create(term.current(), 1, 1, 51, 19, false)
    local old = term.redirect(w)
    local ok, result = pcall(function()
        local r
        if driver then
            parallel.waitForAny(function() r = shell.run(command) end, function()
                driver(w)
                sleep(5) -- the program should end before this
            end)
        else
            r = shell.run(command)
        end
        return r
    end)
    term.redirect(old)
    _G.print, _G.printError = oldPrint, oldError
    if not ok then error(result, 0) end
    return lines, result, w
end

-- Waits until `cond` holds, for at most `seconds`.
local function waitFor(cond, seconds)
    local deadline = os.clock() + (seconds or 5)
    while not cond() and os.clock() < deadline do sleep(0.05) end
    return cond()
end

local function screenHas(w, text)
    local _, height = w.getSize()
    for y = 1, height do
        if w.getLine(y):find(text, 1, true) then return true end
    end
    return false
end

local writeFile, readFile = h.writeFile, h.readFile

describe("dj", function()
    local usage = { "Usages:", "dj play", "dj play <drive>", "dj stop" }
    it("finds no music discs", function()
        expect(run("dj")).toEqual({ "No Music Discs in attached disk drives" })
        expect(run("dj play")).toEqual({ "No Music Discs in attached disk drives" })
        expect(run("dj play left")).toEqual({ "No Music Disc in disk drive: left" })
        expect(run("dj stop")).toEqual({})
    end)
    it("prints its usage", function()
        expect(run("dj dance")).toEqual(usage)
        expect(run("dj play left right")).toEqual(usage)
    end)
end)

describe("speaker", function()
    it("prints its usage", function()
        expect(run("speaker")).toEqual({
            "Usage:",
            "speaker play <file or url> [speaker]",
            "speaker sound <sound> [volume] [pitch] [speaker]",
            "speaker stop [speaker]",
        })
    end)
    it("finds no speakers", function()
        expect(run("speaker play")).toEqual({ "!Usage: speaker play <file or url> [speaker]" })
        expect(run("speaker play song.dfpwm")).toEqual({ "!No speakers attached" })
        expect(run("speaker play song.dfpwm left")).toEqual({ '!Speaker "left" does not exist' })
        expect(run("speaker stop")).toEqual({ "!No speakers attached" })
        expect(run("speaker stop top")).toEqual({ '!Speaker "top" does not exist' })
        expect(run("speaker sound block.note.harp")).toEqual({ "!No speakers attached" })
    end)
    it("checks sound's arguments before looking for speakers", function()
        expect(run("speaker sound")).toEqual({ "!Usage: speaker sound <sound> [volume] [pitch] [speaker]" })
        expect(run("speaker sound x loud")).toEqual({ "!Volume must be a number" })
        expect(run("speaker sound x 3.5")).toEqual({ "!Volume must be between 0 and 3" })
        expect(run("speaker sound x 1 high")).toEqual({ "!Pitch must be a number" })
        expect(run("speaker sound x 1 -1")).toEqual({ "!Pitch must be between 0 and 2" })
    end)

    -- A stand-in speaker on "left", for the decoding paths.
    local function withSpeaker(fn)
        local played, stopped, sounds = {}, 0, {}
        local speaker = {
            playAudio = function(samples) played[#played + 1] = samples return true end,
            playSound = function(name, volume, pitch) sounds[#sounds + 1] = { name, volume, pitch } return name ~= "nope" end,
            stop = function() stopped = stopped + 1 end,
        }
        local saved = {}
        for _, k in ipairs({ "find", "wrap", "hasType", "getName" }) do saved[k] = peripheral[k] end
        peripheral.find = function(t) if t == "speaker" then return speaker end end
        peripheral.wrap = function(name) if name == "left" or name == "back" then return speaker end end
        peripheral.hasType = function(name, t) return name == "left" and t == "speaker" end
        peripheral.getName = function() return "left" end
        local ok, err = pcall(fn, function() return played, stopped, sounds end)
        for k, v in pairs(saved) do peripheral[k] = v end
        if not ok then error(err, 0) end
    end

    local function wav(format, channels, rate, bits, extra, data)
        local fmt = string.pack("<I2I2I4I4I2I2", format, channels, rate, rate, 1, bits) .. (extra or "")
        local body = "WAVEfmt " .. string.pack("<I4", #fmt) .. fmt ..
            "LIST" .. string.pack("<I4", 4) .. "INFO" .. -- an extra chunk, skipped
            "data" .. string.pack("<I4", #data) .. data
        return "RIFF" .. string.pack("<I4", #body) .. body
    end

    it("plays 8-bit PCM WAV files", function()
        withSpeaker(function(state)
            writeFile("fun_spec_tmp/a.wav", wav(1, 1, 48000, 8, nil, "\128\255\0"))
            expect(run("speaker play fun_spec_tmp/a.wav")).toEqual({ "Playing fun_spec_tmp/a.wav" })
            expect(state()).toEqual({ { 0, 127, -128 } })
        end)
    end)
    it("warns about WAV files that are not 48 kHz mono", function()
        withSpeaker(function()
            writeFile("fun_spec_tmp/b.wav", wav(1, 2, 44100, 8, nil, "\128"))
            expect(run("speaker play fun_spec_tmp/b.wav")).toEqual({
                "Warning: Only 48 kHz mono WAV files are supported. This file may not play correctly.",
                "Playing fun_spec_tmp/b.wav",
            })
        end)
    end)
    it("refuses other WAV encodings and other formats", function()
        withSpeaker(function(state)
            writeFile("fun_spec_tmp/c.wav", wav(3, 1, 48000, 32, nil, "\0\0\0\0"))
            expect(run("speaker play fun_spec_tmp/c.wav")).toEqual({ "!Could not play audio: Unsupported WAV file" })
            writeFile("fun_spec_tmp/d.wav", wav(0xFFFE, 1, 48000, 1, string.rep("\0", 24), "\0"))
            expect(run("speaker play fun_spec_tmp/d.wav")).toEqual({ "!Could not play audio: Unsupported WAV file" })
            writeFile("fun_spec_tmp/e.wav", "RIFF\0\0\0\0WAVEfmt " .. string.pack("<I4", 16) ..
                string.pack("<I2I2I4I4I2I2", 1, 1, 48000, 48000, 1, 8))
            expect(run("speaker play fun_spec_tmp/e.wav")).toEqual({ "!Could not play audio: Invalid WAV file" })
            writeFile("fun_spec_tmp/f.ogg", "OggS and more")
            local lines = run("speaker play fun_spec_tmp/f.ogg")
            expect(lines[1]).toBe("!speaker cannot play Ogg files.")
            writeFile("fun_spec_tmp/g.mp3", "ID3\3")
            expect(run("speaker play fun_spec_tmp/g.mp3")[1]).toBe("!speaker cannot play MP3 files.")
            expect(#state()).toBe(0)
            expect(run("speaker play fun_spec_tmp/missing.dfpwm")).toEqual({
                "!Could not play audio:", "!/fun_spec_tmp/missing.dfpwm: No such file" })
        end)
    end)
    it("decodes DFPWM files", function()
        withSpeaker(function(state)
            local ok, dfpwm = pcall(require, "cc.audio.dfpwm")
            local data = string.rep("\85\170", 40) -- 80 bytes: 640 samples
            writeFile("fun_spec_tmp/h.dfpwm", data)
            expect(run("speaker play fun_spec_tmp/h.dfpwm")).toEqual({ "Playing fun_spec_tmp/h.dfpwm" })
            local played = state()
            expect(#played).toBe(1)
            expect(#played[1]).toBe(640)
            if ok then expect(played[1]).toEqual(dfpwm.make_decoder()(data)) end
        end)
    end)
    it("plays sounds and stops", function()
        withSpeaker(function(state)
            expect(run("speaker sound block.note.harp 2 0.5")).toEqual({
                'Played sound "block.note.harp" on speaker "left" with volume 2 and pitch 0.5.' })
            expect(run("speaker sound nope")).toEqual({ '!Could not play sound "nope"' })
            expect(run("speaker sound x 1 1 top")).toEqual({ '!Speaker "top" does not exist' })
            expect(run("speaker sound x 1 1 back")).toEqual({ '!"back" is not a speaker' })
            run("speaker stop")
            run("speaker stop left")
            local _, stopped, sounds = state()
            expect(stopped).toBe(2)
            expect(sounds[1]).toEqual({ "block.note.harp", 2, 0.5 })
        end)
    end)
end)

describe("adventure", function()
    -- Plays the lines given as read()'s answers.
    local function play(script)
        local oldRead = read
        local i = 0
        _G.read = function()
            i = i + 1
            return script[i]
        end
        local ok, lines, result = pcall(run, "adventure")
        _G.read = oldRead
        if not ok then error(lines, 0) end
        return lines, result, i
    end

    it("understands its commands", function()
        local lines, result = play({
            "help", "look at the signpost", "take the goat", "i", "go west", "go sideways",
            "dig down", "craft a computer",
        })
        expect(result).toBe(true)
        expect(lines[1]).toBe("You are in a sunny meadow at the foot of a hill.")
        expect(lines[2]).toBe("You see a goat and an old signpost here.")
        expect(lines[3]).toBe("You can go east, north and up.")
        expect(lines[4]:find("look, go, inventory, take, drop, place, dig, mine, attack, craft, build, eat, wait and exit", 1, true) ~= nil).toBe(true)
        expect({ table.unpack(lines, 5) }).toEqual({
            'The sign reads: "MINE - closed until further notice. Bring a light."',
            "You can't carry a goat.",
            "You are carrying a flask of cold cocoa.",
            "You can't go that way.",
            "I don't understand that direction.",
            "You need a pickaxe to dig through rock.",
            "You build a computer inside a computer inside a computer. Reality folds up like a deck chair.",
            "You have died.",
            "Score: 0",
        })
    end)

    it("ends on quit and at the end of input", function()
        local _, result, asked = play({ "wait", "QUIT!", "look" })
        expect(result).toBe(true)
        expect(asked).toBe(2)
        local lines
        lines, result = play({ "Wait" })
        expect(result).toBe(true)
        expect(lines[#lines]).toBe("You wait. Nothing much happens.")
    end)

    it("can be won", function()
        local lines = play({
            "go north", "punch tree", "craft planks", "craft sticks", "punch tree", "craft planks",
            "craft wooden pickaxe", "punch tree", "craft planks", "craft sticks", "take berries", "go south",
            "go up", "mine coal", "mine stone", "craft torches", "go down", "north", "punch tree",
            "craft planks", "craft sticks", "craft stone pickaxe", "punch tree", "craft planks", "craft sticks",
            "make a stone sword", "punch tree", "craft planks", "craft sticks", "go south", "go up", "go north",
            "place torch", "go east", "place a torch", "attack the spider with the stone sword",
            "mine iron with stone pickaxe", "craft an iron pickaxe", "dig down", "place torch", "mine diamond",
            "walk up", "go west", "up", "go down",
        })
        expect(lines[#lines]).toBe("You have won. Score: 110")
        expect(lines[#lines - 1]).toBe("You hold the diamond up to the sun. The whole valley will hear of this!")
    end)
end)

describe("worm", function()
    it("plays until the worm bites itself", function()
        local over, score
        local lines, result = run("worm", function(w)
            os.queueEvent("key", keys.up) -- easy
            os.queueEvent("key", keys.enter)
            sleep(0.5)
            for _, key in ipairs({ keys.up, keys.left, keys.down }) do
                os.queueEvent("key", key)
                sleep(0.3)
            end
            waitFor(function() return screenHas(w, "G A M E   O V E R") end)
            over = screenHas(w, "G A M E   O V E R")
            score = screenHas(w, "FINAL SCORE 0") or screenHas(w, "FINAL SCORE 10")
            os.queueEvent("char", "x")
            sleep(0.2)
        end)
        expect(over).toBe(true)
        expect(score).toBe(true)
        expect(result).toBe(true)
        expect(lines).toEqual({})
    end)
    it("stops when terminated", function()
        local lines, result = run("worm", function()
            os.queueEvent("key", keys.enter)
            sleep(0.3)
            os.queueEvent("terminate")
            sleep(0.2)
        end)
        expect(result).toBe(false)
        expect(lines).toEqual({ "!Terminated" })
    end)
end)

describe("paint", function()
    it("prints its usage and refuses folders", function()
        expect(run("paint")).toEqual({ "Usage: paint <path>" })
        fs.makeDir("fun_spec_tmp/folder")
        expect(run("paint fun_spec_tmp/folder")).toEqual({ "Cannot edit a directory." })
    end)

    it("needs a colour screen", function()
        local lines
        local mono = setmetatable({ isColour = function() return false end }, { __index = term.current() })
        mono.isColor = mono.isColour
        local old = term.redirect(mono)
        local ok, err = pcall(function() lines = run("paint x") end)
        term.redirect(old)
        if not ok then error(err, 0) end
        expect(lines).toEqual({ "Requires an Advanced Computer" })
    end)

    it("paints with the mouse and saves NFP", function()
        writeFile("fun_spec_tmp/pic.nfp", "0 1\n\n  e\n")
        local lines, result = run("paint fun_spec_tmp/pic.nfp", function()
            os.queueEvent("mouse_click", 1, 3, 1) -- white over the 1
            os.queueEvent("mouse_click", 1, 51, 2) -- pick orange for the left button
            os.queueEvent("mouse_drag", 1, 4, 2)
            os.queueEvent("mouse_click", 2, 51, 12) -- blue (2^11) for the right button
            os.queueEvent("mouse_click", 2, 6, 3)
            os.queueEvent("mouse_click", 1, 51, 17) -- transparent for the left
            os.queueEvent("mouse_click", 1, 1, 1)
            os.queueEvent("key", keys.leftCtrl)
            os.queueEvent("key", keys.right)
            os.queueEvent("key", keys.left)
            os.queueEvent("key", keys.enter) -- Save
            os.queueEvent("key", keys.rightCtrl)
            os.queueEvent("key", keys.e)
            os.queueEvent("char", "e")
            sleep(1)
        end)
        expect(result).toBe(true)
        expect(lines).toEqual({})
        expect(readFile("fun_spec_tmp/pic.nfp")).toBe("  0\n   1\n  e  b\n")
    end)

    it("adds the default extension and saves from the menu bar", function()
        local status
        run("paint fun_spec_tmp/new", function(w)
            os.queueEvent("mouse_click", 1, 2, 2)
            os.queueEvent("mouse_click", 1, 5, 19) -- open the menu
            os.queueEvent("mouse_click", 1, 3, 19) -- Save
            sleep(0.1)
            status = w.getLine(19)
            os.queueEvent("mouse_click", 1, 5, 19)
            os.queueEvent("mouse_click", 1, 9, 19) -- Exit
            sleep(1)
        end)
        expect(status:sub(1, 31)).toBe("Saved to fun_spec_tmp/new.nfp  ")
        expect(readFile("fun_spec_tmp/new.nfp")).toBe("\n 0\n")
    end)

    it("cannot save read-only files", function()
        local status
        run("paint /rom/picture", function(w)
            os.queueEvent("key", keys.leftCtrl)
            os.queueEvent("key", keys.s)
            sleep(0.1)
            status = w.getLine(19)
            os.queueEvent("key", keys.leftCtrl)
            os.queueEvent("key", keys.e)
            sleep(1)
        end)
        expect(status:sub(1, 15)).toBe("Access denied  ")
    end)
end)

describe("redirection", function()
    it("plays a level and quits on X", function()
        local title, next, finished
        local lines, result = run("redirection", function(w)
            sleep(0.1)
            title = screenHas(w, "REDIRECTION")
            os.queueEvent("mouse_click", 1, 10, 10) -- click to begin
            sleep(0.1)
            os.queueEvent("mouse_click", 1, 51, 19) -- fast
            -- Level 1 needs no blocks: its robot finds the exit alone.
            next = waitFor(function() return screenHas(w, "Level 2") end)
            os.queueEvent("mouse_click", 1, 51, 1)
            finished = true
            sleep(1)
        end)
        expect(title).toBe(true)
        expect(next).toBe(true)
        expect(finished).toBe(true)
        expect(result).toBe(true)
        expect(lines).toEqual({})
    end)
    it("stops quietly when terminated", function()
        local lines, result = run("redirection 3", function()
            sleep(0.1)
            os.queueEvent("terminate")
            sleep(0.5)
        end)
        expect(lines).toEqual({})
        expect(result).toBe(true)
    end)
    it("says when a level does not exist", function()
        expect(run("redirection 99")).toEqual({ "!Level Not Exists : rom/programs/fun/advanced/levels/99.dat" })
    end)
end)

fs.delete("fun_spec_tmp")
h.finish()
