-- wget: download a file over HTTP, or download a program and run it.
local function usage()
    local name = arg[0] or fs.getName(shell.getRunningProgram())
    print("Usage:")
    print(name .. " <url> [filename]")
    print(name .. " run <url>")
end

local args = { ... }
local run = false
if args[1] == "run" then
    table.remove(args, 1)
    run = true
end
if #args < 1 then
    usage()
    return
end
local url = table.remove(args, 1)

if not http then
    printError("wget requires the http API, but it is not enabled")
    return
end

-- The last part of the URL's path, without query or fragment.
local function nameFromURL(address)
    address = string.gsub(string.gsub(address, "[#?].*", ""), "/+$", "")
    return string.match(address, "/([^/]+)$")
end

local function download(address)
    local ok, err = http.checkURL(address)
    if not ok then
        printError(err or "Invalid URL.")
        return nil
    end
    write("Connecting to " .. address .. "... ")
    local response = http.get(address, nil, true)
    if not response then
        print("Failed.")
        return nil
    end
    print("Success.")
    local body = response.readAll()
    response.close()
    return body or ""
end

if run then
    local body = download(url)
    if not body then return end
    local env = getfenv and getfenv(1) or _G
    local fn, err = load(body, "=" .. (nameFromURL(url) or url), "t", env)
    if not fn then
        printError(err)
        return
    end
    local ok, runErr = pcall(fn, table.unpack(args))
    if not ok then printError(runErr) end
    return
end

local name = args[1] or nameFromURL(url) or url
local target = shell.resolve(name)
if fs.exists(target) then
    print("File already exists")
    return
end
local body = download(url)
if not body then return end
local handle, err = fs.open(target, "wb")
if not handle then
    printError("Cannot save file: " .. tostring(err))
    return
end
handle.write(body)
handle.close()
print("Downloaded as " .. name)
