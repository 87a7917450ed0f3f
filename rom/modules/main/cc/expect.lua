--- cc.expect: argument checking helpers used by the whole ROM.
-- Error texts follow CC:Tweaked, since programs and tests match on them.

local type, select, error, tostring = type, select, error, tostring
local getmetatable = debug and debug.getmetatable or getmetatable
local getinfo = debug and debug.getinfo
local INF = 1 / 0 -- not math.huge: some hosts define that as the largest finite number

-- Tables/userdata with a string `__name` in their metatable are reported
-- under that name, like CC:Tweaked does.
local function display_type(value, t)
    if t ~= "table" and t ~= "userdata" then return t end
    local mt = getmetatable(value)
    if type(mt) ~= "table" then return t end
    local name = rawget(mt, "__name")
    if type(name) == "string" then return name end
    return t
end

-- "a", "a or b", "a, b or c"; "nil" is left out because an optional
-- argument reads better as just its real type.
local function type_names(...)
    local names = {}
    for i = 1, select("#", ...) do
        local name = select(i, ...)
        if name ~= "nil" then names[#names + 1] = name end
    end
    if #names == 0 then return tostring((...)) end
    if #names == 1 then return names[1] end
    return table.concat(names, ", ", 1, #names - 1) .. " or " .. names[#names]
end

local function matches(value, ...)
    local t = type(value)
    for i = 1, select("#", ...) do
        if t == select(i, ...) then return true end
    end
    return false
end

-- Whether getinfo's answer names the checked function with some confidence
-- (named, written in Lua, not a main chunk).
local function trusted_name(ok, info)
    if not ok or type(info) ~= "table" then return nil end
    local name = info.name
    if type(name) ~= "string" or name == "" then return nil end
    -- gopher-lua reports unnamed functions as "<file:line>": not a name.
    if name:sub(1, 1) == "<" then return nil end
    if info.what == "C" or info.what == "main" then return nil end
    return name
end

local function argument_error(name, index, value, ...)
    local expected = type_names(...)
    local got = display_type(value, type(value))
    if name then
        return ("bad argument #%d to '%s' (%s expected, got %s)"):format(index, name, expected, got)
    end
    return ("bad argument #%d (%s expected, got %s)"):format(index, expected, got)
end

--- Check that argument `index` (`value`) has one of the given types.
-- Returns `value`, or raises an error blaming the caller's caller.
local function expect(index, value, ...)
    if matches(value, ...) then return value end
    -- Levels seen from getinfo: 1 pcall, 2 expect, 3 the checked function.
    local name = getinfo and trusted_name(pcall(getinfo, 3, "nS"))
    error(argument_error(name, index, value, ...), 3)
end

--- Check that `tbl[key]` has one of the given types and return it.
local function field(tbl, key, ...)
    expect(1, tbl, "table")
    expect(2, key, "string")
    local value = tbl[key]
    if matches(value, ...) then return value end
    if value == nil then
        error(("field '%s' missing from table"):format(key), 3)
    end
    local got = display_type(value, type(value))
    error(("bad field '%s' (%s expected, got %s)"):format(key, type_names(...), got), 3)
end

--- Check that `num` is a number within [min, max] (bounds default to +-inf).
local function range(num, min, max)
    expect(1, num, "number")
    min = expect(2, min, "number", "nil") or -INF
    max = expect(3, max, "number", "nil") or INF
    if min > max then
        error("min must be less than or equal to max", 2)
    end
    if num ~= num or num < min or num > max then
        error(("number outside of range (expected %s to be within %s and %s)"):format(
            tostring(num), tostring(min), tostring(max)), 3)
    end
    return num
end

return setmetatable({
    expect = expect,
    field = field,
    range = range,
}, { __call = function(_, ...) return expect(...) end })
