--- cc.pretty: a pretty printer in the style of Wadler's "A prettier
-- printer". Documents are built from text, line breaks, nesting and groups;
-- a group is printed on one line when it fits, and broken up otherwise.

local expect_mod = dofile("rom/modules/main/cc/expect.lua")
local expect, field = expect_mod.expect, expect_mod.field

-- Colours used for values; the terminal colour constants, as numbers, so
-- the module works before (or without) the colours API.
local RED, MAGENTA, LIGHT_GREY = 0x4000, 0x4, 0x100

-- Document nodes are tables with a `tag`, laid out as CraftOS's (programs
-- may look inside): "nil" (empty); "text" {text, colour}; "line" {flat =
-- what it becomes in a group}; "concat" {n, [1..n]}; "nest" {depth, [1]};
-- "group" {[1] = flat form, [2] = broken form}.
local Doc = {}

local function node(tbl) return setmetatable(tbl, Doc) end
local function is_doc(value) return getmetatable(value) == Doc end

local empty = node({ tag = "nil" })
local space = node({ tag = "text", text = " " })
local line = node({ tag = "line", flat = empty })
local space_line = node({ tag = "line", flat = space })

-- "", " " and "\n" are always these shared documents, whatever the colour.
local shared = { [""] = empty, [" "] = space, ["\n"] = space_line }

local function plain_text(str, colour)
    return shared[str] or node({ tag = "text", text = str, colour = colour })
end

--- A document for `str` (optionally coloured). Each newline in it becomes
-- a hard space_line break (a group shows it as a space); empty lines are
-- kept.
local function text(str, colour)
    expect(1, str, "string")
    expect(2, colour, "number", "nil")
    if shared[str] or not str:find("\n", 1, true) then return plain_text(str, colour) end
    local parts, n = {}, 0
    local first = true
    for piece in (str .. "\n"):gmatch("([^\n]*)\n") do
        if not first then n = n + 1; parts[n] = space_line end
        first = false
        if piece ~= "" then n = n + 1; parts[n] = plain_text(piece, colour) end
    end
    parts.tag, parts.n = "concat", n
    return node(parts)
end

--- Documents (or strings) one after another. Also available as `..`.
local function concat(...)
    local parts = table.pack(...)
    for i = 1, parts.n do
        if type(parts[i]) == "string" then parts[i] = text(parts[i]) end
        if not is_doc(parts[i]) then expect(i, parts[i], "document") end
    end
    if parts.n == 0 then return empty end
    if parts.n == 1 then return parts[1] end
    parts.tag = "concat"
    return node(parts)
end

Doc.__concat = concat

--- Indent the lines after the first of `doc` by `depth` more spaces.
local function nest(depth, doc)
    expect(1, depth, "number")
    if not is_doc(doc) then expect(2, doc, "document") end
    if depth <= 0 then error("depth must be a positive number", 2) end
    return node({ tag = "nest", depth = depth, doc })
end

-- The one-line form of a document: line breaks replaced by their `flat`.
-- A concat's flat form is a new concat, remembered in `flat` on both (as
-- CraftOS does), so a group of texts is still a group.
local function flatten(doc)
    if doc.flat then return doc.flat end
    local tag = doc.tag
    if tag == "nil" or tag == "text" then return doc end
    if tag == "nest" then return flatten(doc[1]) end
    if tag == "group" then return doc[1] end
    local out = node({ tag = "concat", n = doc.n })
    for i = 1, doc.n do out[i] = flatten(doc[i]) end
    doc.flat, out.flat = out, out
    return out
end

--- Print `doc` on one line when it fits, else as written.
local function group(doc)
    if not is_doc(doc) then expect(1, doc, "document") end
    if doc.tag == "group" then return doc end
    local flat = flatten(doc)
    if flat == doc then return doc end
    return node({ tag = "group", flat, doc })
end

