-- redstone: show the redstone inputs, set an output (on/off, a strength
-- 0-15, or one colour of a bundled cable), or pulse an output.
local args = { ... }

local function usage()
    local name = arg[0] or fs.getName(shell.getRunningProgram())
    print("Usages:")
    print(name .. " probe")
    print(name .. " set <side> <value>")
    print(name .. " set <side> <color> <value>")
    print(name .. " pulse <side> <count> <period>")
end

-- The inputs that are on, then each bundled input's colours (in their own
-- colour on a colour screen).
local function probe()
    print("Redstone inputs: ")
    local on, bundled = {}, false
    for _, side in ipairs(redstone.getSides()) do
        if redstone.getBundledInput(side) > 0 then bundled = true end
        if redstone.getInput(side) then on[#on + 1] = side end
    end
    if #on == 0 then
        print("None.")
    else
        io.write(table.concat(on, ", "))
        print(".")
    end
    if not bundled then return end

    print()
    print("Bundled inputs:")
    local colour = term.isColour()
    for _, side in ipairs(redstone.getSides()) do
        local input = redstone.getBundledInput(side)
        if input ~= 0 then
            write(side .. ": ")
            local first = true
            for name, value in pairs(colors) do
                if type(value) == "number" and colors.test(input, value) then
                    if not first then write(", ") end
                    first = false
                    if colour then term.setTextColour(value) end
                    write(name)
                    if colour then term.setTextColour(colours.white) end
                end
            end
            print(".")
        end
    end
end

local function set(side, a, b)
    if b ~= nil then
        local colour = colors[a] or colours[a]
        if type(colour) ~= "number" then
            printError("No such color")
            return
        end
        if b == "true" then
            rs.setBundledOutput(side, colors.combine(rs.getBundledOutput(side), colour))
        elseif b == "false" then
            rs.setBundledOutput(side, colors.subtract(rs.getBundledOutput(side), colour))
        else
            print("Value must be boolean")
        end
        return
    end
    local strength = tonumber(a)
    if a == "true" or a == "false" then
        rs.setOutput(side, a == "true")
    elseif strength and strength >= 0 and strength <= 15 then
        rs.setAnalogOutput(side, strength)
    else
        print("Value must be boolean or 0-15")
    end
end

local function pulse(side, count, period)
    count, period = tonumber(count) or 1, tonumber(period) or 0.5
    for _ = 1, count do
        redstone.setOutput(side, true)
        sleep(period / 2)
        redstone.setOutput(side, false)
        sleep(period / 2)
    end
end

local command = args[1]
if command == "probe" then
    probe()
elseif command == "set" then
    if #args > 3 then set(args[2], args[3], args[4]) else set(args[2], args[3]) end
elseif command == "pulse" then
    pulse(args[2], args[3], args[4])
else
    usage()
end
