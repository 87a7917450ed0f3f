--- rednet: messages between computers over modems, as CC:Tweaked's
-- rednet. CraftOS's bios runs rednet.run beside the shell; ours keeps the
-- boot's coroutines as they are and starts the daemon when a program first
-- uses rednet (open, host or run): from then on, the events the computer
-- takes at its top level pass through the daemon first (it turns
-- modem_message into rednet_message and answers lookups), whatever the
-- program is waiting for.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

CHANNEL_BROADCAST = 65535
CHANNEL_REPEAT = 65533
MAX_ID_CHANNELS = 65500

local received = {} -- message id -> os.clock() deadline, to drop echoes
local hostnames = {} -- protocol -> our hostname
local pruneTimer

local function idChannel(id)
    return (id or os.getComputerID()) % MAX_ID_CHANNELS
end

local function checkModem(modem)
    if peripheral.getType(modem) ~= "modem" then
        error("No such modem: " .. modem, 3)
    end
end

local start -- puts the daemon to work (below)

local function remember(id)
    received[id] = os.clock() + 9.5
    if not pruneTimer then pruneTimer = os.startTimer(10) end
end

--- Open a modem for rednet (on this computer's channel and broadcasts).
function open(modem)
    expect(1, modem, "string")
    checkModem(modem)
    start()
    peripheral.call(modem, "open", idChannel())
    peripheral.call(modem, "open", CHANNEL_BROADCAST)
end

--- Close one modem, or all open ones.
function close(modem)
    expect(1, modem, "string", "nil")
    if modem then
        checkModem(modem)
        peripheral.call(modem, "close", idChannel())
        peripheral.call(modem, "close", CHANNEL_BROADCAST)
        return
    end
    for _, name in ipairs(peripheral.getNames()) do
        if isOpen(name) then close(name) end
    end
end

--- Whether a modem (or any modem) is open for rednet.
function isOpen(modem)
    expect(1, modem, "string", "nil")
    if modem then
        if peripheral.getType(modem) == "modem" then
            return peripheral.call(modem, "isOpen", idChannel()) and peripheral.call(modem, "isOpen", CHANNEL_BROADCAST)
        end
        return false
    end
    for _, name in ipairs(peripheral.getNames()) do
        if isOpen(name) then return true end
    end
    return false
end

--- Send a message to a computer; whether it went anywhere.
function send(recipient, message, protocol)
    expect(1, recipient, "number")
    expect(3, protocol, "string", "nil")
    local id = math.random(1, 2147483647)
    remember(id)
    if recipient == os.getComputerID() then
        os.queueEvent("rednet_message", recipient, message, protocol)
        return true
    end
    local packet = {
        nMessageID = id, nRecipient = recipient, nSender = os.getComputerID(),
        message = message, sProtocol = protocol,
    }
    if recipient ~= CHANNEL_BROADCAST then recipient = idChannel(recipient) end
    local sent = false
    for _, name in ipairs(peripheral.getNames()) do
        if isOpen(name) then
            peripheral.call(name, "transmit", recipient, idChannel(), packet)
            peripheral.call(name, "transmit", CHANNEL_REPEAT, idChannel(), packet)
            sent = true
        end
    end
    return sent
end

--- Send a message to every computer listening.
function broadcast(message, protocol)
    expect(2, protocol, "string", "nil")
    send(CHANNEL_BROADCAST, message, protocol)
end

--- Wait for a message (of a protocol), at most `timeout` seconds.
function receive(protocol, timeout)
    -- The old form was receive(timeout). (Two statements: gopher-lua
    -- mis-compiles "a, b = nil, a".)
    if type(protocol) == "number" and timeout == nil then
        timeout = protocol
        protocol = nil
    end
    expect(1, protocol, "string", "nil")
    expect(2, timeout, "number", "nil")
    local timer = timeout and os.startTimer(timeout)
    local filter = not timeout and "rednet_message" or nil
    while true do
        local event, p1, p2, p3 = os.pullEvent(filter)
        if event == "rednet_message" and (protocol == nil or p3 == protocol) then
            return p1, p2, p3
        elseif event == "timer" and p1 == timer then
            return nil
        end
    end
end

--- Answer lookups for `protocol` under `hostname`.
function host(protocol, hostname)
    expect(1, protocol, "string")
    expect(2, hostname, "string")
    if hostname == "localhost" then error("Reserved hostname", 2) end
    start()
    if hostnames[protocol] ~= hostname then
        if lookup(protocol, hostname) ~= nil then error("Hostname in use", 2) end
        hostnames[protocol] = hostname
    end
end

--- Stop answering lookups for `protocol`.
function unhost(protocol)
    expect(1, protocol, "string")
    hostnames[protocol] = nil
end

--- The IDs of computers hosting `protocol` (the one named `hostname`).
function lookup(protocol, hostname)
    expect(1, protocol, "string")
    expect(2, hostname, "string", "nil")
    local results = hostname == nil and {} or nil
    if hostnames[protocol] then
        if results then
            results[#results + 1] = os.getComputerID()
        elseif hostname == "localhost" or hostname == hostnames[protocol] then
            return os.getComputerID()
        end
    end
    if not isOpen() then
        if results then return table.unpack(results) end
        return nil
    end
    broadcast({ sType = "lookup", sProtocol = protocol, sHostname = hostname }, "dns")
    local timer = os.startTimer(2)
    while true do
        local event, p1, p2, p3 = os.pullEvent()
        if event == "rednet_message" and p3 == "dns" and type(p2) == "table"
            and p2.sType == "lookup response" and p2.sProtocol == protocol then
            if results then
                results[#results + 1] = p1
            elseif p2.sHostname == hostname then
                return p1
            end
        elseif event == "timer" and p1 == timer then
            break
        end
    end
    if results then return table.unpack(results) end
    return nil
end

-- The daemon's work on one event (CraftOS's rednet.run loop body).
local function handle(event, p1, p2, p3, p4)
    if event == "modem_message" then
        local modem, channel, reply, packet = p1, p2, p3, p4
        if (channel == idChannel() or channel == CHANNEL_BROADCAST) and type(packet) == "table"
            and type(packet.nMessageID) == "number" and packet.nMessageID == packet.nMessageID
            and not received[packet.nMessageID]
            and (packet.nSender == nil or (type(packet.nSender) == "number" and packet.nSender == packet.nSender))
            and ((packet.nRecipient and packet.nRecipient == os.getComputerID()) or channel == CHANNEL_BROADCAST)
            and isOpen(modem) then
            remember(packet.nMessageID)
            os.queueEvent("rednet_message", packet.nSender or reply, packet.message, packet.sProtocol)
        end
    elseif event == "rednet_message" then
        local sender, message, protocol = p1, p2, p3
        if protocol == "dns" and type(message) == "table" and message.sType == "lookup" then
            local name = hostnames[message.sProtocol]
            if name ~= nil and (message.sHostname == nil or message.sHostname == name) then
                send(sender, { sType = "lookup response", sHostname = name, sProtocol = message.sProtocol }, "dns")
            end
        end
    elseif event == "timer" and p1 == pruneTimer then
        pruneTimer = nil
        local now, more = os.clock(), false
        for id, deadline in pairs(received) do
            if deadline <= now then received[id] = nil else more = true end
        end
        if more then pruneTimer = os.startTimer(10) end
    end
end

-- The bios's coroutine: the APIs are loaded on it. Only its waits see
-- every event once; a coroutine's waits see what its manager passes on.
local top = coroutine.running()
local started = false

-- start puts the daemon in front of the top level's waits: they take every
-- event, hand it to the daemon, and return the first their filter wants.
function start()
    if started then return end
    started = true
    local pull = os.pullEventRaw
    os.pullEventRaw = function(filter)
        if coroutine.running() ~= top then return pull(filter) end
        while true do
            local event = table.pack(pull())
            handle(table.unpack(event, 1, event.n))
            if filter == nil or event[1] == filter or event[1] == "terminate" then
                return table.unpack(event, 1, event.n)
            end
        end
    end
end

local running = false

--- The daemon turning modem messages into rednet messages and answering
-- lookups. It runs as soon as rednet is used; called itself, it starts it
-- and never returns.
function run()
    if running then error("rednet is already running", 2) end
    running = true
    start()
    while true do os.pullEventRaw() end
end