-- Room left on the line after a flat document, starting with `room`;
-- stops early once negative.
local function room_after(doc, room)
    local kind = doc.tag
    if kind == "text" then return room - #doc.text end
    if kind == "concat" then
        for i = 1, doc.n do
            room = room_after(doc[i], room)
            if room < 0 then break end
        end
        return room
    end
    if kind == "nest" or kind == "group" then return room_after(doc[1], room) end
    return room -- empty, line
end

-- Lay out `doc`, calling out.text(str, colour) and out.newline(indent).
-- `fits(flat, indent, col)` says whether a group's flat form fits.
local function layout(doc, out, fits)
    local function go(d, indent, col)
        local kind = d.tag
        if kind == "text" then
            out.text(d.text, d.colour)
            return col + #d.text
        elseif kind == "line" then
            out.newline(indent)
            return indent
        elseif kind == "concat" then
            for i = 1, d.n do col = go(d[i], indent, col) end
            return col
        elseif kind == "nest" then
            return go(d[1], indent + d.depth, col)
        elseif kind == "group" then
            if fits(d[1], indent, col) then return go(d[1], indent, col) end
            return go(d[2], indent, col)
        end
        return col -- empty
    end
    return go
end

-- The width a document may use on a line, given the ribbon fraction.
local function ribbon(width, ribbon_frac)
    local r = (ribbon_frac or 0.6) * width
    if r < 0 then return 0 end
    if r > width then return width end
    return r
end

