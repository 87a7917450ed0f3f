-- equip: equip an upgrade from the player's inventory on this pocket
-- computer, swapping out the one it had.
if not pocket then
    printError("Requires a Pocket Computer")
    return
end

local ok, err = pocket.equipBack()
if ok then
    print("Item equipped")
else
    printError(err)
end
