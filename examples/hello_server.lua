-- A hello-world HTTP server on CraftOS-PC's server API.
-- Run: craftos run examples/hello_server.lua [port]
-- Then: curl http://127.0.0.1:8080/   (Ctrl+C or Ctrl+T stops it)
local port = tonumber(arg[1]) or 8080
print("Listening on http://127.0.0.1:" .. port .. "/")
http.listen(port, function(req, res)
    res.setResponseHeader("Content-Type", "text/plain")
    res.write("Hello from CraftOS! You asked for " .. req.getURL() .. "\n")
    res.close()
end)
