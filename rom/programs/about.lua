-- about: which CraftOS this is and what it runs on, in yellow.
term.setTextColour(colours.yellow)
print(os.version() .. " on " .. _HOST)
term.setTextColour(colours.white)
