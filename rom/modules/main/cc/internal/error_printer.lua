-- cc.internal.error_printer: shows an error to the terminal as a list of
-- messages, where an "annotate" message marks a stretch of a source line:
--
--   | Line 3
--   | local x = t.y
--   |            ^
--
-- Internal to the ROM (cc.internal.exception's reports); not an API for
-- programs. Written for craftos; the layout follows CraftOS's module of the
-- same name.
--
-- The module is one function, print_error(context, messages): context has
-- get_pos(pos) -> line, column and get_line(pos) -> the text of the line
-- holding pos; each message is a string, a cc.pretty document, or
-- { tag = "annotate", start_pos = p, end_pos = q, msg = string|document }.

local pretty = dofile("rom/modules/main/cc/pretty.lua")
local expect_mod = dofile("rom/modules/main/cc/expect.lua")
local expect, field = expect_mod.expect, expect_mod.field
local wrap = dofile("rom/modules/main/cc/strings.lua").wrap

-- The colours annotations take in turn, and the bar that starts each line
-- of a code block.
local mark_colours = { colours.red, colours.green, colours.magenta, colours.orange }
local bar = pretty.text("\149", colours.cyan)

local function show(msg)
    if type(msg) == "table" then pretty.print(msg) else print(msg) end
end

-- Write msg from the cursor on, its continuation lines starting at the
-- same column: start_line(y) draws what comes before them on row y.
local function write_indented(msg, start_line)
    expect(1, msg, "string", "table")
    local x = term.getCursorPos()
    local width, height = term.getSize()
    local room = width - x + 1

    local function next_line()
        local _, y = term.getCursorPos()
        if y >= height then term.scroll(1) else y = y + 1 end
        start_line(y)
        term.setCursorPos(x, y)
    end

    local function write_wrapped(text, skip)
        local lines = wrap(string.rep(" ", skip) .. text, room)
        term.write(string.sub(lines[1], skip + 1))
        for i = 2, #lines do
            next_line()
            term.write(lines[i])
        end
    end

    if type(msg) == "string" then
        write_wrapped(msg, 0)
    else
        local default = term.getTextColour()
        local function walk(doc)
            if doc.tag == "text" then
                if doc.colour then term.setTextColour(doc.colour) end
                write_wrapped(doc.text, term.getCursorPos() - x)
                if doc.colour then term.setTextColour(default) end
            elseif doc.tag == "concat" then
                for i = 1, doc.n do walk(doc[i]) end
            elseif doc.tag ~= "nil" then
                error("Unknown doc " .. tostring(doc.tag))
            end
        end
        walk(msg)
    end
    print()
end

-- One annotation: the line number, the visible part of the line (with « »
-- where it is cut), a mark under the stretch, then the message, if any.
local function annotate(context, msg, colour, width)
    local line, col = context.get_pos(msg.start_pos)
    local end_line, end_col = context.get_pos(msg.end_pos)
    local contents = context.get_line(msg.start_pos)
    if end_line ~= line then end_col = #contents end

    -- The window onto the line starts at its beginning unless that would
    -- hide the mark: then as far left as still shows 10 characters past
    -- the start, 5 past the end, or the line's end, whichever is nearest.
    local first = math.max(1, math.min(col + 10, end_col + 5, #contents + 1) - width + 1)
    local from, to = first, first + width - 2
    local before, after = "", ""
    if first > 1 then
        from = from + 1
        before = pretty.text("\171", colours.grey)
    end
    if to < #contents then
        to = to - 1
        after = pretty.text("\187", colours.grey)
    end

    pretty.print(bar .. pretty.text("Line " .. line, colours.cyan))
    pretty.print(bar .. before .. pretty.text(string.sub(contents, from, to), colours.lightGrey) .. after)

    local _, y = term.getCursorPos()
    pretty.write(bar)
    local length = math.max(math.min(end_col, to) - col + 1, 1)
    term.setCursorPos(col - first + 2, y)
    term.blit(string.rep("\131", length), string.rep(colour, length), string.rep("f", length))
    print()

    if msg.msg ~= "" then
        term.blit("\149", colour, "f")
        write_indented(msg.msg, function(row)
            term.setCursorPos(1, row)
            term.blit("\149", colour, "f")
        end)
    end
end

return function(context, messages)
    expect(1, context, "table")
    expect(2, messages, "table")
    field(context, "get_pos", "function")
    field(context, "get_line", "function")
    if #messages == 0 then error("Message is empty", 2) end

    local width = term.getSize()
    local next_colour = 1
    for i = 1, #messages do
        if i > 1 then print() end
        local msg = messages[i]
        if type(msg) == "table" and msg.tag == "annotate" then
            local colour = colours.toBlit(mark_colours[next_colour])
            next_colour = next_colour % #mark_colours + 1
            annotate(context, msg, colour, width)
        else
            show(msg)
        end
    end
end
