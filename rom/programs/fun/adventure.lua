-- adventure: a small text adventure. Type what to do ("go north", "take
-- the lamp", "craft planks", "mine iron with pickaxe") and read what
-- happens; "help" lists the actions, "exit" (or "quit") leaves.
--
-- The world is a hillside above an old mine: gather wood, craft tools,
-- light the way down and bring the diamond back up to the meadow.

local colour = term.isColour()

------------------------------------------------------------------------
-- Things. Each has a description and the words that name it; `heavy`
-- things stay where they are, `ore` must be mined with a good enough
-- pick, `creature`s can be fought.
------------------------------------------------------------------------
local things = {
    ["a flask of cold cocoa"] = {
        names = { "cocoa", "flask", "flask of cocoa", "cold cocoa" },
        keep = true,
        desc = "It went cold hours ago. You keep it for luck.",
    },
    ["an old signpost"] = {
        names = { "signpost", "sign", "post" },
        heavy = true,
        desc = "The sign reads: \"MINE - closed until further notice. Bring a light.\"",
    },
    ["a goat"] = {
        names = { "goat" },
        heavy = true, creature = true, toughness = 1,
        drops = "some milk",
        desc = "The goat chews thoughtfully and ignores you.",
    },
    ["a stream"] = {
        names = { "stream", "water", "brook" },
        heavy = true,
        desc = "Clear water runs over smooth pebbles.",
    },
    ["some berries"] = {
        names = { "berries", "berry" },
        food = true,
        desc = "Plump red berries. They look safe enough.",
    },
    ["some milk"] = {
        names = { "milk", "bucket", "bucket of milk" },
        food = true,
        desc = "Still warm.",
    },
    ["some wood"] = {
        names = { "wood", "logs", "log" },
        material = true,
        desc = "Rough logs, ready to be cut into planks.",
    },
    ["some planks"] = {
        names = { "planks", "plank", "wooden planks", "wood planks" },
        material = true,
        desc = "Neatly cut planks. Sticks could be made from these.",
    },
    ["some sticks"] = {
        names = { "sticks", "stick", "wooden sticks" },
        desc = "Good handles for tools and torches.",
    },
    ["some stone"] = {
        names = { "stone", "cobblestone", "rock", "rocks" },
        ore = true, material = true, endless = true, level = 1,
        desc = "Grey stone, hard enough for better tools.",
    },
    ["some coal"] = {
        names = { "coal" },
        ore = true, level = 1,
        desc = "A black seam of coal. A pickaxe would get it out.",
    },
    ["some iron"] = {
        names = { "iron", "iron ore" },
        ore = true, material = true, level = 2,
        desc = "Rusty streaks of iron ore; wood will not scratch it.",
    },
    ["a diamond"] = {
        names = { "diamond", "diamonds", "gem" },
        ore = true, level = 3, treasure = true,
        desc = "It glitters even in this light. Only iron will cut it free.",
    },
    ["a cave spider"] = {
        names = { "spider", "cave spider" },
        heavy = true, creature = true, monster = true, toughness = 2,
        desc = "Eight legs, eight eyes, and all of them interested in you.",
    },
    ["a mine entrance"] = {
        names = { "entrance", "mine", "mine entrance", "shaft" },
        heavy = true,
        desc = "Rotten timbers frame a shaft leading down into the dark.",
    },
    ["a workbench"] = {
        names = { "workbench", "bench", "crafting table", "table" },
        desc = "Handy, though you find you can craft perfectly well without it.",
    },
    ["some torches"] = {
        names = { "torches", "torch" },
        desc = "Enough torches to last the day.",
    },
    ["a torch"] = {
        names = { "torch" },
        desc = "It burns steadily.",
    },
}

-- Tools: kind and strength (1 wood, 2 stone, 3 iron).
local tools = {
    { "pickaxe", "pick", "dig and mine" },
    { "sword", "sword", "fight" },
    { "shovel", "shovel", "dig" },
}
local metals = {
    { "wooden", "some planks", 1, "a" },
    { "stone", "some stone", 2, "a" },
    { "iron", "some iron", 3, "an" },
}
local recipes = {
    ["some planks"] = { "some wood" },
    ["some sticks"] = { "some planks" },
    ["a workbench"] = { "some planks" },
    ["some torches"] = { "some sticks", "some coal" },
}
for _, metal in ipairs(metals) do
    for _, tool in ipairs(tools) do
        local name = metal[4] .. " " .. metal[1] .. " " .. tool[1]
        things[name] = {
            names = { tool[1], tool[2], metal[1] .. " " .. tool[1], metal[1] .. " " .. tool[2] },
            tool = tool[2], level = metal[3],
            desc = "A " .. metal[1] .. " " .. tool[1] .. ", good to " .. tool[3] .. " with.",
        }
        recipes[name] = { metal[2], "some sticks" }
    end
end

------------------------------------------------------------------------
-- Places. `exits` name the place each way leads; `hidden` ways open
-- when dug with a pickaxe. Dark places show nothing until lit.
------------------------------------------------------------------------
local function set(...)
    local t = {}
    for _, name in ipairs({ ... }) do t[name] = things[name] end
    return t
end

local places = {
    meadow = {
        text = "You are in a sunny meadow at the foot of a hill.",
        exits = { north = "wood", east = "stream", up = "hill" },
        items = set("an old signpost", "a goat"),
    },
    wood = {
        text = "You are in a quiet birch wood.",
        exits = { south = "meadow" },
        items = set("some berries"),
        trees = true,
    },
    stream = {
        text = "You are on the bank of a chattering stream.",
        exits = { west = "meadow" },
        items = set("a stream", "some stone"),
    },
    hill = {
        text = "You are on a windy hilltop. The meadow lies below you.",
        exits = { down = "meadow", north = "shaft" },
        items = set("a mine entrance", "some stone", "some coal"),
    },
    shaft = {
        text = "You are at the bottom of an old mine shaft.",
        exits = { up = "hill", east = "gallery" },
        items = set("some stone", "some coal"),
        dark = true,
    },
    gallery = {
        text = "You are in a long gallery propped up by creaking beams.",
        exits = { west = "shaft" },
        hidden = { down = "vault" },
        items = set("some stone", "some iron", "a cave spider"),
        dark = true,
    },
    vault = {
        text = "You are in a small hollow deep under the hill. The walls sparkle.",
        exits = { up = "gallery" },
        items = set("some stone", "a diamond"),
        dark = true,
    },
}
local opposite = { north = "south", south = "north", east = "west", west = "east", up = "down", down = "up" }

------------------------------------------------------------------------
-- State
------------------------------------------------------------------------
local here = "meadow"
local carrying = set("a flask of cold cocoa")
local running = true
local hurt = false
local turnsHere = 0
local score = 0

local function red(text)
    if colour then term.setTextColour(colours.red) end
    print(text)
    term.setTextColour(colours.white)
end

local function die(why)
    if why then print(why) end
    red("You have died.")
    print("Score: " .. score)
    running = false
end

local function cap(s) return s:sub(1, 1):upper() .. s:sub(2) end

-- "a, b and c", in a stable order.
local function list(t)
    local names = {}
    for name in pairs(t) do names[#names + 1] = name end
    table.sort(names)
    if #names == 0 then return "nothing" end
    if #names == 1 then return names[1] end
    return table.concat(names, ", ", 1, #names - 1) .. " and " .. names[#names]
end

-- The full name of the thing in `t` called `word`, if any.
local function find(t, word)
    for name, thing in pairs(t) do
        if name == word then return name end
    end
    local names = {}
    for name in pairs(t) do names[#names + 1] = name end
    table.sort(names)
    -- Prefer the strongest tool when several answer to "pickaxe".
    table.sort(names, function(a, b) return (t[a].level or 0) > (t[b].level or 0) end)
    for _, name in ipairs(names) do
        for _, alias in ipairs(t[name].names or {}) do
            if alias == word then return name end
        end
    end
end

local function place() return places[here] end
local function visible() return not place().dark end

------------------------------------------------------------------------
-- Actions
------------------------------------------------------------------------
local actions = {}

function actions.look(target)
    local room = place()
    if not visible() then
        print("It is too dark to see anything.")
        return
    end
    if target == nil then
        print(room.text)
        if next(room.items) then print("You see " .. list(room.items) .. " here.") end
        if room.trees then print("Trees grow all around.") end
        print("You can go " .. list(room.exits) .. ".")
        return
    end
    if room.trees and (target == "tree" or target == "trees") then
        print("Birch trees. A good punch would fell one.")
    elseif target == "self" or target == "myself" or target == "me" then
        print(hurt and "You are bruised and bleeding." or "You look ready for anything.")
    else
        local name = find(room.items, target)
        local thing = name and room.items[name]
        if not thing then
            name = find(carrying, target)
            thing = name and carrying[name]
        end
        if thing then
            print(thing.desc or "You see nothing special about " .. name .. ".")
        else
            print("You can't see any " .. target .. " here.")
        end
    end
end

local function enter(to)
    here = to
    turnsHere = 0
    actions.look()
end

function actions.go(dir)
    if dir == nil then print("Go where?") return end
    if not opposite[dir] then print("I don't understand that direction.") return end
    local to = place().exits[dir]
    if not to then print("You can't go that way.") return end
    enter(to)
end

function actions.dig(dir, toolWord)
    if dir == nil then print("Dig where?") return end
    if not opposite[dir] then print("I don't understand that direction.") return end
    local room = place()
    if room.exits[dir] then
        actions.go(dir)
        return
    end
    local tool = toolWord and find(carrying, toolWord)
    if toolWord and not tool then print("You're not carrying a " .. toolWord .. ".") return end
    if not tool then
        for name, thing in pairs(carrying) do
            if thing.tool == "pick" then tool = name end
        end
    end
    if not tool or carrying[tool].tool ~= "pick" then
        print("You need a pickaxe to dig through rock.")
        return
    end
    local to = room.hidden and room.hidden[dir]
    if not to then
        print("You dig " .. dir .. " for a while, but find only more rock.")
        carrying["some stone"] = things["some stone"]
        return
    end
    room.exits[dir] = to
    room.hidden[dir] = nil
    places[to].exits[opposite[dir]] = here
    carrying["some stone"] = things["some stone"]
    print("You dig " .. dir .. " with " .. tool .. " and break through, collecting some stone.")
    enter(to)
end

function actions.inventory()
    print("You are carrying " .. list(carrying) .. ".")
end

function actions.take(word)
    if word == nil then print("Take what?") return end
    local room = place()
    local name = visible() and find(room.items, word)
    if not name then print("You can't see a " .. word .. " here.") return end
    local thing = room.items[name]
    if thing.heavy then
        print("You can't carry " .. name .. ".")
    elseif thing.ore then
        print("That has to be mined.")
    else
        room.items[name] = nil
        carrying[name] = thing
        if name == "a torch" and room.lit then
            room.dark, room.lit = true, nil
            print("Darkness closes in around you.")
        else
            print("Taken.")
        end
    end
end

function actions.drop(word)
    if word == nil then print("Drop what?") return end
    local name = find(carrying, word)
    if not name then print("You don't have a " .. word .. ".") return end
    if carrying[name].keep then
        print("You'd rather hold on to that.")
        return
    end
    place().items[name] = carrying[name]
    carrying[name] = nil
    print("Dropped.")
end

function actions.place(word)
    if word == nil then print("Place what?") return end
    if word ~= "torch" and word ~= "a torch" then return actions.drop(word) end
    if not carrying["some torches"] then print("You don't have any torches.") return end
    local room = place()
    room.items["a torch"] = things["a torch"]
    if room.dark then
        room.dark, room.lit = false, true
        print("The torch flares up and lights the place.")
        actions.look()
    else
        print("Placed.")
    end
end

function actions.hit(word, toolWord)
    if word == nil then print("Hit what?") return end
    local tool
    if toolWord then
        tool = find(carrying, toolWord)
        if not tool then print("You're not carrying a " .. toolWord .. ".") return end
    end
    local room = place()
    if word == "tree" or word == "trees" or word == "a tree" then
        if room.trees then
            carrying["some wood"] = things["some wood"]
            print("The tree comes down in a shower of leaves. You gather up some wood.")
        else
            print("There are no trees here.")
        end
        return
    elseif word == "self" or word == "myself" then
        return die("That was unwise.")
    end

    local name = visible() and find(room.items, word)
    if not name then print("You can't see a " .. word .. " here.") return end
    local thing = room.items[name]
    local t = tool and carrying[tool]
    if thing.ore then
        if not t then
            print("You need a tool to mine that.")
        elseif t.tool ~= "pick" then
            print("You can't mine " .. name .. " with " .. tool .. ".")
        elseif t.level < thing.level then
            print(cap(tool) .. " is not strong enough to mine " .. name .. ".")
        else
            print("You mine " .. name .. " with " .. tool .. " and pick it up.")
            carrying[name] = thing
            if not thing.endless then room.items[name] = nil end
            if thing.treasure then score = score + 50 end
        end
    elseif thing.creature then
        local strength = (t and t.tool == "sword") and t.level or 0
        if strength >= thing.toughness or math.random(1, 3) == 1 then
            room.items[name] = nil
            print("You defeat " .. name .. ".")
            if thing.monster then score = score + 10 end
            if thing.drops then
                room.items[thing.drops] = things[thing.drops]
                print("It leaves behind " .. thing.drops .. ".")
            end
        else
            print((name:gsub("^an? ", "The ")) .. " shrugs off your blow.")
        end
    else
        print("Hitting " .. name .. " achieves nothing.")
    end
end

function actions.mine(word, toolWord)
    if word == nil then print("Mine what?") return end
    if toolWord == nil then
        -- Mine with the best pick carried.
        local best
        for name, thing in pairs(carrying) do
            if thing.tool == "pick" and (not best or thing.level > carrying[best].level) then best = name end
        end
        if not best then print("Mine " .. word .. " with what?") return end
        return actions.hit(word, best)
    end
    actions.hit(word, toolWord)
end

function actions.craft(word)
    if word == nil then print("Craft what?") return end
    if word == "computer" or word == "a computer" then
        return die("You build a computer inside a computer inside a computer. Reality folds up like a deck chair.")
    end
    local name = find(things, word)
    local needs = name and recipes[name]
    if not needs then print("You don't know how to make " .. (name or word) .. ".") return end
    for _, need in ipairs(needs) do
        if not carrying[need] then
            print("You need " .. list(set(table.unpack(needs))) .. " to make " .. name .. ".")
            return
        end
    end
    for _, need in ipairs(needs) do
        if not things[need].endless then carrying[need] = nil end
    end
    carrying[name] = things[name]
    print("Crafted " .. name .. ".")
end

function actions.build(what, materialWord)
    if what == nil then print("Build what?") return end
    local material
    if materialWord then
        material = find(carrying, materialWord)
        if not material then print("You don't have any " .. materialWord .. ".") return end
        if not carrying[material].material then print(cap(material) .. " is no good for building.") return end
    else
        for name, thing in pairs(carrying) do
            if thing.material then material = name end
        end
        if not material then print("You have nothing to build with.") return end
    end
    carrying[material] = nil
    place().items[what] = {
        heavy = true,
        names = { (what:match("^an? (.+)$")) },
        desc = "Your own " .. what:gsub("^an? ", "") .. ", made from " .. material:gsub("^some ", "") .. ". You are quite proud of it.",
    }
    print("You build " .. what .. ".")
end

function actions.eat(word)
    if word == nil then print("Eat what?") return end
    local name = find(carrying, word)
    if not name then print("You don't have any " .. word .. ".") return end
    if not carrying[name].food then print("You can't eat " .. name .. ".") return end
    carrying[name] = nil
    print("Delicious.")
    if hurt then
        hurt = false
        print("You feel much better.")
    end
end

function actions.wait()
    print("You wait. Nothing much happens.")
end

function actions.help()
    print("Tell me what to do in plain words, like \"go north\" or \"take the berries\". " ..
        "I understand look, go, inventory, take, drop, place, dig, mine, attack, craft, build, eat, wait and exit.")
end

function actions.exit()
    running = false
end

local function confused()
    local replies = { "I don't follow.", "Come again?", "That makes no sense to me.", "Try something else.", "Pardon?" }
    print(replies[math.random(#replies)])
end

local function silent()
    local replies = { "Say something.", "Cat got your tongue?", "I'm listening.", "Words, please." }
    print(replies[math.random(#replies)])
end

------------------------------------------------------------------------
-- The parser: the first pattern (in this order) matching the whole
-- line picks the action; its captures are the arguments.
------------------------------------------------------------------------
local grammar = {
    { "wait", "wait" },
    { "look", "look at the ([%a ]+)", "look at ([%a ]+)", "look", "inspect the ([%a ]+)", "inspect ([%a ]+)", "inspect",
        "examine the ([%a ]+)", "examine ([%a ]+)" },
    { "inventory", "check self", "check inventory", "inventory", "i" },
    { "go", "go (%a+)", "travel (%a+)", "walk (%a+)", "run (%a+)", "go",
        "(north)", "(south)", "(east)", "(west)", "(up)", "(down)" },
    { "dig", "dig (%a+) using ([%a ]+)", "dig (%a+) with ([%a ]+)", "dig (%a+)", "dig" },
    { "take", "pick up the ([%a ]+)", "pick up ([%a ]+)", "pickup ([%a ]+)", "take the ([%a ]+)", "take ([%a ]+)", "take",
        "get the ([%a ]+)", "get ([%a ]+)" },
    { "drop", "put down the ([%a ]+)", "put down ([%a ]+)", "drop the ([%a ]+)", "drop ([%a ]+)", "drop" },
    { "place", "place the ([%a ]+)", "place ([%a ]+)", "place" },
    { "mine", "mine the ([%a ]+) with the ([%a ]+)", "mine ([%a ]+) with ([%a ]+)", "mine the ([%a ]+)", "mine ([%a ]+)", "mine" },
    { "hit",
        "punch the ([%a ]+)", "punch ([%a ]+)", "punch",
        "break the ([%a ]+) with the ([%a ]+)", "break ([%a ]+) with ([%a ]+)", "break the ([%a ]+)", "break ([%a ]+)", "break",
        "attack the ([%a ]+) with the ([%a ]+)", "attack ([%a ]+) with ([%a ]+)", "attack the ([%a ]+)", "attack ([%a ]+)", "attack",
        "kill the ([%a ]+) with the ([%a ]+)", "kill ([%a ]+) with ([%a ]+)", "kill the ([%a ]+)", "kill ([%a ]+)", "kill",
        "hit the ([%a ]+) with the ([%a ]+)", "hit ([%a ]+) with ([%a ]+)", "hit the ([%a ]+)", "hit ([%a ]+)", "hit" },
    { "craft", "craft a ([%a ]+)", "craft an ([%a ]+)", "craft some ([%a ]+)", "craft ([%a ]+)", "craft",
        "make a ([%a ]+)", "make an ([%a ]+)", "make some ([%a ]+)", "make ([%a ]+)", "make" },
    { "build", "build ([%a ]+) out of ([%a ]+)", "build ([%a ]+) from ([%a ]+)", "build ([%a ]+)", "build" },
    { "eat", "eat a ([%a ]+)", "eat the ([%a ]+)", "eat some ([%a ]+)", "eat ([%a ]+)", "eat" },
    { "help", "help me", "help" },
    { "exit", "exit", "quit", "goodbye", "good bye", "bye", "farewell" },
}

local function perform(line)
    if line == "" then return silent() end
    for _, rule in ipairs(grammar) do
        for i = 2, #rule do
            local pattern = rule[i]
            local captures = { line:match("^" .. pattern .. "$") }
            if #captures > 0 then
                -- A pattern without captures returns the whole match.
                if not pattern:find("(", 1, true) then captures = {} end
                return actions[rule[1]](table.unpack(captures))
            end
        end
    end
    confused()
end

-- After each turn: the spider bites if you linger, the diamond brought
-- up to the meadow wins.
local function afterTurn()
    turnsHere = turnsHere + 1
    local room = place()
    if room.items["a cave spider"] and turnsHere >= 3 and turnsHere % 2 == 1 and not room.dark then
        print("The cave spider bites you!")
        if hurt then return die() end
        hurt = true
    end
    if hurt and running then red("You are hurt. Eating something would help.") end
    if here == "meadow" and carrying["a diamond"] then
        score = score + 50
        if colour then term.setTextColour(colours.lime) end
        print("You hold the diamond up to the sun. The whole valley will hear of this!")
        term.setTextColour(colours.white)
        print("You have won. Score: " .. score)
        running = false
    end
end

actions.look()
local history = {}
while running do
    if colour then term.setTextColour(colours.yellow) end
    write("? ")
    term.setTextColour(colours.white)
    local raw = read(nil, history)
    if raw == nil then break end -- no more input
    history[#history + 1] = raw
    local words = {}
    for word in raw:gmatch("%a+") do words[#words + 1] = word:lower() end
    perform(table.concat(words, " "))
    if running then afterTurn() end
end
