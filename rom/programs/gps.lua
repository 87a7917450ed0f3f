-- gps: find this computer's position, or serve as a GPS host at a known
-- (or located) position over a wireless modem.
local args = { ... }

local function usage()
    local name = arg[0] or fs.getName(shell.getRunningProgram())
    print("Usages:")
    print(name .. " host")
    print(name .. " host <x> <y> <z>")
    print(name .. " locate")
end

local command = args[1]
if command == "locate" then
    gps.locate(2, true) -- prints what it finds
    return
elseif command ~= "host" then
    usage()
    return
end

if pocket then
    print("GPS Hosts must be stationary")
    return
end

local side
for _, s in ipairs(rs.getSides()) do
    if peripheral.getType(s) == "modem" and peripheral.call(s, "isWireless") then
        side = s
        break
    end
end
if not side then
    print("No wireless modems found. 1 required.")
    return
end

local x, y, z
if #args >= 4 then
    x, y, z = tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
    if not (x and y and z) then
        usage()
        return
    end
    print("Position is " .. x .. "," .. y .. "," .. z)
else
    x, y, z = gps.locate(2, true)
    if not x then
        print("Run \"gps host <x> <y> <z>\" to set position manually")
        return
    end
end

local modem = peripheral.wrap(side)
print("Opening channel on modem " .. side)
modem.open(gps.CHANNEL_GPS)

-- Answer pings until terminated, keeping one line with the count.
local served = 0
while true do
    local _, from, channel, reply, message, distance = os.pullEvent("modem_message")
    if from == side and channel == gps.CHANNEL_GPS and message == "PING" and distance then
        modem.transmit(reply, gps.CHANNEL_GPS, { x, y, z })
        served = served + 1
        if served > 1 then
            local _, row = term.getCursorPos()
            term.setCursorPos(1, row - 1)
        end
        print(served .. " GPS requests served")
    end
end
