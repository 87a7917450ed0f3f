-- import: wait for files dropped onto the computer (a file_transfer event)
-- and save them in the current folder, asking before overwriting. Q quits
-- while waiting.
local completion = require("cc.completion")

print("Drop files to transfer them to this computer")

local files
while true do
    local event, p1 = os.pullEvent()
    if event == "file_transfer" then
        files = p1.getFiles()
        break
    elseif event == "key" and p1 == keys.q then
        return
    end
end

if #files == 0 then
    printError("No files to transfer")
    return
end

-- The files that exist already; a folder in the way stops the import.
local existing = {}
for _, file in pairs(files) do
    local name = file.getName()
    local path = shell.resolve(name)
    if fs.isDir(path) then
        printError(name .. " is already a directory.")
        return
    elseif fs.exists(path) then
        existing[#existing + 1] = name
    end
end

-- yes (or nothing) goes on, no stops; anything else asks again.
local function confirm()
    while true do
        io.write("Overwrite? (yes/no) ")
        local answer = read(nil, nil, function(text) return completion.choice(text, { "yes", "no" }) end)
        if not answer then return false end
        answer = answer:lower()
        if answer == "" or answer == "yes" or answer == "y" then return true end
        if answer == "no" or answer == "n" then return false end
    end
end

if #existing > 0 then
    table.sort(existing)
    printError("The following files will be overwritten:")
    textutils.pagedTabulate(colours.cyan, existing)
    if not confirm() then return end
end

-- Copy each file in pieces (the binary handle's buffer size), so a large
-- upload is never held whole.
local function save(file)
    local name = file.getName()
    print("Transferring " .. name)
    local out, err = fs.open(shell.resolve(name), "wb")
    if not out then return nil, err end
    while true do
        local chunk = file.read(8192)
        if not chunk then break end
        local ok, writeErr = pcall(out.write, chunk)
        if not ok then
            out.close()
            writeErr = tostring(writeErr)
            if writeErr:sub(1, 7) == "pcall: " then writeErr = writeErr:sub(8) end
            return nil, "Failed to write file (" .. writeErr .. "). File may be corrupted"
        end
    end
    out.close()
    return true
end

for _, file in pairs(files) do
    local ok, err = save(file)
    if not ok then
        if err then printError(err) end
        return
    end
end
