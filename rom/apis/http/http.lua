-- The http API: the natives, plus the Lua functions CraftOS writes in its
-- ROM. The client half (request, get, post, checkURL, websocket) and the
-- server half (listen) are in cc.internal.http.client and .server.

local native = http
local api = getfenv(1)
for name, fn in pairs(native) do api[name] = fn end

local function part(name)
    local fn = assert(loadfile("rom/modules/main/cc/internal/http/" .. name .. ".lua", nil, _G))
    fn()(api, native)
end
part("client")
part("server")
