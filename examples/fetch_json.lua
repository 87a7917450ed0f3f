-- fetch_json.lua: fetch a JSON document over HTTP and print one field.
--
--   craftos examples/fetch_json.lua URL [FIELD]
--       FIELD is a dotted path into the document (default: the whole
--       document, pretty-printed), e.g. "name" or "list.2".
--   craftos examples/fetch_json.lua
--       with no URL, the program serves a sample document on a local port
--       itself (CraftOS-PC's http.listen) and fetches that: a computer can
--       call its own server, since loopback is allowed by default.
--
-- Examples:
--   craftos examples/fetch_json.lua                    --> craftos
--   craftos examples/fetch_json.lua "" list.2          --> 20
--   craftos examples/fetch_json.lua https://api.github.com/repos/cc-tweaked/CC-Tweaked stargazers_count

local url, field = ...
if url == "" then url = nil end

local function fetch(target)
    local res, err, errRes = http.get(target, { Accept = "application/json" })
    if not res then
        if errRes then errRes.close() end
        error(("%s: %s"):format(target, err), 0)
    end
    local body = res.readAll()
    res.close()
    local doc, jsonErr = textutils.unserialiseJSON(body)
    if doc == nil then error(("%s: not JSON (%s)"):format(target, tostring(jsonErr)), 0) end
    return doc
end

-- pick walks a dotted path ("a.b.1") into a decoded document.
local function pick(doc, path)
    local value = doc
    for key in path:gmatch("[^.]+") do
        if type(value) ~= "table" then return nil end
        local v = value[key]
        if v == nil then v = value[tonumber(key)] end
        value = v
    end
    return value
end

local function show(doc)
    local value = doc
    if field then
        value = pick(doc, field)
        if value == nil then error(("no field %q"):format(field), 0) end
    end
    if type(value) == "table" then
        print(textutils.serialiseJSON(value))
    else
        print(tostring(value))
    end
end

local function main()
    if url then return show(fetch(url)) end
    -- No URL: serve a sample document and fetch it from a second coroutine.
    field = field or "name"
    local port = 8642
    local sample = textutils.serialiseJSON({ name = "craftos", list = { 10, 20, 30 }, nested = { ok = true } })
    parallel.waitForAny(
        function()
            http.listen(port, function(req, res)
                res.setResponseHeader("Content-Type", "application/json")
                res.write(sample)
                res.close()
            end)
        end,
        function() show(fetch(("http://127.0.0.1:%d/sample.json"):format(port))) end
    )
end

local ok, err = pcall(main)
if not ok then
    printError(err)
    os.shutdown(1) -- craftos: the exit status
end
