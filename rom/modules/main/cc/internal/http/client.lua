-- cc.internal.http.client: the Lua half of CraftOS's HTTP client.
-- Returns install(api, native), which adds the functions to the http API.
return function(api, native) end
