-- unequip: take this pocket computer's upgrade off, back into the player's
-- inventory.
if not pocket then
    printError("Requires a Pocket Computer")
    return
end

local ok, err = pocket.unequipBack()
if ok then
    print("Item unequipped")
else
    printError(err)
end
