--- gps: find this computer's position from GPS hosts over a wireless
-- modem. A host (the gps program's "host" mode) answers a "PING" on
-- CHANNEL_GPS with its own position; the modem_message event says how far
-- away it is. Three answers leave two mirror-image candidates (one when
-- the computer lies in the hosts' plane); a fourth host off that plane
-- picks one. In craftos, distances come from the positions the computers
-- (or their modems) were given: see the README's Peripherals section.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

--- The channel GPS requests and responses use.
CHANNEL_GPS = 65534

-- Hosts closer than this to an earlier one count as that one again.
local SAME_HOST = 5

-- Positions are reported to the hundredth of a block.
local function tidy(v)
    local function r(n) return math.floor(n * 100 + 0.5) / 100 end
    return vector.new(r(v.x), r(v.y), r(v.z))
end

local function same(a, b)
    return a.x == b.x and a.y == b.y and a.z == b.z
end

-- The points at the given distances from three hosts: the intersection of
-- three spheres. Returns one or two candidates, or nothing when the
-- spheres do not meet (or the hosts are in a line).
local function intersect(f1, f2, f3)
    local p1, p2, p3 = f1.position, f2.position, f3.position
    local r1, r2, r3 = f1.distance, f2.distance, f3.distance
    -- A frame with p1 at the origin, p2 on the x axis, p3 in the xy plane.
    local d = (p2 - p1):length()
    if d == 0 then return nil end
    local ex = (p2 - p1) / d
    local i = ex:dot(p3 - p1)
    local ey = (p3 - p1) - ex * i
    if ey:length() == 0 then return nil end
    ey = ey / ey:length()
    local ez = ex:cross(ey)
    local j = ey:dot(p3 - p1)

    local x = (r1 * r1 - r2 * r2 + d * d) / (2 * d)
    local y = (r1 * r1 - r3 * r3 + i * i + j * j) / (2 * j) - x * i / j
    local onPlane = p1 + ex * x + ey * y
    local zz = r1 * r1 - x * x - y * y
    if zz > 0 then
        local z = math.sqrt(zz)
        local a, b = tidy(onPlane + ez * z), tidy(onPlane - ez * z)
        if same(a, b) then return a end
        return a, b
    end
    -- Touching (or, with rounding, just missing): the point in the plane.
    return tidy(onPlane)
end

-- Of two candidates, the one a further fix agrees with; both when it
-- cannot tell them apart.
local function pick(a, b, fix)
    local da = math.abs((a - fix.position):length() - fix.distance)
    local db = math.abs((b - fix.position):length() - fix.distance)
    if math.abs(da - db) < 0.01 then return a, b end
    if da < db then return a end
    return b
end

local function show(v)
    return v.x .. "," .. v.y .. "," .. v.z
end

--- This computer's position (x, y, z), or nil when it cannot be found
-- within `timeout` seconds (default 2). With `debug`, says what it finds.
function locate(timeout, debug)
    expect(1, timeout, "number", "nil")
    expect(2, debug, "boolean", "nil")
    if commands then return commands.getBlockPosition() end
    local say = debug and print or function() end

    local side
    for _, s in ipairs(rs.getSides()) do
        if peripheral.getType(s) == "modem" and peripheral.call(s, "isWireless") then
            side = s
            break
        end
    end
    if not side then
        say("No wireless modem attached")
        return nil
    end
    say("Finding position...")

    local wasOpen = peripheral.call(side, "isOpen", CHANNEL_GPS)
    if not wasOpen then peripheral.call(side, "open", CHANNEL_GPS) end
    peripheral.call(side, "transmit", CHANNEL_GPS, CHANNEL_GPS, "PING")

    local fixes, a, b = {}, nil, nil
    local timer = os.startTimer(timeout or 2)
    while true do
        local event, p1, p2, p3, p4, p5 = os.pullEvent()
        if event == "timer" and p1 == timer then break end
        local msg = p4
        if event == "modem_message" and p1 == side and p2 == CHANNEL_GPS and p3 == CHANNEL_GPS and p5
            and type(msg) == "table" and #msg == 3
            and tonumber(msg[1]) and tonumber(msg[2]) and tonumber(msg[3]) then
            local fix = { position = vector.new(tonumber(msg[1]), tonumber(msg[2]), tonumber(msg[3])), distance = p5 }
            say(fix.distance .. " metres from " .. tostring(fix.position))
            if fix.distance == 0 then
                a, b = fix.position, nil -- standing on a host
            else
                -- Keep three fixes, a repeated host replacing its old one.
                local slot = math.min(#fixes + 1, 3)
                for k, old in ipairs(fixes) do
                    if (old.position - fix.position):length() < SAME_HOST then
                        slot = k
                        break
                    end
                end
                fixes[slot] = fix
                if #fixes == 3 then
                    if a and b then
                        a, b = pick(a, b, fix)
                    elseif not a then
                        a, b = intersect(fixes[1], fixes[2], fixes[3])
                    end
                end
            end
            if a and not b then break end
        end
    end
    if not wasOpen then peripheral.call(side, "close", CHANNEL_GPS) end

    if a and b then
        say("Ambiguous position")
        say("Could be " .. show(a) .. " or " .. show(b))
        return nil
    elseif a then
        say("Position is " .. show(a))
        return a.x, a.y, a.z
    end
    say("Could not determine position")
    return nil
end
