-- help: read a help topic (`help index` lists them).
local args = { ... }
local topic = args[1] or "intro"

local function topics()
    if help and help.topics then return help.topics() end
    local list = {}
    if fs.isDir("rom/help") then
        for _, name in ipairs(fs.list("rom/help")) do
            list[#list + 1] = (string.gsub(name, "%.txt$", ""))
        end
    end
    return list
end

local function lookup(name)
    if help and help.lookup then return help.lookup(name) end
    for _, file in ipairs({ "rom/help/" .. name .. ".txt", "rom/help/" .. name }) do
        if fs.exists(file) and not fs.isDir(file) then return file end
    end
    return nil
end

if topic == "index" then
    print("Help topics available:")
    textutils.pagedTabulate(topics())
    return
end

local file = lookup(topic)
local handle = file and fs.open(file, "r")
if not handle then
    printError("No help available")
    return
end
local text = handle.readAll() or ""
handle.close()
text = string.gsub(text, "\n+$", "")
local _, y = term.getCursorPos()
textutils.pagedPrint(text, y - 3)
