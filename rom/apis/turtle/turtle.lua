-- The ROM half of the turtle API, loaded by the bios over the native
-- `turtle` table on turtles only: it keeps the natives as turtle.native and
-- adds turtle.craft while a crafting table (a "workbench" upgrade) is
-- equipped, as CraftOS's turtle API does.

if not turtle then
    error("Cannot load turtle API on computer", 2)
end

--- The native turtle functions, without what this API adds.
native = turtle.native or turtle

local api = _ENV

-- craft goes to the workbench peripheral on whichever side holds one, and
-- is nil when neither does.
local function updateCraft(target)
    local side
    if peripheral.getType("left") == "workbench" then
        side = "left"
    elseif peripheral.getType("right") == "workbench" then
        side = "right"
    end
    if side then
        target.craft = function(...) return peripheral.call(side, "craft", ...) end
    else
        target.craft = nil
    end
end

for name, fn in pairs(native) do
    if name == "equipLeft" or name == "equipRight" then
        -- Equipping may add or remove the workbench: update the loaded
        -- API's craft afterwards.
        api[name] = function(...)
            local ok, err = fn(...)
            updateCraft(turtle)
            return ok, err
        end
    else
        api[name] = fn
    end
end
updateCraft(api)
