--- settings: named configuration values, with optional definitions
-- (description, default, type), saved to and loaded from a file.

local expect_mod = dofile("rom/modules/main/cc/expect.lua")
local expect, field = expect_mod.expect, expect_mod.field

local definitions = {} -- name -> { description, default, type }
local values = {}      -- name -> value set by the user

local allowed_types = { "number", "string", "boolean", "table" }
local is_allowed_type = {}
for _, t in ipairs(allowed_types) do is_allowed_type[t] = true end

-- Tables are stored as serialised copies: this rejects what cannot be
-- saved, and keeps callers from changing stored values behind our back.
local function detach(value)
    if type(value) ~= "table" then return value end
    return textutils.unserialize(textutils.serialize(value))
end

local function copy(value)
    if type(value) ~= "table" then return value end
    local result = {}
    for k, v in pairs(value) do result[k] = copy(v) end
    return result
end

-- Store a value (nil = back to default) and announce real changes.
local function store(name, new)
    local old = values[name]
    if old == nil and definitions[name] then old = definitions[name].default end
    values[name] = new
    if old ~= new and type(os.queueEvent) == "function" then
        os.queueEvent("setting_changed", name, new, old)
    end
end

--- Define a setting. options: { description = string, default = value,
-- type = "number"|"string"|"boolean"|"table" }.
function define(name, options)
    expect(1, name, "string")
    expect(2, options, "table", "nil")
    local definition = {}
    if options then
        definition.description = field(options, "description", "string", "nil")
        definition.default = detach(field(options, "default", "number", "string", "boolean", "table", "nil"))
        definition.type = field(options, "type", "string", "nil")
        if definition.type and not is_allowed_type[definition.type] then
            error(("Unknown type %q. Expected one of %s."):format(
                definition.type, table.concat(allowed_types, ", ")), 2)
        end
    end
    definitions[name] = definition
end

--- Forget a setting's definition (its value, if any, stays).
function undefine(name)
    expect(1, name, "string")
    definitions[name] = nil
end

--- Set a setting's value. It must be serialisable, and of the defined type.
function set(name, value)
    expect(1, name, "string")
    expect(2, value, "number", "string", "boolean", "table")
    local definition = definitions[name]
    if definition and definition.type then expect(2, value, definition.type) end
    store(name, detach(value))
end

--- A setting's value; else `default` if given; else the defined default.
function get(name, default)
    expect(1, name, "string")
    local value = values[name]
    if value ~= nil then return copy(value) end
    if default ~= nil then return default end
    local definition = definitions[name]
    return definition and copy(definition.default)
end

--- Everything known about a setting: its definition, `value` and `changed`.
function getDetails(name)
    expect(1, name, "string")
    local result = copy(definitions[name]) or {}
    result.changed = values[name] ~= nil
    if values[name] ~= nil then result.value = copy(values[name]) else result.value = result.default end
    return result
end

--- Remove a setting's value, so it reads as its default again.
function unset(name)
    expect(1, name, "string")
    store(name, nil)
end

--- Remove every setting's value.
function clear()
    local names = {}
    for name in pairs(values) do names[#names + 1] = name end
    for _, name in ipairs(names) do store(name, nil) end
end

--- Sorted names of all defined or set settings.
function getNames()
    local names, seen = {}, {}
    for _, tbl in ipairs({ definitions, values }) do
        for name in pairs(tbl) do
            if not seen[name] then
                seen[name] = true
                names[#names + 1] = name
            end
        end
    end
    table.sort(names)
    return names
end

-- Whether a loaded entry may be used: a string name, a storable value, and
-- the defined type if there is one.
local function loadable(name, value)
    local t = type(value)
    if type(name) ~= "string" or not is_allowed_type[t] then return false end
    local definition = definitions[name]
    return not (definition and definition.type and definition.type ~= t)
end

--- Merge the settings in a file (default `.settings`) into the current
-- ones. Returns false if the file is missing or unreadable.
function load(path)
    expect(1, path, "string", "nil")
    local file = fs.open(path or ".settings", "r")
    if not file then return false end
    local text = file.readAll()
    file.close()

    local loaded = textutils.unserialize(text or "")
    if type(loaded) ~= "table" then return false end
    for name, value in pairs(loaded) do
        if loadable(name, value) then
            local ok, detached = pcall(detach, value)
            if ok then store(name, detached) end
        end
    end
    return true
end

--- Write all set values to a file (default `.settings`), replacing it.
function save(path)
    expect(1, path, "string", "nil")
    local file = fs.open(path or ".settings", "w")
    if not file then return false end
    file.write(textutils.serialize(values))
    file.close()
    return true
end
