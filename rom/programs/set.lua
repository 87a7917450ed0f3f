-- set: list settings, show one, or change one (saved to /.settings).
local pretty = require("cc.pretty")
local args = { ... }

if #args == 0 then
    local lines = {}
    for i, name in ipairs(settings.getNames()) do
        lines[i] = textutils.serialize(name) .. " is " .. textutils.serialize(settings.get(name))
    end
    local _, y = term.getCursorPos()
    textutils.pagedPrint(table.concat(lines, "\n"), y - 3)
elseif #args == 1 then
    local name = args[1]
    local details = settings.getDetails(name)
    local message = pretty.text(name, colours.cyan) .. " is " .. pretty.pretty(details.value)
    if details.default ~= nil and details.value ~= details.default then
        message = message .. " (default is " .. pretty.pretty(details.default) .. ")"
    end
    pretty.print(message)
    if details.description then print(details.description) end
else
    local name, text = args[1], args[2]
    local value
    if text == "true" then
        value = true
    elseif text == "false" then
        value = false
    elseif text == "nil" then
        value = nil
    elseif tonumber(text) then
        value = tonumber(text)
    else
        value = text
    end

    local details = settings.getDetails(name)
    if value == nil then
        settings.unset(name)
        print(textutils.serialize(name) .. " unset")
    elseif details.type and details.type ~= type(value) then
        printError(("%s is not a valid %s."):format(textutils.serialize(text), details.type))
    else
        settings.set(name, value)
        print(textutils.serialize(name) .. " set to " .. textutils.serialize(value))
    end
    if value ~= details.value then settings.save() end
end
