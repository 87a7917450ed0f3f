-- dj: play or stop the music disc in an attached disk drive.
--   dj [play [drive]]   play a disc (a random drive holding one if none named)
--   dj stop             stop whatever is playing
local args = { ... }

local function usage()
    local name = arg[0] or fs.getName(shell.getRunningProgram())
    print("Usages:")
    print(name .. " play")
    print(name .. " play <drive>")
    print(name .. " stop")
end

-- Every attached drive that holds a music disc.
local function musicDrives()
    local found = {}
    for _, side in ipairs(peripheral.getNames()) do
        if disk.isPresent(side) and disk.hasAudio(side) then
            found[#found + 1] = side
        end
    end
    return found
end

local command = args[1]
if #args > 2 then
    usage()
elseif command == "stop" then
    disk.stopAudio()
elseif command == nil or command == "play" then
    local drive = args[2]
    if drive == nil then
        local drives = musicDrives()
        if #drives == 0 then
            print("No Music Discs in attached disk drives")
            return
        end
        drive = drives[math.random(#drives)]
    end
    if not (disk.isPresent(drive) and disk.hasAudio(drive)) then
        print("No Music Disc in disk drive: " .. drive)
        return
    end
    print("Playing " .. disk.getAudioTitle(drive))
    disk.playAudio(drive)
else
    usage()
end
