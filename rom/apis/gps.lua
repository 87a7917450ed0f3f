--- gps: locate this computer from GPS hosts over a wireless modem. A
-- craftos computer has no modem, so locate finds no position (printing why
-- only when asked to debug), as CC:Tweaked does without one.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

--- The channel GPS requests and responses use.
CHANNEL_GPS = 65534

--- This computer's position, or nil when it cannot be found.
function locate(timeout, debug)
    expect(1, timeout, "number", "nil")
    expect(2, debug, "boolean", "nil")
    if commands then return commands.getBlockPosition() end
    for _, side in ipairs(rs.getSides()) do
        if peripheral.getType(side) == "modem" and peripheral.call(side, "isWireless") then
            -- Modems are not emulated: no host can answer.
            if debug then print("Could not determine position") end
            return nil
        end
    end
    if debug then print("No wireless modem attached") end
    return nil
end
