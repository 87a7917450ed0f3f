-- speaker: play audio files (DFPWM, or 8-bit PCM / DFPWM WAV) and sounds
-- on attached speakers, or stop them.
--   speaker play <file or url> [speaker]
--   speaker sound <sound> [volume] [pitch] [speaker]
--   speaker stop [speaker]

-- The speakers to use: the one named, or every speaker attached.
local function findSpeakers(name)
    if name == nil then
        local all = { peripheral.find("speaker") }
        if #all == 0 then error("No speakers attached", 0) end
        return all
    end
    local speaker = peripheral.wrap(name)
    if speaker == nil then
        error(("Speaker %q does not exist"):format(name), 0)
    end
    if not peripheral.hasType(name, "speaker") then
        error(("%q is not a speaker"):format(name), 0)
    end
    return { speaker }
end

local function unsupported(kind)
    printError(("speaker cannot play %s files."):format(kind))
    local pretty = require("cc.pretty")
    pretty.print("Run '" .. pretty.text("help speaker", colours.lightGrey) .. "' for information on supported formats.")
end

-- A speaker buffer holds at most 128 Ki samples: a DFPWM byte is 8 samples,
-- a PCM byte one.
local SAMPLES = 128 * 1024
local DFPWM_GUID = "\58\193\250\56\129\29\67\97\164\13\206\83\202\96\124\209"

local function fail(handle, why)
    handle.close()
    error("Could not play audio: " .. why, 0)
end

local function u32(s) return (string.unpack("<I4", s)) end

-- Reads a WAV header (after "RIFF") up to the start of its samples; returns
-- whether the samples are 8-bit PCM (otherwise DFPWM).
local function readWAVHeader(handle)
    handle.read(4) -- the RIFF size
    if handle.read(8) ~= "WAVEfmt " then fail(handle, "Unsupported WAV file") end
    local fmt = handle.read(u32(handle.read(4)))
    local format, channels, rate, _, _, bits = string.unpack("<I2I2I4I4I2I2", fmt)
    local pcm = format == 1 and bits == 8
    local dfpwm = format == 0xFFFE and bits == 1
    if not (pcm or dfpwm) then fail(handle, "Unsupported WAV file") end
    if channels ~= 1 or rate ~= 48000 then
        print("Warning: Only 48 kHz mono WAV files are supported. This file may not play correctly.")
    end
    if dfpwm and fmt:sub(25) ~= DFPWM_GUID then fail(handle, "Unsupported WAV file") end
    -- Skip every chunk before the samples.
    while true do
        local id = handle.read(4)
        if id == nil then fail(handle, "Invalid WAV file") end
        local size = handle.read(4)
        if id == "data" then break end
        handle.read(u32(size))
    end
    return pcm
end

local function pcmDecoder(bytes)
    local samples = {}
    for i = 1, #bytes do samples[i] = bytes:byte(i) - 128 end
    return samples
end

local function play(file, name)
    if not file then error("Usage: speaker play <file or url> [speaker]", 0) end
    local speaker = findSpeakers(name)[1]

    local handle, err
    if http and file:match("^https?://") then
        print("Downloading...")
        handle, err = http.get(file)
    else
        handle, err = fs.open(shell.resolve(file), "rb")
    end
    if not handle then
        printError("Could not play audio:")
        error(err, 0)
    end

    local head = handle.read(4) or ""
    local pcm = false
    if head == "RIFF" then
        pcm = readWAVHeader(handle)
        head = ""
    elseif head == "OggS" then
        handle.close()
        return unsupported("Ogg")
    elseif head == "fLaC" then
        handle.close()
        return unsupported("FLAC")
    elseif head:sub(1, 3) == "ID3" then
        handle.close()
        return unsupported("MP3")
    elseif head == "<!DO" then -- <!DOCTYPE: a web page, not audio
        handle.close()
        return unsupported("HTML")
    end

    print("Playing " .. file)
    local decode = pcm and pcmDecoder or require("cc.audio.dfpwm").make_decoder()
    local chunk = pcm and SAMPLES or SAMPLES / 8
    while true do
        local bytes = handle.read(chunk - #head)
        if bytes == nil and head == "" then break end
        bytes, head = head .. (bytes or ""), ""
        local buffer = decode(bytes)
        while not speaker.playAudio(buffer) do
            os.pullEvent("speaker_audio_empty")
        end
    end
    handle.close()
end

local function sound(name, volume, pitch, speakerName)
    if not name then error("Usage: speaker sound <sound> [volume] [pitch] [speaker]", 0) end
    if volume then
        volume = tonumber(volume)
        if not volume then error("Volume must be a number", 0) end
        if volume < 0 or volume > 3 then error("Volume must be between 0 and 3", 0) end
    end
    if pitch then
        pitch = tonumber(pitch)
        if not pitch then error("Pitch must be a number", 0) end
        if pitch < 0 or pitch > 2 then error("Pitch must be between 0 and 2", 0) end
    end
    local speaker = findSpeakers(speakerName)[1]
    if not speaker.playSound(name, volume, pitch) then
        error(("Could not play sound %q"):format(name), 0)
    end
    print(("Played sound %q on speaker %q with volume %s and pitch %s."):format(
        name, peripheral.getName(speaker), volume or 1, pitch or 1))
end

local command = ...
if command == "play" then
    play(select(2, ...))
elseif command == "sound" then
    sound(select(2, ...))
elseif command == "stop" then
    for _, speaker in ipairs(findSpeakers((select(2, ...)))) do speaker.stop() end
else
    local program = arg[0] or fs.getName(shell.getRunningProgram())
    print("Usage:")
    print(program .. " play <file or url> [speaker]")
    print(program .. " sound <sound> [volume] [pitch] [speaker]")
    print(program .. " stop [speaker]")
end
