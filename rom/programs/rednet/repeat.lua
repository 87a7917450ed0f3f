-- repeat: pass rednet messages on between every attached modem, so they
-- reach computers out of each other's range. Runs until terminated.
local modems = {}
for _, name in ipairs(peripheral.getNames()) do
    if peripheral.getType(name) == "modem" then modems[#modems + 1] = name end
end
if #modems == 0 then
    print("No modems found.")
    return
elseif #modems == 1 then
    print("1 modem found.")
else
    print(#modems .. " modems found.")
end

local function each(method, ...)
    for _, name in ipairs(modems) do peripheral.call(name, method, ...) end
end

print("0 messages repeated.")
each("open", rednet.CHANNEL_REPEAT)

-- Each message is repeated once: its id is remembered for 30 seconds.
local ok, err = pcall(function()
    local seen, forget, count = {}, {}, 0
    while true do
        local event, p1, channel, reply, message = os.pullEvent()
        if event == "modem_message" and channel == rednet.CHANNEL_REPEAT
            and type(message) == "table" and message.nMessageID and message.nRecipient
            and not seen[message.nMessageID] then
            seen[message.nMessageID] = true
            forget[os.startTimer(30)] = message.nMessageID
            -- On every modem: to other repeaters, and to the recipient.
            for _, name in ipairs(modems) do
                peripheral.call(name, "transmit", rednet.CHANNEL_REPEAT, reply, message)
                peripheral.call(name, "transmit", message.nRecipient, reply, message)
            end

            count = count + 1
            local _, row = term.getCursorPos()
            term.setCursorPos(1, row - 1)
            term.clearLine()
            print(count .. (count == 1 and " message repeated." or " messages repeated."))
        elseif event == "timer" and forget[p1] then
            seen[forget[p1]] = nil
            forget[p1] = nil
        end
    end
end)
if not ok then printError(err) end

each("close", rednet.CHANNEL_REPEAT)
