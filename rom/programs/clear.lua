-- clear (clr): clear the screen, reset the palette, or both.
local args = { ... }
local what = args[1] or "screen"

local function clearScreen()
    term.clear()
    term.setCursorPos(1, 1)
end

local function resetPalette()
    for i = 0, 15 do
        local colour = 2 ^ i
        term.setPaletteColour(colour, term.nativePaletteColour(colour))
    end
end

if what == "screen" then
    clearScreen()
elseif what == "palette" then
    resetPalette()
elseif what == "all" then
    clearScreen()
    resetPalette()
else
    local name = arg[0] or fs.getName(shell.getRunningProgram())
    print("Usage:")
    print(name .. "         Clear the screen")
    print(name .. " screen  Clear the screen")
    print(name .. " palette Reset the palette")
    print(name .. " all     Clear the screen and reset the palette")
end
