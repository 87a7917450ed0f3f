-- A small JSON API: a to-do list kept in memory.
-- Run: craftos run examples/json_api.lua [port]
--   curl http://127.0.0.1:8080/todos
--   curl -X POST -d '{"title":"buy milk"}' http://127.0.0.1:8080/todos
--   curl http://127.0.0.1:8080/todos/1
--   curl -X DELETE http://127.0.0.1:8080/todos/1
--   curl -X POST http://127.0.0.1:8080/stop
local port = tonumber(arg[1]) or 8080
local todos, nextID = {}, 1

local function reply(res, status, value)
    res.setStatusCode(status)
    res.setResponseHeader("Content-Type", "application/json")
    res.write(textutils.serializeJSON(value))
    res.close()
end

local function list()
    local out = {}
    for id = 1, nextID - 1 do
        if todos[id] then out[#out + 1] = todos[id] end
    end
    return out
end

-- Routes: method + pattern → handler(req, res, capture).
local routes = {
    { "GET", "^/todos$", function(req, res) reply(res, 200, list()) end },
    { "POST", "^/todos$", function(req, res)
        local body = textutils.unserializeJSON(req.readAll())
        if type(body) ~= "table" or type(body.title) ~= "string" then
            return reply(res, 400, { error = "expected {\"title\": string}" })
        end
        local todo = { id = nextID, title = body.title, done = false }
        todos[nextID], nextID = todo, nextID + 1
        reply(res, 201, todo)
    end },
    { "GET", "^/todos/(%d+)$", function(req, res, id)
        local todo = todos[tonumber(id)]
        if todo then reply(res, 200, todo) else reply(res, 404, { error = "no such todo" }) end
    end },
    { "DELETE", "^/todos/(%d+)$", function(req, res, id)
        if todos[tonumber(id)] then
            todos[tonumber(id)] = nil
            reply(res, 200, { deleted = tonumber(id) })
        else
            reply(res, 404, { error = "no such todo" })
        end
    end },
    { "POST", "^/stop$", function(req, res)
        reply(res, 200, { stopping = true })
        return true -- returning true ends http.listen
    end },
}

print("JSON API on http://127.0.0.1:" .. port .. "/todos")
http.listen(port, function(req, res)
    local path = req.getURL():gsub("%?.*$", "")
    local pathMatched = false
    for _, route in ipairs(routes) do
        local capture = path:match(route[2])
        if capture then
            pathMatched = true
            if req.getMethod() == route[1] then
                return route[3](req, res, capture)
            end
        end
    end
    if pathMatched then
        reply(res, 405, { error = "method not allowed" })
    else
        reply(res, 404, { error = "not found" })
    end
end)
print("Stopped")
