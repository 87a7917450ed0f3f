--- cc.strings: helpers for laying out text.

local expect_mod = dofile("rom/modules/main/cc/expect.lua")
local expect, range = expect_mod.expect, expect_mod.range

local function terminal_width()
    local width = term.getSize()
    return width
end

-- Append `word` (longer than `width`) to the lines, breaking it in pieces.
-- The first piece leaves one free column on the current line, as CC does.
local function push_long_word(state, word, width)
    while #word > 0 do
        local room = width - #state.current - 1
        if room <= 0 then
            state:push()
            room = width
        end
        state.current = state.current .. word:sub(1, room)
        word = word:sub(room + 1)
    end
end

--- Wrap `text` into lines of at most `width` characters (default: the
-- terminal width). Whitespace is kept at the end of lines; "\n" forces a break.
local function wrap(text, width)
    expect(1, text, "string")
    expect(2, width, "number", "nil")
    width = width or terminal_width()
    range(width, 1)

    local state = { lines = {}, current = "" }
    function state:push()
        self.lines[#self.lines + 1] = self.current
        self.current = ""
    end

    local pos = 1
    while pos <= #text do
        local spaces = text:match("^[ \t]+", pos)
        if spaces then
            state.current = state.current .. spaces
            pos = pos + #spaces
        elseif text:sub(pos, pos) == "\n" then
            state:push()
            pos = pos + 1
        else
            local word = text:match("^[^ \t\n]+", pos)
            pos = pos + #word
            if #word > width then
                push_long_word(state, word, width)
            else
                if width - #state.current < #word then state:push() end
                state.current = state.current .. word
            end
        end
    end
    state:push()

    -- Runs of whitespace may overflow a line: cut them at the width.
    for i, line in ipairs(state.lines) do state.lines[i] = line:sub(1, width) end
    return state.lines
end

--- Pad `line` with spaces, or cut it, to exactly `width` characters.
local function ensure_width(line, width)
    expect(1, line, "string")
    expect(2, width, "number", "nil")
    width = width or terminal_width()
    line = line:sub(1, width)
    if #line < width then line = line .. (" "):rep(width - #line) end
    return line
end

--- Split `str` on `separator` (a pattern unless `plain`), into at most
-- `limit` parts (the last part keeps the rest of the string).
local function split(str, separator, plain, limit)
    expect(1, str, "string")
    expect(2, separator, "string")
    expect(3, plain, "boolean", "nil")
    expect(4, limit, "number", "nil")

    local parts, pos = {}, 1
    while not limit or #parts < limit - 1 do
        local first, last = str:find(separator, pos, plain)
        if not first then break end
        if last < first then error("separator is empty", 2) end
        parts[#parts + 1] = str:sub(pos, first - 1)
        pos = last + 1
    end
    parts[#parts + 1] = str:sub(pos)
    return parts
end

return {
    wrap = wrap,
    ensure_width = ensure_width,
    split = split,
}
