-- cc.internal.http.client: the Lua half of CraftOS's HTTP client.
-- Returns install(api, native), which adds request, get, post, CraftOS-PC's
-- put/delete/head/options/patch/trace, checkURL(Async) and websocket(Async)
-- to the http API. The natives answer with events; these wait for them.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

local methods = {
    GET = true, POST = true, HEAD = true, OPTIONS = true,
    PUT = true, DELETE = true, PATCH = true, TRACE = true,
}

-- A table-form field of the wrong type. Both CraftOS ROMs leave out the
-- closing parenthesis; programs may match on it, so we do too. Level 4 is
-- the caller of get/post/request (checkField <- checkOptions <- get).
local function checkField(options, key, ty, optional)
    local value = options[key]
    local vty = type(value)
    if (value ~= nil or not optional) and vty ~= ty then
        error(("bad field '%s' (%s expected, got %s"):format(key, ty, vty), 4)
    end
end

-- body: false = must be absent (get), true = required (post), nil = optional.
local function checkOptions(options, body)
    checkField(options, "url", "string")
    if body == false then
        checkField(options, "body", "nil")
    else
        checkField(options, "body", "string", not body)
    end
    checkField(options, "headers", "table", true)
    checkField(options, "method", "string", true)
    checkField(options, "redirect", "boolean", true)
    checkField(options, "timeout", "number", true)
    if options.method and not methods[options.method] then
        error("Unsupported HTTP method", 3)
    end
end

return function(api, native)
    local nativeRequest = native.request
    local nativeCheckURL = native.checkURL
    local nativeWebsocket = native.websocket

    -- Start a request and wait for its answer. Every other event is
    -- consumed meanwhile, as CraftOS does; terminate raises Terminated.
    local function wait(url, ...)
        local ok, err = nativeRequest(...)
        if not ok then return nil, err end
        while true do
            local event, p1, p2, p3 = os.pullEvent()
            if event == "http_success" and p1 == url then
                return p2
            elseif event == "http_failure" and p1 == url then
                return nil, p2, p3
            end
        end
    end

    function api.request(url, body, headers, binary)
        local actual
        if type(url) == "table" then
            checkOptions(url)
            actual = url.url
        else
            expect(1, url, "string")
            expect(2, body, "string", "nil")
            expect(3, headers, "table", "nil")
            expect(4, binary, "boolean", "nil")
            actual = url
        end
        local ok, err = nativeRequest(url, body, headers, binary)
        if not ok then os.queueEvent("http_failure", actual, err) end
        return ok, err
    end

    function api.get(url, headers, binary)
        if type(url) == "table" then
            checkOptions(url, false)
            return wait(url.url, url)
        end
        expect(1, url, "string")
        expect(2, headers, "table", "nil")
        expect(3, binary, "boolean", "nil")
        return wait(url, url, nil, headers, binary)
    end

    function api.post(url, body, headers, binary)
        if type(url) == "table" then
            checkOptions(url, true)
            return wait(url.url, url)
        end
        expect(1, url, "string")
        expect(2, body, "string")
        expect(3, headers, "table", "nil")
        expect(4, binary, "boolean", "nil")
        return wait(url, url, body, headers, binary)
    end

    -- CraftOS-PC's verb helpers: like post, with the method set.
    local function verb(method)
        return function(url, body, headers, binary)
            if type(url) == "table" then
                checkOptions(url, true)
                local options = {}
                for k, v in pairs(url) do options[k] = v end
                options.method = method
                return wait(url.url, options)
            end
            expect(1, url, "string")
            expect(2, body, "string")
            expect(3, headers, "table", "nil")
            expect(4, binary, "boolean", "nil")
            return wait(url, { url = url, body = body, headers = headers, binary = binary, method = method })
        end
    end
    api.put = verb("PUT")
    api.delete = verb("DELETE")
    api.head = verb("HEAD")
    api.options = verb("OPTIONS")
    api.patch = verb("PATCH")
    api.trace = verb("TRACE")

    api.checkURLAsync = nativeCheckURL

    function api.checkURL(url)
        expect(1, url, "string")
        local ok, err = nativeCheckURL(url)
        if not ok then return ok, err end
        while true do
            local _, u, good, reason = os.pullEvent("http_check")
            if u == url then return good, reason end
        end
    end

    local function checkWebsocketOptions(options)
        checkField(options, "url", "string")
        checkField(options, "headers", "table", true)
        checkField(options, "timeout", "number", true)
    end

    -- The argument checks are written out in both functions so their
    -- errors name the right function and the caller's line.
    function api.websocketAsync(url, headers)
        local actual = url
        if type(url) == "table" then
            checkWebsocketOptions(url)
            actual = url.url
        else
            expect(1, url, "string")
            expect(2, headers, "table", "nil")
        end
        local ok, err = nativeWebsocket(url, headers)
        if not ok then os.queueEvent("websocket_failure", actual, err) end
        return ok, err
    end

    -- Compares with the table's .url (CraftOS-PC's ROM compares the table
    -- itself and never returns).
    function api.websocket(url, headers)
        local actual = url
        if type(url) == "table" then
            checkWebsocketOptions(url)
            actual = url.url
        else
            expect(1, url, "string")
            expect(2, headers, "table", "nil")
        end
        local ok, err = nativeWebsocket(url, headers)
        if not ok then return ok, err end
        while true do
            local event, u, param = os.pullEvent()
            if event == "websocket_success" and u == actual then
                return param
            elseif event == "websocket_failure" and u == actual then
                return false, param
            end
        end
    end
end
