-- lua: an interactive Lua prompt. Each line is run as an expression (its
-- values shown) when it is one, else as statements; exit() leaves.
local args = { ... }
if #args > 0 then
    print("This is an interactive Lua prompt.")
    print("To run a lua program, just type its name.")
    return
end

local pretty = require("cc.pretty")
local exception = require("cc.internal.exception")

local running = true
local history = {}
local env = setmetatable({}, { __index = getfenv and getfenv(1) or _G })
env._ENV = env
env.exit = setmetatable({}, {
    __tostring = function() return "Call exit() to exit." end,
    __call = function() running = false end,
})

-- Show a value the way the prompt does: tables and strings pretty-printed.
local function show(value)
    local ok, doc = pcall(pretty.pretty, value)
    if ok then
        pretty.print(doc)
    else
        print(tostring(value))
    end
end

local function complete(line)
    if not settings.get("lua.autocomplete") then return nil end
    local start = string.find(line, "[a-zA-Z0-9_%.:]+$")
    if start then line = string.sub(line, start) end
    if #line > 0 then return textutils.complete(line, env) end
    return nil
end

if term.isColour() then term.setTextColour(colours.yellow) end
print("Interactive Lua prompt.")
print("Call exit() to exit.")
term.setTextColour(colours.white)

while running do
    if term.isColour() then term.setTextColour(colours.yellow) end
    write("lua> ")
    term.setTextColour(colours.white)

    local line = read(nil, history, complete)
    if line == nil then break end -- end of input
    if string.find(line, "%S") then
        if history[#history] ~= line then history[#history + 1] = line end

        if settings.get("lua.warn_against_use_of_local") and string.find(line, "^%s*local%s+") then
            if term.isColour() then term.setTextColour(colours.yellow) end
            print("To access local variables in later inputs, remove the local keyword.")
            term.setTextColour(colours.white)
        end

        -- The expression form wins when the line is one; `forceShow` makes a
        -- bare expression show even a nil.
        local fn, err = load(line, "=lua", "t", env)
        local asExpression = load("return " .. line, "=lua", "t", env)
        local forceShow = 0
        local offset = 0 -- characters compiled in front of the line
        if asExpression then
            if not fn then forceShow = 1 end
            fn, err = asExpression, nil
            offset = #"return "
        end

        if fn then
            -- Run as the shell runs programs: an error is shown with a mark
            -- under the failing part of the line.
            local results = table.pack(exception.try(fn))
            if results[1] then
                local count = math.max(results.n - 1, forceShow)
                for i = 2, count + 1 do show(results[i]) end
            else
                printError(results[2])
                exception.report(results[2], results[3], { ["=lua"] = { contents = line, offset = offset } })
            end
        else
            printError(err)
        end
    end
end
