-- chat: a rednet chat room. "chat host <hostname>" runs the server;
-- "chat join <hostname> <nickname>" connects to one. Messages travel on
-- the "chat" protocol as tables with an sType; both ends ping each other
-- every 15 seconds and drop a peer that stops answering.
local args = { ... }

local function usage()
    local name = arg[0] or fs.getName(shell.getRunningProgram())
    print("Usages:")
    print(name .. " host <hostname>")
    print(name .. " join <hostname> <nickname>")
end

-- Open the first modem found (unless rednet has it open already), closing
-- it again when done.
local opened
local function openModem()
    for _, name in ipairs(peripheral.getNames()) do
        if peripheral.getType(name) == "modem" then
            if not rednet.isOpen(name) then
                rednet.open(name)
                opened = name
            end
            return true
        end
    end
    print("No modems found.")
    return false
end

local function closeModem()
    if opened then
        rednet.close(opened)
        opened = nil
    end
end

local textColour = colours.white
local highlightColour = term.isColour() and colours.yellow or colours.white

local function send(id, message) rednet.send(id, message, "chat") end

local function host(hostname)
    if not openModem() then return end
    rednet.host("chat", hostname)
    print("0 users connected.")

    local users, count = {}, 0
    local pingTimers = {}

    -- Text to one user, or to everyone.
    local function say(text, userID)
        for id, user in pairs(users) do
            if userID == nil or id == userID then
                send(user.nID, { sType = "text", nUserID = id, sText = text })
            end
        end
    end

    local function ping(userID)
        local user = users[userID]
        send(user.nID, { sType = "ping to client", nUserID = userID })
        user.bPingPonged = false
        pingTimers[os.startTimer(15)] = userID
    end

    -- Rewrite the line above with the number of users.
    local function showCount()
        local _, row = term.getCursorPos()
        term.setCursorPos(1, row - 1)
        term.clearLine()
        print(count .. (count == 1 and " user connected." or " users connected."))
    end

    local commands
    commands = {
        me = function(user, text)
            if #text > 0 then say("* " .. user.sUsername .. " " .. text)
            else say("* Usage: /me [words]", user.nUserID) end
        end,
        nick = function(user, text)
            if #text > 0 then
                local old = user.sUsername
                user.sUsername = text
                say("* " .. old .. " is now known as " .. user.sUsername)
            else
                say("* Usage: /nick [nickname]", user.nUserID)
            end
        end,
        users = function(user)
            say("* Connected Users:", user.nUserID)
            local line = "*"
            for _, other in pairs(users) do line = line .. " " .. other.sUsername end
            say(line, user.nUserID)
        end,
        help = function(user)
            say("* Available commands:", user.nUserID)
            local line = "*"
            for name in pairs(commands) do line = line .. " /" .. name end
            say(line .. " /logout", user.nUserID)
        end,
    }

    local function leave(userID, why)
        local user = users[userID]
        say("* " .. user.sUsername .. why)
        users[userID] = nil
        count = count - 1
        showCount()
    end

    local function timeouts()
        while true do
            local _, timer = os.pullEvent("timer")
            local userID = pingTimers[timer]
            pingTimers[timer] = nil
            local user = userID and users[userID]
            if user then
                if user.bPingPonged then ping(userID) else leave(userID, " has timed out") end
            end
        end
    end

    local function messages()
        while true do
            local from, message = rednet.receive("chat")
            if type(message) == "table" then
                local userID = message.nUserID
                if message.sType == "login" then
                    if userID and message.sUsername then
                        users[userID] = { nID = from, nUserID = userID, sUsername = message.sUsername }
                        count = count + 1
                        showCount()
                        say("* " .. message.sUsername .. " has joined the chat")
                        ping(userID)
                    end
                else
                    local user = users[userID]
                    if user and user.nID == from then
                        if message.sType == "logout" then
                            leave(userID, " has left the chat")
                        elseif message.sType == "chat" and message.sText then
                            local name = string.match(message.sText, "^/([a-z]+)")
                            if not name then
                                say("<" .. user.sUsername .. "> " .. message.sText)
                            elseif commands[name] then
                                commands[name](user, string.sub(message.sText, #name + 3))
                            else
                                say("* Unrecognised command: /" .. name, userID)
                            end
                        elseif message.sType == "ping to server" then
                            send(user.nID, { sType = "pong to client", nUserID = userID })
                        elseif message.sType == "pong to server" then
                            user.bPingPonged = true
                        end
                    end
                end
            end
        end
    end

    local ok, err = pcall(parallel.waitForAny, timeouts, messages)
    if not ok then printError(err) end

    for userID, user in pairs(users) do
        send(user.nID, { sType = "kick", nUserID = userID })
    end
    rednet.unhost("chat")
    closeModem()
end

local function join(hostname, nickname)
    if not openModem() then return end
    write("Looking up " .. hostname .. "... ")
    local server = rednet.lookup("chat", hostname)
    if not server then
        print("Failed.")
        return
    end
    print("Success.")

    local userID = math.random(1, 2147483647)
    send(server, { sType = "login", nUserID = userID, sUsername = nickname })

    local answered, pingTimer = true, os.startTimer(0)
    local function ping()
        send(server, { sType = "ping to server", nUserID = userID })
        answered = false
        pingTimer = os.startTimer(15)
    end

    -- A title line, the history and a one-line prompt at the bottom.
    local parent = term.current()
    local w, h = term.getSize()
    local title = window.create(parent, 1, 1, w, 1, true)
    local history = window.create(parent, 1, 2, w, h - 2, true)
    local prompt = window.create(parent, 1, h, w, 1, true)
    history.setCursorPos(1, h - 2)

    term.clear()
    term.setTextColour(textColour)
    term.redirect(prompt)
    prompt.restoreCursor()

    local function drawTitle()
        local width = title.getSize()
        local text = nickname .. " on " .. hostname
        title.setTextColour(highlightColour)
        title.setCursorPos(math.floor(width / 2 - #text / 2), 1)
        title.clearLine()
        title.write(text)
        prompt.restoreCursor()
    end

    -- Notices (starting with *) are highlighted, as is a <name> prefix.
    local function show(text)
        term.redirect(history)
        print()
        local name = string.match(text, "^<[^>]*>")
        if string.match(text, "^%*") then
            term.setTextColour(highlightColour)
            write(text)
            term.setTextColour(textColour)
        elseif name then
            term.setTextColour(highlightColour)
            write(name)
            term.setTextColour(textColour)
            write(string.sub(text, #name + 1))
        else
            write(text)
        end
        term.redirect(prompt)
        prompt.restoreCursor()
    end

    drawTitle()

    local function events()
        while true do
            local event, timer = os.pullEvent()
            if event == "timer" and timer == pingTimer then
                if not answered then
                    show("Server timeout.")
                    return
                end
                ping()
            elseif event == "term_resize" then
                local width, height = parent.getSize()
                title.reposition(1, 1, width, 1)
                history.reposition(1, 2, width, height - 2)
                prompt.reposition(1, height, width, 1)
            end
        end
    end

    local function messages()
        while true do
            local from, message = rednet.receive("chat")
            if from == server and type(message) == "table" and message.nUserID == userID then
                if message.sType == "text" then
                    if message.sText then show(message.sText) end
                elseif message.sType == "ping to client" then
                    send(from, { sType = "pong to server", nUserID = userID })
                elseif message.sType == "pong to client" then
                    answered = true
                elseif message.sType == "kick" then
                    return
                end
            end
        end
    end

    local function input()
        local sent = {}
        while true do
            prompt.setCursorPos(1, 1)
            prompt.clearLine()
            prompt.setTextColor(highlightColour)
            prompt.write(": ")
            prompt.setTextColor(textColour)
            local line = read(nil, sent)
            if string.match(line, "^/logout") then return end
            send(server, { sType = "chat", nUserID = userID, sText = line })
            sent[#sent + 1] = line
        end
    end

    local ok, err = pcall(parallel.waitForAny, events, messages, input)

    term.redirect(parent)
    local _, height = term.getSize()
    term.setCursorPos(1, height)
    term.clearLine()
    term.setCursorBlink(false)
    if not ok then printError(err) end

    send(server, { sType = "logout", nUserID = userID })
    closeModem()
    print("Disconnected.")
end

if args[1] == "host" and args[2] then
    host(args[2])
elseif args[1] == "join" and args[2] and args[3] then
    join(args[2], args[3])
else
    usage()
end
