--- colours: the colors API with British spellings. As in CraftOS,
-- `grey`/`lightGrey` replace `gray`/`lightGray`.

local base = colors
if type(base) ~= "table" then
    -- Loaded before (or without) colors: build our own copy of it.
    base = setmetatable({}, { __index = _G })
    local fn = assert(loadfile("rom/apis/colors.lua", "t", base))
    fn()
end

-- The API's environment; gopher-lua has no _ENV, only getfenv.
local env = _ENV or getfenv(1)
for name, value in pairs(base) do
    if name ~= "gray" and name ~= "lightGray" then env[name] = value end
end
grey = base.gray
lightGrey = base.lightGray
