-- Spec for the turtle, pocket and command computer programs and ROM APIs.
-- craftos computers have none of that hardware, so the programs are first
-- run as they are (each must say what it needs, as CraftOS's do), then
-- against stub `turtle` / `pocket` / `commands` tables installed here that
-- record their calls (the turtle's in a small world of blocks). Expected
-- texts are CC:Tweaked 1.116.1's. Only meaningful inside craftos.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect

if not h.in_craftos then
    print("hardware_spec: needs craftos, skipped")
    h.finish()
    return
end

-- What the bios left: nothing, on a craftos computer.
local bootHardware = { turtle, pocket, commands }

local RED = colours.toBlit(colours.red)
local GREEN = colours.toBlit(colours.green)

local shell = h.shell()

-- The hardware programs are only on the path of computers having it: put
-- them there, so arg[0] is the name typed, as on those computers.
local basePath = shell.path()
shell.setPath(basePath .. ":/rom/programs/turtle:/rom/programs/pocket:/rom/programs/command")

-- Run a command line with the terminal redirected to a tall hidden window:
-- its output lines (trailing spaces and the empty last line dropped), each
-- line's first text colour, and shell.run's result.
local function run(command, height)
    local win = window.create(term.current(), 1, 1, 51, height or 100, false)
    local old = term.redirect(win)
    local ok = shell.run(command)
    term.redirect(old)
    local lines, colours_ = {}, {}
    local _, last = win.getCursorPos()
    for y = 1, last do
        local text, fg = win.getLine(y)
        lines[y] = (text:gsub("%s+$", ""))
        colours_[y] = fg:sub(1, 1)
    end
    if lines[#lines] == "" then lines[#lines], colours_[#colours_] = nil, nil end
    return lines, ok, colours_
end

-- Programs sleep between retries and while printing slowly: make that
-- instant (but still yielding, as the real one does), recording the delays.
local sleeps
local realSleep = sleep
local function fastSleep()
    sleeps = {}
    _G.sleep = function(t)
        sleeps[#sleeps + 1] = t
        os.queueEvent("spec_sleep")
        os.pullEvent("spec_sleep")
    end
end
local function restore()
    _G.sleep = realSleep
    _G.turtle, _G.pocket, _G.commands = nil, nil, nil
end

-- A stub turtle at (0, 0, 0) facing +z in a world of blocks: ground(x, y, z)
-- names the block at a place (nil for air) until it is dug. Every call is
-- recorded by name; moves and turns yield as the real ones do.
local function newTurtle(opts)
    opts = opts or {}
    local t = {
        calls = {}, x = 0, y = 0, z = 0, dx = 0, dz = 1,
        fuel = opts.fuel or 1000, limit = opts.limit or 100000,
        slots = opts.slots or {}, selected = 1, dropped = 0, placed = {},
        left = opts.left, right = opts.right, dug = {},
    }
    local changed = {}
    local function at(x, y, z)
        local k = x .. "," .. y .. "," .. z
        if changed[k] ~= nil then return changed[k] or nil end
        return opts.ground and opts.ground(x, y, z) or nil
    end
    local function set(x, y, z, block) changed[x .. "," .. y .. "," .. z] = block or false end
    t.at = at
    local function facing(dir)
        if dir == "up" then return t.x, t.y + 1, t.z end
        if dir == "down" then return t.x, t.y - 1, t.z end
        if dir == "back" then return t.x - t.dx, t.y, t.z - t.dz end
        return t.x + t.dx, t.y, t.z + t.dz
    end
    local function pause()
        os.queueEvent("spec_turtle")
        os.pullEvent("spec_turtle")
    end
    local function addItem(name)
        for i = 1, 16 do
            local s = t.slots[i]
            if s and s.name == name and s.count < 64 then s.count = s.count + 1 return true end
        end
        for i = 1, 16 do
            if not t.slots[i] then t.slots[i] = { name = name, count = 1 } return true end
        end
        return false
    end
    local api = {}
    local function def(name, fn)
        api[name] = function(...)
            t.calls[#t.calls + 1] = name
            return fn(...)
        end
    end
    local function mover(name, dir)
        def(name, function()
            pause()
            local x, y, z = facing(dir)
            if at(x, y, z) then return false, "Movement obstructed" end
            if t.fuel == 0 then return false, "Out of fuel" end
            t.fuel = t.fuel - 1
            t.x, t.y, t.z = x, y, z
            return true
        end)
    end
    mover("forward", "forward")
    mover("back", "back")
    mover("up", "up")
    mover("down", "down")
    def("turnLeft", function() pause() t.dx, t.dz = -t.dz, t.dx return true end)
    def("turnRight", function() pause() t.dx, t.dz = t.dz, -t.dx return true end)
    local function digger(name, detectName, dir)
        def(name, function()
            pause()
            local x, y, z = facing(dir)
            local block = at(x, y, z)
            if not block then return false, "Nothing to dig here" end
            if block == "bedrock" then return false, "Cannot break unbreakable block" end
            set(x, y, z, nil)
            t.dug[#t.dug + 1] = x .. "," .. y .. "," .. z
            addItem(block)
            return true
        end)
        def(detectName, function()
            return at(facing(dir)) ~= nil
        end)
    end
    digger("dig", "detect", "forward")
    digger("digUp", "detectUp", "up")
    digger("digDown", "detectDown", "down")
    for _, name in ipairs({ "attack", "attackUp", "attackDown" }) do
        def(name, function() return false, "Nothing to attack here" end)
    end
    def("placeDown", function()
        local s = t.slots[t.selected]
        local x, y, z = facing("down")
        if not s or at(x, y, z) then return false end
        set(x, y, z, s.name)
        t.placed[#t.placed + 1] = s.name
        s.count = s.count - 1
        if s.count == 0 then t.slots[t.selected] = nil end
        return true
    end)
    def("drop", function()
        local s = t.slots[t.selected]
        if not s then return false end
        t.dropped = t.dropped + s.count
        t.slots[t.selected] = nil
        return true
    end)
    def("select", function(n)
        if type(n) ~= "number" then error("bad argument #1 (number expected, got " .. type(n) .. ")", 2) end
        t.selected = n
        return true
    end)
    def("getSelectedSlot", function() return t.selected end)
    def("getItemCount", function(n)
        local s = t.slots[n or t.selected]
        return s and s.count or 0
    end)
    def("getFuelLevel", function() return t.fuel end)
    def("getFuelLimit", function() return t.limit end)
    -- Coal burns for 80; refuel(0) only says whether the slot is fuel.
    def("refuel", function(n)
        local s = t.slots[t.selected]
        if not s or s.name ~= "coal" then return false, "Items not combustible" end
        n = math.min(n or s.count, s.count)
        t.fuel = math.min(t.fuel + 80 * n, t.limit)
        s.count = s.count - n
        if s.count == 0 then t.slots[t.selected] = nil end
        return true
    end)
    -- Equipping swaps the selected slot with the side; only tools fit.
    local function equipper(side)
        return function()
            local s = t.slots[t.selected]
            if s and s.name == "stone" then return false, "Not a valid upgrade" end
            t.slots[t.selected], t[side] = t[side], s
            return true
        end
    end
    def("equipLeft", equipper("left"))
    def("equipRight", equipper("right"))
    t.api = api
    _G.turtle = api
    return t
end

local function calls(t, from)
    local out = {}
    for i = from or 1, #t.calls do
        local name = t.calls[i]
        if not name:find("^get") and not name:find("^detect") then out[#out + 1] = name end
    end
    return out
end

describe("on a computer without the hardware", function()
    it("each program says what it needs", function()
        restore()
        local cases = {
            { "go forward", "Requires a Turtle", RED },
            { "turn left", "Requires a Turtle", RED },
            { "refuel", "Requires a Turtle", RED },
            { "craft all", "Requires a Turtle", RED },
            { "equip 1 left", "Requires a Turtle", RED },
            { "unequip left", "Requires a Turtle", RED },
            { "tunnel 3", "Requires a Turtle", RED },
            { "excavate 3", "Requires a Turtle", RED },
            { "/rom/programs/pocket/equip.lua", "Requires a Pocket Computer", RED },
            { "/rom/programs/pocket/unequip.lua", "Requires a Pocket Computer", RED },
            { "commands", "Requires a Command Computer.", RED },
            { "exec say hi", "Requires a Command Computer.", RED },
        }
        for _, c in ipairs(cases) do
            local lines, ok, fg = run(c[1])
            expect({ c[1], lines, ok, fg[1] }).toEqual({ c[1], { c[2] }, true, c[3] })
        end
    end)
    it("has no hardware APIs after boot", function()
        expect(bootHardware).toEqual({})
    end)
    it("dance says so, then fails on its first move", function()
        fastSleep()
        local lines, ok, fg = run("/rom/programs/turtle/dance.lua")
        restore()
        expect(ok).toBe(false)
        expect(lines[1]).toBe("Requires a Turtle")
        expect(fg[1]).toBe(RED)
        expect(lines[2]).toBe("Preparing to get down...")
        expect(lines[3]).toBe("Press any key to stop the groove")
        local err = table.concat(lines, " ", 4)
        expect(err:find("attempt to index global 'turtle' (a nil value)", 1, true) ~= nil).toBe(true)
    end)
    it("the ROM APIs refuse to load", function()
        expect(os.loadAPI).toError({ "Cannot load turtle API on computer" }, "/rom/apis/turtle/turtle.lua")
        expect(os.loadAPI).toError({ "Cannot load command API on normal computer" }, "/rom/apis/command/commands.lua")
        expect({ turtle, commands }).toEqual({})
    end)
    it("falling needs no pocket, only a big enough screen", function()
        local win = window.create(term.current(), 1, 1, 25, 19, false)
        local old = term.redirect(win)
        local ok = shell.run("/rom/programs/pocket/falling.lua")
        term.redirect(old)
        expect(ok).toBe(true)
        expect((win.getLine(1):gsub("%s+$", ""))).toBe("Your screen is too small")
        expect((win.getLine(2):gsub("%s+$", ""))).toBe("to play :(")
    end)
end)

describe("go", function()
    it("prints its usage", function()
        newTurtle()
        expect(run("go")).toEqual({ "Usage: go <direction> <distance>" })
        restore()
    end)
    it("moves and turns, a number after a direction repeating it", function()
        local t = newTurtle()
        local lines, ok = run("go forward 2 left up BACK 1 rt dn 3")
        restore()
        expect({ lines, ok }).toEqual({ {}, true })
        expect(calls(t)).toEqual({ "forward", "forward", "turnLeft", "up", "back", "turnRight", "down", "down", "down" })
        expect({ t.x, t.y, t.z }).toEqual({ 1, -2, 2 })
    end)
    it("takes the short names; a number with no direction before it is a direction", function()
        local t = newTurtle()
        local lines = run("go fd forwards bk lt 2 3")
        restore()
        expect(lines).toEqual({ "No such direction: 3", "Try: forward, back, up, down" })
        expect(calls(t)).toEqual({ "forward", "forward", "back", "turnLeft", "turnLeft" })
    end)
    it("stops at an unknown direction", function()
        local t = newTurtle()
        local lines = run("go sideways 2 up")
        restore()
        expect(lines).toEqual({ "No such direction: sideways", "Try: forward, back, up, down" })
        expect(calls(t)).toEqual({})
    end)
    it("stops when out of fuel", function()
        local t = newTurtle({ fuel = 1 })
        local lines = run("go up 3")
        restore()
        expect(lines).toEqual({ "Out of fuel" })
        expect(calls(t)).toEqual({ "up", "up" })
    end)
    it("waits and retries a blocked move while it has fuel", function()
        fastSleep()
        local blocked = 1
        local t = newTurtle({ ground = function(x, y, z) if z == 1 and blocked > 0 then blocked = blocked - 1 return "mob" end end })
        run("go forward")
        local slept = sleeps
        restore()
        expect(slept).toEqual({ 0.5 })
        expect(t.z).toBe(1)
    end)
end)

describe("turn", function()
    it("prints its usage", function()
        newTurtle()
        expect(run("turn")).toEqual({ "Usage: turn <direction> <turns>" })
        restore()
    end)
    it("turns left and right", function()
        local t = newTurtle()
        local lines = run("turn left 3 rt lt RIGHT 2")
        restore()
        expect(lines).toEqual({})
        expect(calls(t)).toEqual({ "turnLeft", "turnLeft", "turnLeft", "turnRight", "turnLeft", "turnRight", "turnRight" })
    end)
    it("stops at an unknown direction", function()
        local t = newTurtle()
        expect(run("turn left up")).toEqual({ "No such direction: up", "Try: left, right" })
        restore()
        expect(calls(t)).toEqual({ "turnLeft" })
    end)
end)

describe("refuel", function()
    local function inventory()
        return { { name = "coal", count = 3 }, { name = "stone", count = 2 }, { name = "coal", count = 5 } }
    end
    it("burns one item by default", function()
        local t = newTurtle({ fuel = 0, slots = inventory() })
        expect(run("refuel")).toEqual({ "Fuel level is 80" })
        restore()
        expect(t.slots[1].count).toBe(2)
    end)
    it("burns a number of items across slots", function()
        local t = newTurtle({ fuel = 0, slots = inventory() })
        expect(run("refuel 4")).toEqual({ "Fuel level is 320" })
        restore()
        expect({ t.slots[1], t.slots[3].count }).toEqual({ nil, 4 })
    end)
    it("burns all of them", function()
        local t = newTurtle({ fuel = 5, slots = inventory() })
        expect(run("refuel all")).toEqual({ "Fuel level is 645" })
        restore()
        expect(t.slots[2]).toEqual({ name = "stone", count = 2 })
    end)
    it("stops at the fuel limit", function()
        local t = newTurtle({ fuel = 0, limit = 100, slots = inventory() })
        expect(run("refuel all")).toEqual({ "Fuel level is 100", "Fuel limit reached" })
        restore()
        expect(t.slots[3].count).toBe(5)
    end)
    it("reports unlimited fuel", function()
        local t = newTurtle()
        t.api.getFuelLevel = function() return "unlimited" end
        expect(run("refuel all")).toEqual({ "Fuel level is unlimited" })
        restore()
        expect(calls(t)).toEqual({})
    end)
    it("checks its argument", function()
        newTurtle()
        expect(run("refuel lots")).toEqual({ "Invalid limit, expected a number or \"all\"" })
        expect(run("refuel 1 2")).toEqual({ "Usage: refuel [number]" })
        restore()
    end)
end)

describe("craft", function()
    it("needs a crafty turtle", function()
        newTurtle()
        local lines, _, fg = run("craft all")
        restore()
        expect({ lines, fg[1] }).toEqual({ { "Requires a Crafty Turtle" }, colours.toBlit(colours.white) })
    end)
    it("prints its usage", function()
        local t = newTurtle()
        t.api.craft = function() error("not called") end
        expect(run("craft")).toEqual({ "Usage: craft all|<number>" })
        expect(run("craft some")).toEqual({ "Usage: craft all|<number>" })
        restore()
    end)
    it("counts what was crafted into the selected slot", function()
        local t = newTurtle()
        local made, limits = 4, {}
        t.api.craft = function(limit)
            limits[#limits + 1] = limit or "all"
            if made == 0 then return false, "No matching recipes" end
            local s = t.slots[t.selected] or { name = "plank", count = 0 }
            t.slots[t.selected] = s
            s.count = s.count + made
            return true
        end
        expect(run("craft all")).toEqual({ "4 items crafted" })
        t.slots[1] = nil
        made = 1
        expect(run("craft 1")).toEqual({ "1 item crafted" })
        made = 0
        expect(run("craft 64")).toEqual({ "No items crafted" })
        -- Crafting from a selected slot holding more than the limit counts
        -- what the slot lost.
        t.slots[1] = { name = "log", count = 10 }
        t.api.craft = function(limit)
            limits[#limits + 1] = limit
            t.slots[1].count = 10 - limit
            return true
        end
        expect(run("craft 3")).toEqual({ "3 items crafted" })
        restore()
        expect(limits).toEqual({ "all", 1, 64, 3 })
    end)
end)

describe("equip and unequip", function()
    it("print their usage", function()
        newTurtle()
        expect(run("equip 1")).toEqual({ "Usage: equip <slot> <side>" })
        expect(run("equip 1 top")).toEqual({ "Usage: equip <slot> <side>" })
        expect(run("unequip")).toEqual({ "Usage: unequip <side>" })
        expect(run("unequip up")).toEqual({ "Usage: unequip <side>" })
        restore()
    end)
    it("equip fits an item, swaps, or says why not", function()
        local t = newTurtle({ slots = { [2] = { name = "pickaxe", count = 1 }, [3] = { name = "stone", count = 1 }, [4] = { name = "modem", count = 1 } } })
        expect(run("equip 2 left")).toEqual({ "Item equipped" })
        expect(t.left).toEqual({ name = "pickaxe", count = 1 })
        expect(run("equip 4 left")).toEqual({ "Items swapped" })
        expect(t.slots[4]).toEqual({ name = "pickaxe", count = 1 })
        expect(run("equip 3 right")).toEqual({ "Item not equippable" })
        expect(run("equip 5 right")).toEqual({ "Nothing to equip" })
        restore()
        expect(calls(t)).toEqual({ "select", "equipLeft", "select", "equipLeft", "select", "equipRight", "select" })
    end)
    it("unequip takes the upgrade into the first empty slot", function()
        local full = {}
        for i = 1, 16 do full[i] = { name = "stone", count = 1 } end
        full[7] = nil
        local t = newTurtle({ slots = full, right = { name = "modem", count = 1 } })
        expect(run("unequip right")).toEqual({ "Item unequipped" })
        expect({ t.slots[7], t.right }).toEqual({ { name = "modem", count = 1 } })
        expect(run("unequip left")).toEqual({ "No space to unequip item" })
        t.slots[7] = nil
        expect(run("unequip left")).toEqual({ "Nothing to unequip" })
        restore()
    end)
end)

describe("tunnel", function()
    it("checks its argument", function()
        newTurtle()
        expect(run("tunnel")).toEqual({ "Usage: tunnel <length>" })
        expect(run("tunnel 0")).toEqual({ "Tunnel length must be positive" })
        restore()
    end)
    it("digs a tunnel 3 wide and 2 high", function()
        fastSleep()
        -- Solid stone everywhere but where the turtle stands.
        local t = newTurtle({ ground = function(x, y, z) if x ~= 0 or y ~= 0 or z ~= 0 then return "stone" end end })
        local lines, ok = run("tunnel 2")
        restore()
        expect(ok).toBe(true)
        expect(lines).toEqual({ "Tunnelling...", "Tunnel complete.", "Tunnel complete.", "Mined 11 items total." })
        for x = -1, 1 do
            for y = 0, 1 do
                for z = 0, 1 do expect({ x, y, z, t.at(x, y, z) }).toEqual({ x, y, z }) end
            end
        end
        expect({ t.at(0, 0, 2), t.at(0, 2, 0), t.at(2, 0, 0) }).toEqual({ "stone", "stone", "stone" })
        -- It ends on the last step, facing on, having put floor down there.
        expect({ t.x, t.y, t.z, t.dx, t.dz }).toEqual({ 0, 0, 1, 0, 1 })
        expect(#t.placed).toBe(0)
    end)
    it("gives up at a block it cannot break", function()
        fastSleep()
        local t = newTurtle({ ground = function(_, _, z) if z >= 1 then return "bedrock" end end })
        local lines = run("tunnel 3")
        restore()
        expect(lines).toEqual({ "Tunnelling...", "Aborting Tunnel.", "Tunnel complete.", "Mined 0 items total." })
        expect({ t.x, t.y, t.z }).toEqual({ 0, 0, 0 })
    end)
    it("burns fuel when its tank is empty", function()
        fastSleep()
        -- In the open air, with floor blocks in slot 1 and coal in 3.
        local t = newTurtle({ fuel = 0, slots = { { name = "cobble", count = 5 }, [3] = { name = "coal", count = 2 } } })
        local lines = run("tunnel 2")
        restore()
        expect(lines).toEqual({ "Tunnelling...", "Tunnel complete.", "Tunnel complete.", "Mined 0 items total." })
        expect(t.slots[3].count).toBe(1)
        expect(t.placed).toEqual({ "cobble", "cobble" })
    end)
end)

describe("excavate", function()
    it("checks its argument", function()
        newTurtle()
        expect(run("excavate")).toEqual({ "Usage: excavate <diameter>" })
        expect(run("excavate 0")).toEqual({ "Excavate diameter must be positive" })
        restore()
    end)
    it("needs fuel to start", function()
        newTurtle({ fuel = 0 })
        expect(run("excavate 2")).toEqual({ "Out of Fuel" })
        restore()
    end)
    it("digs a shaft down to bedrock and comes back to unload", function()
        fastSleep()
        -- Two layers of stone over bedrock.
        local t = newTurtle({ ground = function(_, y) if y == -1 or y == -2 then return "stone" elseif y < -2 then return "bedrock" end end })
        local lines, ok = run("excavate 2")
        restore()
        expect(ok).toBe(true)
        expect(lines).toEqual({ "Excavating...", "Returning to surface...", "Unloading items...", "Mined 8 items total." })
        for x = 0, 1 do
            for y = -2, -1 do
                for z = 0, 1 do expect({ x, y, z, t.at(x, y, z) }).toEqual({ x, y, z }) end
            end
        end
        expect({ t.at(-1, -1, 0), t.at(0, -1, 2), t.at(0, -3, 0) }).toEqual({ "stone", "stone", "bedrock" })
        -- Back at the start facing the same way, everything dropped into
        -- the chest behind, and the hole sealed with the last block.
        expect({ t.x, t.y, t.z, t.dx, t.dz }).toEqual({ 0, 0, 0, 0, 1 })
        expect(t.dropped).toBe(8)
        local c = calls(t)
        expect(c[#c]).toBe("placeDown")
    end)
end)

describe("excavate when full", function()
    it("goes up to unload and comes back to carry on", function()
        fastSleep()
        -- Fifteen full stacks of dirt: one slot left for what it digs.
        local slots = {}
        for i = 1, 15 do slots[i] = { name = "dirt", count = 64 } end
        local t = newTurtle({ slots = slots, ground = function(_, y)
            if y >= -3 and y <= -1 then return "stone" elseif y < -3 then return "bedrock" end
        end })
        local lines = run("excavate 1")
        restore()
        expect(lines).toEqual({
            "Excavating...", "No empty slots left.", "Returning to surface...", "Unloading items...",
            "Resuming mining...", "Returning to surface...", "Unloading items...", "Mined 963 items total.",
        })
        expect({ t.dropped, t.x, t.y, t.z, t.dx, t.dz }).toEqual({ 963, 0, 0, 0, 0, 1 })
        expect({ t.at(0, -1, 0), t.at(0, -3, 0), t.at(0, -4, 0) }).toEqual({ nil, nil, "bedrock" })
    end)
end)

describe("dance", function()
    it("dances until a key is pressed", function()
        fastSleep()
        local t = newTurtle()
        local lines, ok
        parallel.waitForAny(function()
            lines, ok = run("dance")
        end, function()
            while #t.calls < 20 do os.pullEventRaw() end
            os.queueEvent("key", keys.enter, false)
            while true do os.pullEventRaw() end
        end)
        local slept = sleeps
        restore()
        expect({ lines, ok }).toEqual({ { "Preparing to get down...", "Press any key to stop the groove" }, true })
        -- Written slowly: 20 characters a second, the dots slower.
        expect({ slept[1], slept[#slept] }).toEqual({ 1 / 20, 1 / 0.75 })
        local seen = {}
        for _, name in ipairs(t.calls) do seen[name] = true end
        expect(seen.turnLeft or seen.turnRight).toBe(true)
    end)
    it("stops when terminated", function()
        fastSleep()
        local t = newTurtle()
        local lines, ok
        parallel.waitForAny(function()
            lines, ok = run("dance")
        end, function()
            while #t.calls < 5 do os.pullEventRaw() end
            os.queueEvent("terminate")
            while true do os.pullEventRaw() end
        end)
        restore()
        expect({ lines[#lines], ok }).toEqual({ "Terminated", false })
    end)
end)

describe("turtle API", function()
    it("wraps the natives and keeps them as turtle.native", function()
        local t = newTurtle()
        local stub = t.api
        os.loadAPI("/rom/apis/turtle/turtle.lua")
        local api = turtle
        restore()
        expect(api ~= stub).toBe(true)
        expect(api.native).toBe(stub)
        expect(api.forward).toBe(stub.forward)
        expect(api.getFuelLevel).toBe(stub.getFuelLevel)
        -- No workbench equipped: no craft.
        expect(api.craft).toBe(nil)
        expect(api.equipLeft ~= stub.equipLeft).toBe(true)
    end)
    it("adds craft while a workbench is equipped", function()
        local t = newTurtle()
        local realPeripheral = peripheral
        local side, seen = "right", {}
        _G.peripheral = {
            getType = function(s) if s == side then return "workbench" end end,
            call = function(...) seen[#seen + 1] = { ... } return true end,
        }
        local ok, err = pcall(function()
            os.loadAPI("/rom/apis/turtle/turtle.lua")
            expect(turtle.craft(2)).toBe(true)
            expect(seen).toEqual({ { "right", "craft", 2 } })
            -- Equipping updates craft: the workbench moved left, then left.
            side = "left"
            t.slots[1] = { name = "pickaxe", count = 1 }
            expect({ turtle.equipLeft() }).toEqual({ true })
            turtle.craft()
            expect(seen[2]).toEqual({ "left", "craft" })
            side = nil
            t.slots[1] = { name = "stone", count = 1 }
            expect({ turtle.equipRight() }).toEqual({ false, "Not a valid upgrade" })
            expect(turtle.craft).toBe(nil)
        end)
        _G.peripheral = realPeripheral
        restore()
        if not ok then error(err, 0) end
    end)
end)

-- A stub command computer: exec and execAsync record the command line;
-- list gives the commands, and sub-commands of "time".
local function newCommands(names)
    local c = { ran = {}, async = {} }
    c.api = {
        exec = function(line)
            c.ran[#c.ran + 1] = line
            if line:find("^bad") then return false, { "Unknown command", "at bad" }, 0 end
            return true, { "Said: " .. line }, 1
        end,
        execAsync = function(line) c.async[#c.async + 1] = line return 7 end,
        list = function(...)
            if select("#", ...) == 0 then return { table.unpack(names) } end
            if ... == "time" and select("#", ...) == 1 then return { "set", "query" } end
            return {}
        end,
        getBlockPosition = function() return 1, 2, 3 end,
    }
    _G.commands = c.api
    return c
end

describe("commands and exec", function()
    it("commands lists the commands, sorted, under a green title", function()
        newCommands({ "tp", "say", "give" })
        local lines, ok, fg = run("commands")
        restore()
        expect(ok).toBe(true)
        expect(lines[1]).toBe("Available commands:")
        expect(fg[1]).toBe(GREEN)
        local words = {}
        for word in lines[2]:gmatch("%S+") do words[#words + 1] = word end
        expect({ words, #lines }).toEqual({ { "give", "say", "tp" }, 2 })
    end)
    it("exec prints its usage", function()
        newCommands({})
        local lines, _, fg = run("exec")
        restore()
        expect({ lines, fg[1] }).toEqual({ { "Usage: exec <command>" }, RED })
    end)
    it("exec runs the command, its name lower-cased", function()
        local c = newCommands({})
        local lines, ok, fg = run("exec SAY Hello World")
        expect({ lines, ok, fg[1] }).toEqual({ { "Success", "Said: say Hello World" }, true, GREEN })
        lines, ok, fg = run("exec bad thing")
        restore()
        expect({ lines, ok, fg[1] }).toEqual({ { "Failed", "Unknown command", "at bad" }, true, RED })
        expect(c.ran).toEqual({ "say Hello World", "bad thing" })
    end)
end)

describe("commands API", function()
    local function load(names)
        local c = newCommands(names)
        os.loadAPI("/rom/apis/command/commands.lua")
        local api = commands
        restore()
        return api, c
    end
    it("keeps the natives, also as commands.native", function()
        local api, c = load({ "say" })
        expect(api.native).toBe(c.api)
        expect(api.exec).toBe(c.api.exec)
        expect({ api.getBlockPosition() }).toEqual({ 1, 2, 3 })
    end)
    it("has a function per command, joining its arguments", function()
        local api, c = load({ "say", "give", "tellraw", "list" })
        expect({ api.say("Hi", 1, true) }).toEqual({ true, { "Said: say Hi 1 true" }, 1 })
        api.give("@p", { Count = 1 })
        api.tellraw("@a", { text = "hi" })
        expect(c.ran).toEqual({ "say Hi 1 true", "give @p {Count:1}", 'tellraw @a {"text":"hi"}' })
        -- A command named like a native leaves the native there.
        expect(api.list).toBe(c.api.list)
        expect(tostring(api.say)).toBe('command "/say"')
    end)
    it("reaches sub-commands by indexing", function()
        local api, c = load({ "time" })
        api.time.set("day")
        expect(c.ran).toEqual({ "time set day" })
        expect(tostring(api.time.query)).toBe('command "/time query"')
        expect(api.time.nope).toBe(nil)
    end)
    it("has async versions returning the task id", function()
        local api, c = load({ "say" })
        expect(api.async.say("later")).toBe(7)
        expect(c.async).toEqual({ "say later" })
        expect(api.async.time).toBe(nil)
    end)
    it("rejects other argument types", function()
        local api = load({ "say" })
        expect(api.say).toError("Expected string, number, boolean or table", print)
    end)
end)

describe("pocket programs", function()
    it("equip and unequip the back upgrade", function()
        local results = { equipBack = { true }, unequipBack = { false, "Nothing to unequip" } }
        local called = {}
        _G.pocket = {}
        for name in pairs(results) do
            _G.pocket[name] = function() called[#called + 1] = name return table.unpack(results[name]) end
        end
        local a = { run("/rom/programs/pocket/equip.lua") }
        local b = { run("/rom/programs/pocket/unequip.lua") }
        results.equipBack = { false, "Cannot equip this item" }
        results.unequipBack = { true }
        local c = { run("/rom/programs/pocket/equip.lua") }
        local d = { run("/rom/programs/pocket/unequip.lua") }
        restore()
        expect({ a[1], b[1], b[3][1], c[1], c[3][1], d[1] }).toEqual({
            { "Item equipped" }, { "Nothing to unequip" }, RED, { "Cannot equip this item" }, RED, { "Item unequipped" },
        })
        expect(called).toEqual({ "equipBack", "unequipBack", "equipBack", "unequipBack" })
    end)
end)

describe("falling", function()
    -- Play with the keys queued in advance; sleeps are instant (and do not
    -- yield, so they eat no queued key). `watch` sees the screen after every
    -- event.
    local function play(keyList, random, watch)
        local win = window.create(term.current(), 1, 1, 51, 19, false)
        local realRandom = math.random
        _G.sleep = function() end
        if random then math.random = random end
        for _, k in ipairs(keyList) do os.queueEvent("key", k, false) end
        local ok
        parallel.waitForAny(function()
            local old = term.redirect(win)
            ok = shell.run("/rom/programs/pocket/falling.lua")
            term.redirect(old)
        end, function()
            while true do
                os.pullEventRaw()
                if watch then watch(win) end
            end
        end)
        math.random = realRandom
        restore()
        return ok, win
    end
    local function line(win, y) return (win.getLine(y):gsub("%s+$", "")) end

    it("shows its menu and quits", function()
        local menu
        local ok, win = play({ keys.right, keys.right, keys.down, keys.enter }, nil, function(w)
            -- The last menu shown before quitting.
            if line(w, 7):find("F A L L I N G", 1, true) then menu = { line(w, 10), line(w, 12) } end
        end)
        expect(ok).toBe(true)
        expect(menu).toEqual({ "               Play from level: <3>", "                      Quit" })
        expect({ line(win, 1), line(win, 10), win.getCursorPos() }).toEqual({ "", "", 1, 1 })
    end)
    it("scores cleared rows and ends the game when the pit is full", function()
        -- Only straight pieces (standing, in column 5): ten side by side
        -- fill four rows at once, 120 points at level 1.
        local keyList = { keys.enter }
        for col = 1, 10 do
            local step = col < 5 and keys.left or keys.d
            for _ = 1, math.abs(col - 5) do keyList[#keyList + 1] = step end
            keyList[#keyList + 1] = keys.down
        end
        for _ = 1, 6 do keyList[#keyList + 1] = keys.s end
        for _, k in ipairs({ keys.enter, keys.down, keys.space }) do keyList[#keyList + 1] = k end
        local score, lines, over
        local ok = play(keyList, function(a, b) if b then return a end return 1 end, function(w)
            if line(w, 2):find("Score", 1, true) then
                score = line(w, 3):sub(22)
                lines = line(w, 9):sub(22)
            end
            if line(w, 10):find("Game Over!", 1, true) then over = true end
        end)
        expect({ ok, score, lines, over }).toEqual({ true, "  120", "    4", true })
    end)
end)

shell.setPath(basePath)
restore()
h.finish()
