--- disk: disk drives, by peripheral name. Each function asks the drive
-- attached under that name; where there is none (or it is not a drive),
-- it gives CC:Tweaked's answer for "no drive there".

local function isDrive(name)
    if type(name) ~= "string" then
        error("bad argument #1 (string expected, got " .. type(name) .. ")", 3)
    end
    return peripheral.getType(name) == "drive"
end

-- query makes a function that asks the drive, or answers `absent`.
local function query(method, absent)
    return function(name)
        if isDrive(name) then return peripheral.call(name, method) end
        return absent
    end
end

-- action makes a function that tells the drive, if there is one.
local function action(method)
    return function(name, ...)
        if isDrive(name) then peripheral.call(name, method, ...) end
    end
end

isPresent = query("isDiskPresent", false)
getLabel = query("getDiskLabel", nil)
hasData = query("hasData", false)
getMountPath = query("getMountPath", nil)
hasAudio = query("hasAudio", false)
getAudioTitle = query("getAudioTitle", nil)
getID = query("getDiskID", nil)
setLabel = action("setDiskLabel")
playAudio = action("playAudio")
eject = action("ejectDisk")

local stop = action("stopAudio")

--- Stop the record in a drive, or in every drive when no name is given.
function stopAudio(name)
    if not name then
        for _, each in ipairs(peripheral.getNames()) do stopAudio(each) end
        return
    end
    stop(name)
end