--- Render a document as a string. Without `width` every group is flat.
local function render(doc, width, ribbon_frac)
    if not is_doc(doc) then expect(1, doc, "document") end
    expect(2, width, "number", "nil")
    expect(3, ribbon_frac, "number", "nil")

    local parts = {}
    local out = {
        text = function(str) parts[#parts + 1] = str end,
        newline = function(indent) parts[#parts + 1] = "\n" .. (" "):rep(indent) end,
    }
    local ribbon_width = width and ribbon(width, ribbon_frac)
    local function fits(flat, indent, col)
        if not width then return true end
        return room_after(flat, math.min(width, ribbon_width + indent) - col) >= 0
    end
    layout(doc, out, fits)(doc, 0, 0)
    return table.concat(parts)
end

Doc.__tostring = render

--- Write a document to the terminal, in colour, from the cursor position.
local function write(doc, ribbon_frac)
    if not is_doc(doc) then expect(1, doc, "document") end
    expect(2, ribbon_frac, "number", "nil")

    local width, height = term.getSize()
    local ribbon_width = ribbon(width, ribbon_frac)
    local default_colour = term.getTextColour()
    local colour = default_colour

    local out = {}
    function out.text(str, c)
        c = c or default_colour
        if c ~= colour then
            term.setTextColour(c)
            colour = c
        end
        _G.write(str)
    end
    function out.newline(indent)
        local _, y = term.getCursorPos()
        if y < height then
            term.setCursorPos(indent + 1, y + 1)
        else
            term.scroll(1)
            term.setCursorPos(indent + 1, height)
        end
    end
    local function fits(flat, indent, col)
        return room_after(flat, math.min(width, ribbon_width + indent) - col) >= 0
    end

    local start_col = math.max(term.getCursorPos() - 1, 0)
    layout(doc, out, fits)(doc, 0, start_col)
    if colour ~= default_colour then term.setTextColour(default_colour) end
end

--- write, then a newline.
local function print(doc, ribbon_frac)
    if not is_doc(doc) then expect(1, doc, "document") end
    expect(2, ribbon_frac, "number", "nil")
    write(doc, ribbon_frac)
    _G.write("\n")
end

local keywords = {}
-- Lua 5.1's reserved words, as CraftOS lists them: `goto` is shown bare.
for word in ([[and break do else elseif end false for function if in
    local nil not or repeat return then true until while]]):gmatch("%a+") do
    keywords[word] = true
end

-- Keys are shown strings first (sorted), then numbers (sorted), then the rest.
local function key_less(a, b)
    local ta, tb = type(a), type(b)
    if ta == "string" then return tb ~= "string" or a < b end
    if tb == "string" then return false end
    if ta == "number" then return tb ~= "number" or a < b end
    return false
end

local function describe_function(fn, options)
    local info = debug and debug.getinfo and debug.getinfo(fn, "Su")
    local name
    if options.function_source and info and info.short_src and info.linedefined and info.linedefined >= 1 then
        name = "function<" .. info.short_src .. ":" .. info.linedefined .. ">"
    else
        name = tostring(fn)
    end
    if options.function_args and info and info.what == "Lua" and info.nparams and debug.getlocal then
        local args = {}
        for i = 1, info.nparams do args[i] = debug.getlocal(fn, i) or "?" end
        if info.isvararg then args[#args + 1] = "..." end
        name = name .. "(" .. table.concat(args, ", ") .. ")"
    end
    return name
end

local pretty_value

-- Keys outside the array part 1..#tbl, in display order.
local function other_keys(tbl, length)
    local keys = {}
    for k in pairs(tbl) do
        if type(k) ~= "number" or k % 1 ~= 0 or k < 1 or k > length then keys[#keys + 1] = k end
    end
    table.sort(keys, key_less)
    return keys
end

local function pretty_entry(k, v, options, seen)
    if type(k) == "string" and not keywords[k] and k:match("^[%a_][%w_]*$") then
        return concat(text(k .. " = "), pretty_value(v, options, seen))
    end
    return concat(text("["), pretty_value(k, options, seen), text("] = "), pretty_value(v, options, seen))
end

local function pretty_table(tbl, options, seen)
    seen[tbl] = true
    local entries = {}
    -- Entries 1..#tbl are shown as a list (a nil among them as `nil`), the
    -- rest as keyed entries, as CraftOS does.
    local length = #tbl
    for i = 1, length do entries[#entries + 1] = pretty_value(tbl[i], options, seen) end
    for _, k in ipairs(other_keys(tbl, length)) do
        entries[#entries + 1] = pretty_entry(k, tbl[k], options, seen)
    end
    seen[tbl] = nil

    local body = { space_line }
    for i, entry in ipairs(entries) do
        if i > 1 then
            body[#body + 1] = text(",")
            body[#body + 1] = space_line
        end
        body[#body + 1] = entry
    end
    return group(concat(text("{"), nest(2, concat(table.unpack(body))), space_line, text("}")))
end

pretty_value = function(value, options, seen)
    local t = type(value)
    if t == "string" then
        -- %q writes a newline as backslash-newline; show it as \n instead.
        local quoted = string.format("%q", value):gsub("\\\n", "\\n")
        return text(quoted, RED)
    elseif t == "number" then
        return text(tostring(value), MAGENTA)
    elseif t == "function" then
        return text(describe_function(value, options), LIGHT_GREY)
    elseif t ~= "table" or seen[value] then
        return text(tostring(value), LIGHT_GREY)
    end
    local mt = getmetatable(value)
    if mt ~= nil and type(mt) == "table" and mt.__tostring then return text(tostring(value)) end
    if next(value) == nil then return text("{}") end
    return pretty_table(value, options, seen)
end

--- A document showing any Lua value the way the REPL does. options:
-- { function_args = boolean, function_source = boolean }.
local function pretty(value, options)
    expect(2, options, "table", "nil")
    options = options or {}
    return pretty_value(value, {
        function_source = field(options, "function_source", "boolean", "nil") or false,
        function_args = field(options, "function_args", "boolean", "nil") or false,
    }, {})
end

--- pretty, then print.
local function pretty_print(value, options, ribbon_frac)
    expect(2, options, "table", "nil")
    expect(3, ribbon_frac, "number", "nil")
    return print(pretty(value, options), ribbon_frac)
end

return {
    empty = empty,
    space = space,
    line = line,
    space_line = space_line,
    text = text,
    concat = concat,
    nest = nest,
    group = group,
    write = write,
    print = print,
    render = render,
    pretty = pretty,
    pretty_print = pretty_print,
}
