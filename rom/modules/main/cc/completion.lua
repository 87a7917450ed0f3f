--- cc.completion: completion helpers for read() and shell completion
-- functions. Each returns the suffixes that complete `text`.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

-- Suffixes of the `options` starting with `text`. With `add_space`, each
-- gets a trailing space, and an exact match still completes (to " ").
local function complete_from(text, options, add_space)
    local results = {}
    local extra = add_space and 1 or 0
    for _, option in ipairs(options) do
        if #option + extra > #text and option:sub(1, #text) == text then
            local rest = option:sub(#text + 1)
            results[#results + 1] = add_space and rest .. " " or rest
        end
    end
    return results
end

--- Complete from a list of choices.
local function choice(text, choices, add_space)
    expect(1, text, "string")
    expect(2, choices, "table")
    expect(3, add_space, "boolean", "nil")
    return complete_from(text, choices, add_space)
end

--- Complete the name of an attached peripheral.
local function peripheral_name(text, add_space)
    expect(1, text, "string")
    expect(2, add_space, "boolean", "nil")
    local names = {}
    if peripheral and peripheral.getNames then names = peripheral.getNames() end
    return complete_from(text, names, add_space)
end

local default_sides = { "bottom", "top", "back", "front", "right", "left" }

--- Complete a side of the computer (top, left, ...).
local function side(text, add_space)
    expect(1, text, "string")
    expect(2, add_space, "boolean", "nil")
    local sides = redstone and redstone.getSides and redstone.getSides() or default_sides
    return complete_from(text, sides, add_space)
end

--- Complete the name of a setting.
local function setting(text, add_space)
    expect(1, text, "string")
    expect(2, add_space, "boolean", "nil")
    return complete_from(text, settings.getNames(), add_space)
end

local command_names
--- Complete a Minecraft command (only on command computers; none here).
local function command(text, add_space)
    expect(1, text, "string")
    expect(2, add_space, "boolean", "nil")
    if command_names == nil then
        command_names = commands and commands.list and commands.list() or {}
    end
    return complete_from(text, command_names, add_space)
end

return {
    choice = choice,
    peripheral = peripheral_name,
    side = side,
    setting = setting,
    command = command,
}
