-- pastebin: upload a file to pastebin.com, download a paste to a file, or
-- download a paste and run it with arguments.
local args = { ... }

local function usage()
    local name = arg[0] or fs.getName(shell.getRunningProgram())
    print("Usages:")
    print(name .. " put <filename>")
    print(name .. " get <code> <filename>")
    print(name .. " run <code> <arguments>")
end

if #args < 2 then
    usage()
    return
end

if not http then
    printError("Pastebin requires the http API, but it is not enabled")
    printError("Set http.enabled to true in CC: Tweaked's server config")
    return
end

-- A paste's id from the id itself or a pastebin.com address (with or
-- without the scheme, plain or /raw/).
local function pasteID(text)
    for _, pattern in ipairs({
        "^([%a%d]+)$",
        "^https?://pastebin.com/([%a%d]+)$",
        "^pastebin.com/([%a%d]+)$",
        "^https?://pastebin.com/raw/([%a%d]+)$",
        "^pastebin.com/raw/([%a%d]+)$",
    }) do
        local id = text:match(pattern)
        if id then return id end
    end
    return nil
end

-- The paste's text, or nil after saying why not.
local function download(code)
    local id = pasteID(code)
    if not id then
        io.stderr:write("Invalid pastebin code.\n")
        io.write("The code is the ID at the end of the pastebin.com URL.\n")
        return nil
    end

    write("Connecting to pastebin.com... ")
    -- A fresh query each time, so pastebin re-checks its spam protection
    -- rather than answering from a cache.
    local cacheBuster = ("%x"):format(math.random(0, 2 ^ 30))
    local response, err = http.get("https://pastebin.com/raw/" .. textutils.urlEncode(id) .. "?cb=" .. cacheBuster)
    if not response then
        io.stderr:write("Failed.\n")
        print(err)
        return nil
    end

    -- Spam protection answers with an HTML page instead of the text.
    local contentType = response.getResponseHeaders()["Content-Type"]
    if not contentType or not contentType:find("^text/plain") then
        io.stderr:write("Failed.\n")
        print("Pastebin blocked the download due to spam protection. Please complete the captcha in a web browser: https://pastebin.com/" .. textutils.urlEncode(id))
        return nil
    end

    print("Success.")
    local body = response.readAll()
    response.close()
    return body
end

local function put(file)
    local path = shell.resolve(file)
    if not fs.exists(path) or fs.isDir(path) then
        print("No such file")
        return
    end
    local handle = fs.open(path, "r")
    local text = handle.readAll()
    handle.close()

    write("Connecting to pastebin.com... ")
    local key = "0ec2eb25b6166c0c27a394ae118ad829"
    local response = http.post("https://pastebin.com/api/api_post.php",
        "api_option=paste&" ..
        "api_dev_key=" .. key .. "&" ..
        "api_paste_format=lua&" ..
        "api_paste_name=" .. textutils.urlEncode(fs.getName(path)) .. "&" ..
        "api_paste_code=" .. textutils.urlEncode(text))
    if not response then
        print("Failed.")
        return
    end
    print("Success.")
    local answer = response.readAll()
    response.close()
    print("Uploaded as " .. answer)
    print("Run \"pastebin get " .. string.match(answer, "[^/]+$") .. "\" to download anywhere")
end

local function get(code, file)
    local path = shell.resolve(file)
    if fs.exists(path) then
        print("File already exists")
        return
    end
    local body = download(code)
    if not body then return end
    local handle = fs.open(path, "w")
    handle.write(body)
    handle.close()
    print("Downloaded as " .. file)
end

local function run(code, ...)
    local body = download(code)
    if not body then return end
    local fn, err = load(body, code, "t", _ENV)
    if not fn then
        printError(err)
        return
    end
    local ok, runErr = pcall(fn, ...)
    if not ok then printError(runErr) end
end

local command = args[1]
if command == "put" then
    put(args[2])
elseif command == "get" then
    if #args < 3 then
        usage()
        return
    end
    get(args[2], args[3])
elseif command == "run" then
    run(args[2], table.unpack(args, 3))
else
    usage()
end
