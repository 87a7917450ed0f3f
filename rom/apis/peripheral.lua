--- peripheral: the ROM half of the peripheral API, over the natives
-- (isPresent, getType, hasType, getMethods, call). Peripherals on a wired
-- network are reached through a "peripheral_hub" on one of the sides, as in
-- CC:Tweaked. craftos's native also knows names that are not sides
-- (periphemu.create("monitor_1", ...), as in CraftOS-PC) and lists them all.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

local native = peripheral
local sides = rs.getSides()

-- The side whose hub has `name` attached remotely, if any.
local function hubFor(name)
    for _, side in ipairs(sides) do
        if native.hasType(side, "peripheral_hub") and native.call(side, "isPresentRemote", name) then
            return side
        end
    end
    return nil
end

-- The metatable of a wrapped peripheral, or an error at the caller's caller.
local function wrappedMeta(p, field)
    local mt = getmetatable(p)
    if not mt or mt.__name ~= "peripheral" or type(mt[field]) ~= (field == "name" and "string" or "table") then
        error("bad argument #1 (table is not a peripheral)", 3)
    end
    return mt
end

--- Names of all attached peripherals: sides first, then remote ones.
function getNames()
    local names = {}
    for _, side in ipairs(native.getNames and native.getNames() or sides) do
        if native.isPresent(side) then
            names[#names + 1] = side
            if native.hasType(side, "peripheral_hub") then
                for _, remote in ipairs(native.call(side, "getNamesRemote")) do
                    names[#names + 1] = remote
                end
            end
        end
    end
    return names
end

--- Whether a peripheral is attached under `name`.
function isPresent(name)
    expect(1, name, "string")
    return native.isPresent(name) or hubFor(name) ~= nil
end

--- The types of a named or wrapped peripheral; nothing when absent.
function getType(p)
    expect(1, p, "string", "table")
    if type(p) == "table" then
        return table.unpack(wrappedMeta(p, "types").types)
    end
    if native.isPresent(p) then return native.getType(p) end
    local hub = hubFor(p)
    if hub then return native.call(hub, "getTypeRemote", p) end
    return nil
end

--- Whether a peripheral has a type; nil when absent.
function hasType(p, ty)
    expect(1, p, "string", "table")
    expect(2, ty, "string")
    if type(p) == "table" then
        return wrappedMeta(p, "types").types[ty] ~= nil
    end
    if native.isPresent(p) then return native.hasType(p, ty) end
    local hub = hubFor(p)
    if hub then return native.call(hub, "hasTypeRemote", p, ty) end
    return nil
end

--- The method names of a peripheral; nil when absent.
function getMethods(name)
    expect(1, name, "string")
    if native.isPresent(name) then return native.getMethods(name) end
    local hub = hubFor(name)
    if hub then return native.call(hub, "getMethodsRemote", name) end
    return nil
end

--- The name a wrapped peripheral was wrapped under.
function getName(p)
    expect(1, p, "table")
    return wrappedMeta(p, "name").name
end

--- Call a method of a peripheral; nothing when it is absent.
function call(name, method, ...)
    expect(1, name, "string")
    expect(2, method, "string")
    if native.isPresent(name) then return native.call(name, method, ...) end
    local hub = hubFor(name)
    if hub then return native.call(hub, "callRemote", name, method, ...) end
    return nil
end

--- A table of a peripheral's methods, or nil when it is absent.
function wrap(name)
    expect(1, name, "string")
    local methods = peripheral.getMethods(name)
    if not methods then return nil end
    local types = { peripheral.getType(name) }
    for i = 1, #types do types[types[i]] = true end
    local wrapped = setmetatable({}, { __name = "peripheral", name = name, type = types[1], types = types })
    for _, method in ipairs(methods) do
        wrapped[method] = function(...) return peripheral.call(name, method, ...) end
    end
    return wrapped
end

--- Every attached peripheral of type `ty` (that `filter` accepts), wrapped.
function find(ty, filter)
    expect(1, ty, "string")
    expect(2, filter, "function", "nil")
    local found = {}
    for _, name in ipairs(peripheral.getNames()) do
        if peripheral.hasType(name, ty) then
            local wrapped = peripheral.wrap(name)
            if filter == nil or filter(name, wrapped) then found[#found + 1] = wrapped end
        end
    end
    return table.unpack(found)
end
