-- cc.internal.http.server: the Lua half of CraftOS-PC's HTTP server API.
-- Returns install(api, native), which adds the functions to the http API.
return function(api, native) end
