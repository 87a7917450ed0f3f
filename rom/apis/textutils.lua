--- textutils: formatting text, serialising Lua values and JSON.

local expect_mod = dofile("rom/modules/main/cc/expect.lua")
local expect, field = expect_mod.expect, expect_mod.field

-- Loaded on first use: cc.strings asks the terminal for its width.
local strings
local function wrap(text, width)
    strings = strings or dofile("rom/modules/main/cc/strings.lua")
    return strings.wrap(text, width)
end

local lua_keywords = {}
for word in ([[and break do else elseif end false for function goto if in
    local nil not or repeat return then true until while]]):gmatch("%a+") do
    lua_keywords[word] = true
end

local function is_identifier(key)
    return type(key) == "string" and not lua_keywords[key]
        and key:match("^[%a_][%w_]*$") ~= nil
end

---------------------------------------------------------------------------
-- Terminal output helpers
---------------------------------------------------------------------------

--- Write `text` one character at a time, `rate` characters per second.
function slowWrite(text, rate)
    expect(2, rate, "number", "nil")
    rate = rate or 20
    if rate < 0 then error("Rate must be positive", 2) end
    local delay = 1 / rate
    -- Wrap first so words never get split by the terminal mid-way.
    local width = term.getSize()
    local wrapped = table.concat(wrap(tostring(text), width), "\n")
    for i = 1, #wrapped do
        sleep(delay)
        write(wrapped:sub(i, i))
    end
end

--- slowWrite followed by a newline.
function slowPrint(text, rate)
    slowWrite(text, rate)
    print()
end

--- Format a time in hours (as from os.time) as "6:30 PM" or "18:30".
function formatTime(time, twentyFourHour)
    expect(1, time, "number")
    expect(2, twentyFourHour, "boolean", "nil")
    local suffix
    if not twentyFourHour then
        suffix = time >= 12 and "PM" or "AM"
        if time >= 13 then time = time - 12 end
    end
    local hour = math.floor(time)
    local minute = math.floor((time - hour) * 60)
    if suffix then
        return string.format("%d:%02d %s", hour == 0 and 12 or hour, minute, suffix)
    end
    return string.format("%d:%02d", hour, minute)
end

-- A scroll function for `target` which, once `free_lines` lines have
-- scrolled, asks for a key press before each further line.
local function paged_scroll(target, free_lines)
    local scroll = target.scroll
    -- craftos's plain terminal is a stream: nothing scrolls out of sight
    -- and no key can arrive, so it never pauses.
    local native = type(term.native) == "function" and term.native()
    if target == native and type(native.isPlain) == "function" and native.isPlain() then return scroll end
    local remaining = free_lines or 0
    return function(lines)
        for _ = 1, lines do
            scroll(1)
            if remaining > 0 then
                remaining = remaining - 1
            else
                local _, height = target.getSize()
                target.setCursorPos(1, height)
                target.write("Press any key to continue")
                os.pullEvent("key")
                target.clearLine()
                target.setCursorPos(1, height)
            end
        end
    end
end

--- Print `text`, pausing for a key press whenever the screen would scroll
-- past what the user has seen. Returns the number of lines printed.
function pagedPrint(text, free_lines)
    expect(2, free_lines, "number", "nil")
    if type(term.current) ~= "function" or type(term.redirect) ~= "function" then
        if text == nil then return print() end
        return print(text)
    end

    local previous = term.current()
    local paged = {}
    for name, fn in pairs(previous) do paged[name] = fn end
    paged.scroll = paged_scroll(previous, free_lines)
    term.redirect(paged)

    local lines
    local ok, err = pcall(function()
        if text == nil then lines = print() else lines = print(text) end
    end)
    term.redirect(previous)
    if not ok then error(err, 0) end
    return lines
end

-- Check the rows given to tabulate; returns the column width to use.
local function tabulate_width(args, width)
    local column = width / 8
    for i = 1, args.n do
        local row = args[i]
        if type(row) == "table" then
            for key, item in pairs(row) do
                local t = type(item)
                if t ~= "string" and t ~= "number" then
                    -- levels: 1 here, 2 tabulate_rows, 3 tabulate, 4 its caller
                    error(("bad argument #%d.%s (string expected, got %s)"):format(i, tostring(key), t), 4)
                end
                column = math.max(#tostring(item) + 1, column)
            end
        end
    end
    return column
end

local function tabulate_rows(paged, args)
    local width, height = term.getSize()
    local column = tabulate_width(args, width)
    local columns = math.floor(width / column)
    local printed = 0

    local function new_line()
        if paged and printed >= height - 3 then pagedPrint() else print() end
        printed = printed + 1
    end

    local function draw_row(row)
        local col = 1
        for _, item in ipairs(row) do
            if col > columns then
                col = 1
                new_line()
            end
            local _, y = term.getCursorPos()
            term.setCursorPos(1 + (col - 1) * column, y)
            term.write(tostring(item))
            col = col + 1
        end
        print()
    end

    local colour = term.getTextColour()
    for i = 1, args.n do
        local item = args[i]
        if type(item) == "table" then
            if #item > 0 then draw_row(item) end
        else
            term.setTextColour(item)
        end
    end
    term.setTextColour(colour)
end

--- Print rows (tables of strings) in aligned columns; numbers change the
-- text colour of the rows after them.
function tabulate(...)
    local args = table.pack(...)
    for i = 1, args.n do expect(i, args[i], "number", "table") end
    tabulate_rows(false, args)
end

--- tabulate, pausing when the output does not fit on the screen.
function pagedTabulate(...)
    local args = table.pack(...)
    for i = 1, args.n do expect(i, args[i], "number", "table") end
    tabulate_rows(true, args)
end

---------------------------------------------------------------------------
-- Lua serialisation
---------------------------------------------------------------------------

-- Whether `tbl` was met before: still open (a cycle) or already done.
local function track(tracking, tbl)
    local state = tracking[tbl]
    if state == false then error("Cannot serialize table with repeated entries", 0) end
    if state then error("Cannot serialize table with recursive entries", 0) end
    tracking[tbl] = true
end

local function untrack(tracking, tbl, opts)
    -- With allow_repetitions only open tables matter (cycles still fail).
    if opts.allow_repetitions then tracking[tbl] = nil else tracking[tbl] = false end
end

local INF = 1 / 0 -- not math.huge: some hosts define that as the largest finite number

local function serialize_number(n)
    if n ~= n then return "0/0" end
    if n == INF then return "1/0" end
    if n == -INF then return "-1/0" end
    return tostring(n)
end

local serialize_value

-- Layout strings for the normal and the compact format.
local layouts = {
    normal = { open = "{\n", step = "  ", key_open = "[ ", key_close = " ] = ", equals = " = ", comma = ",\n" },
    compact = { open = "{", step = "", key_open = "[", key_close = "]=", equals = "=", comma = "," },
}

local function serialize_table(tbl, tracking, indent, opts)
    track(tracking, tbl)
    local result
    if next(tbl) == nil then
        result = "{}"
    else
        local layout = opts.compact and layouts.compact or layouts.normal
        local inner = opts.compact and "" or indent .. layout.step
        local out = { layout.open }
        -- The array part first, in order and without metamethods.
        local in_array = {}
        local i = 1
        while rawget(tbl, i) ~= nil do
            in_array[i] = true
            out[#out + 1] = inner .. serialize_value(rawget(tbl, i), tracking, inner, opts) .. layout.comma
            i = i + 1
        end
        for key, value in next, tbl do
            if not in_array[key] then
                local entry
                if is_identifier(key) then
                    entry = key .. layout.equals
                else
                    entry = layout.key_open .. serialize_value(key, tracking, inner, opts) .. layout.key_close
                end
                out[#out + 1] = inner .. entry .. serialize_value(value, tracking, inner, opts) .. layout.comma
            end
        end
        out[#out + 1] = indent .. "}"
        result = table.concat(out)
    end
    untrack(tracking, tbl, opts)
    return result
end

serialize_value = function(value, tracking, indent, opts)
    local t = type(value)
    if t == "table" then return serialize_table(value, tracking, indent, opts) end
    if t == "string" then return string.format("%q", value) end
    if t == "number" then return serialize_number(value) end
    if t == "boolean" or t == "nil" then return tostring(value) end
    error("Cannot serialize type " .. t, 0)
end

--- Turn a value into Lua source text which `unserialize` reads back.
-- opts: { compact = boolean, allow_repetitions = boolean }.
function serialize(t, opts)
    expect(2, opts, "table", "nil")
    if opts then
        field(opts, "compact", "boolean", "nil")
        field(opts, "allow_repetitions", "boolean", "nil")
    else
        opts = {}
    end
    return serialize_value(t, {}, "", opts)
end

serialise = serialize

--- Read back a value written by `serialize`; nil if it is not valid.
function unserialize(s)
    expect(1, s, "string")
    local fn = load("return " .. s, "unserialize", "t", {})
    if not fn then return nil end
    local ok, result = pcall(fn)
    if ok then return result end
    return nil
end

unserialise = unserialize

---------------------------------------------------------------------------
-- JSON
---------------------------------------------------------------------------

-- Marker tables; read-only, and printed as their JSON form.
local function marker(json, name)
    local message = "attempt to mutate textutils." .. name
    return setmetatable({}, {
        __newindex = function() error(message, 2) end,
        __tostring = function() return json end,
    })
end

--- Serialises to `[]`, and is what an empty JSON array parses to.
empty_json_array = marker("[]", "empty_json_array")
--- Serialises to `null`; what `null` parses to with `parse_null`.
json_null = marker("null", "json_null")

-- UTF-8 encoding of a code point (the host may have no utf8 library).
local function utf8_char(code)
    if code < 0x80 then return string.char(code) end
    if code < 0x800 then
        return string.char(0xC0 + math.floor(code / 0x40), 0x80 + code % 0x40)
    end
    if code < 0x10000 then
        return string.char(0xE0 + math.floor(code / 0x1000),
            0x80 + math.floor(code / 0x40) % 0x40, 0x80 + code % 0x40)
    end
    return string.char(0xF0 + math.floor(code / 0x40000), 0x80 + math.floor(code / 0x1000) % 0x40,
        0x80 + math.floor(code / 0x40) % 0x40, 0x80 + code % 0x40)
end

-- Decode the UTF-8 sequence at `pos`: code point and next position. An
-- invalid byte is taken as the code point of the same value.
local function utf8_decode(s, pos)
    local b = s:byte(pos)
    local extra, code
    if b < 0x80 then return b, pos + 1
    elseif b >= 0xF8 then return b, pos + 1
    elseif b >= 0xF0 then extra, code = 3, b - 0xF0
    elseif b >= 0xE0 then extra, code = 2, b - 0xE0
    elseif b >= 0xC0 then extra, code = 1, b - 0xC0
    else return b, pos + 1 end
    for i = 1, extra do
        local c = s:byte(pos + i)
        if not c or c < 0x80 or c >= 0xC0 then return b, pos + 1 end
        code = code * 0x40 + (c - 0x80)
    end
    return code, pos + extra + 1
end

local json_escapes = {
    ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
    ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
}

local function hex_escape(c)
    return json_escapes[c] or ("\\u%04X"):format(c:byte())
end

-- A code point as JSON text: printable ASCII as is, others escaped,
-- beyond the BMP as a UTF-16 surrogate pair.
local function json_code_point(code)
    if code > 0xFFFF then
        code = code - 0x10000
        return ("\\u%04X\\u%04X"):format(0xD800 + math.floor(code / 0x400), 0xDC00 + code % 0x400)
    end
    if code < 0x80 then
        local c = string.char(code)
        if json_escapes[c] then return json_escapes[c] end
        if code >= 0x20 and code < 0x7F then return c end
    end
    return ("\\u%04X"):format(code)
end

local function json_string(s, opts)
    if opts.unicode_strings and s:find("[\128-\255]") then
        local out, pos = { '"' }, 1
        while pos <= #s do
            local code
            code, pos = utf8_decode(s, pos)
            out[#out + 1] = json_code_point(code)
        end
        out[#out + 1] = '"'
        return table.concat(out)
    end
    -- Without unicode_strings every byte is one character (0-255).
    return '"' .. s:gsub('[%c"\\\127-\255]', hex_escape) .. '"'
end

local json_value

-- Serialise a table as an object (when it has string keys or nothing in
-- its array part) or as an array up to its largest positive index.
local function json_table(tbl, tracking, opts)
    track(tracking, tbl)
    local result
    if next(tbl) == nil then
        result = "{}"
    else
        local members, largest = {}, 0
        for key, value in pairs(tbl) do
            if type(key) == "string" then
                local name = opts.nbt_style and key or json_string(key, opts)
                members[#members + 1] = name .. ":" .. json_value(value, tracking, opts)
            elseif type(key) == "number" and key > largest then
                largest = key
            end
        end
        if #members > 0 or largest < 1 then
            result = "{" .. table.concat(members, ",") .. "}"
        else
            local items = {}
            for i = 1, largest do
                local value = tbl[i]
                items[i] = value == nil and "null" or json_value(value, tracking, opts)
            end
            result = "[" .. table.concat(items, ",") .. "]"
        end
    end
    untrack(tracking, tbl, opts)
    return result
end

json_value = function(value, tracking, opts)
    if value == empty_json_array then return "[]" end
    if value == json_null then return "null" end
    local t = type(value)
    if t == "table" then return json_table(value, tracking, opts) end
    if t == "string" then return json_string(value, opts) end
    if t == "number" or t == "boolean" then return tostring(value) end
    error("Cannot serialize type " .. t, 0)
end

--- Serialise a value as JSON. `options` is either a boolean (nbt_style) or
-- { nbt_style, unicode_strings, allow_repetitions }.
function serializeJSON(t, options)
    expect(1, t, "table", "string", "number", "boolean")
    expect(2, options, "table", "boolean", "nil")
    if type(options) == "boolean" then
        options = { nbt_style = options }
    elseif type(options) == "table" then
        field(options, "nbt_style", "boolean", "nil")
        field(options, "unicode_strings", "boolean", "nil")
        field(options, "allow_repetitions", "boolean", "nil")
    else
        options = {}
    end
    return json_value(t, {}, options)
end

serialiseJSON = serializeJSON

-- JSON parsing. Positions are byte offsets; errors are raised as
-- { pos, msg } tables (with `parse_error_mt`) and turned into messages.
local parse_error_mt = {}

local function parse_error(pos, msg, ...)
    if select("#", ...) > 0 then msg = msg:format(...) end
    error(setmetatable({ pos = pos, msg = msg }, parse_error_mt), 0)
end

local function describe_char(c)
    if c == "" then return "end of input" end
    return ("%q"):format(c)
end

local function expected(pos, c, what)
    parse_error(pos, "Unexpected %s, expected %s.", describe_char(c), what)
end

local function skip_space(s, pos)
    local _, last = s:find("^[ \n\r\t]+", pos)
    return last and last + 1 or pos
end

local string_escapes = {
    b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ["/"] = "/", ["\\"] = "\\",
}

-- The four hex digits of a \u escape at `pos` (just after the "u").
local function read_hex4(s, pos, escape_start)
    local digits = s:match("^%x%x%x%x", pos)
    if not digits then parse_error(escape_start, "Malformed unicode escape %q.", s:sub(pos, pos + 3)) end
    return tonumber(digits, 16)
end

-- A \uXXXX escape starting at `pos` (the backslash); joins surrogate pairs.
local function read_unicode_escape(s, pos)
    local code = read_hex4(s, pos + 2, pos)
    local next_pos = pos + 6
    if code >= 0xD800 and code <= 0xDBFF and s:sub(next_pos, next_pos + 1) == "\\u" then
        local low = read_hex4(s, next_pos + 2, next_pos)
        if low >= 0xDC00 and low <= 0xDFFF then
            code = 0x10000 + (code - 0xD800) * 0x400 + (low - 0xDC00)
            next_pos = next_pos + 6
        end
    end
    return utf8_char(code), next_pos
end

-- A string whose opening quote is just before `pos`; returns value, next pos.
local function parse_string(s, pos, quote)
    local parts = {}
    -- Runs of ordinary characters: printable, not a backslash or the quote.
    local plain = quote == "'" and "^[^%c'\\]+" or '^[^%c"\\]+'
    while true do
        local c = s:sub(pos, pos)
        if c == "" then parse_error(pos, "Unexpected end of input, expected '%s'.", quote) end
        if c == quote then return table.concat(parts), pos + 1 end
        if c == "\\" then
            local e = s:sub(pos + 1, pos + 1)
            if e == "" then parse_error(pos, "Unexpected end of input, expected escape sequence.") end
            if e == "u" then
                parts[#parts + 1], pos = read_unicode_escape(s, pos)
            elseif string_escapes[e] then
                parts[#parts + 1], pos = string_escapes[e], pos + 2
            else
                parse_error(pos + 1, "Unknown escape character %q.", e)
            end
        elseif c:byte() < 0x20 then
            parse_error(pos, "Unescaped whitespace %q.", c)
        else
            local run = s:match(plain, pos) or c -- DEL (a %c) is allowed
            parts[#parts + 1] = run
            pos = pos + #run
        end
    end
end

local nbt_number_suffix = { b = true, B = true, s = true, S = true, l = true, L = true,
    f = true, F = true, d = true, D = true }

-- tonumber, with a fallback for hosts whose tonumber rejects "1e3".
local function to_number(numeral)
    local value = tonumber(numeral)
    if value then return value end
    local mantissa, exponent = numeral:match("^(.-)[eE]([-+]?%d+)$")
    return tonumber(mantissa) * 10 ^ tonumber(exponent)
end

-- A number per the JSON grammar: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
local function parse_number(s, pos, opts)
    local p = pos
    if s:sub(p, p) == "-" then p = p + 1 end
    local int = s:match("^%d+", p)
    if not int or (#int > 1 and int:sub(1, 1) == "0") then
        parse_error(pos, "Malformed number %q.", s:match("^[-+%w.]*", pos))
    end
    p = p + #int
    local frac = s:match("^%.%d*", p)
    if frac then
        if #frac == 1 then parse_error(pos, "Malformed number %q.", s:match("^[-+%w.]*", pos)) end
        p = p + #frac
    end
    local exp = s:match("^[eE][-+]?%d*", p)
    if exp then
        if not exp:find("%d") then parse_error(pos, "Malformed number %q.", s:match("^[-+%w.]*", pos)) end
        p = p + #exp
    end
    local value = to_number(s:sub(pos, p - 1))
    if opts.nbt_style and nbt_number_suffix[s:sub(p, p)] then p = p + 1 end
    return value, p
end

local parse_value

local function parse_object(s, pos, opts)
    local obj = {}
    pos = skip_space(s, pos + 1)
    local c = s:sub(pos, pos)
    if c == "}" then return obj, pos + 1 end
    while true do
        local key
        if c == '"' then
            key, pos = parse_string(s, pos + 1, '"')
        elseif opts.nbt_style and c == "'" then
            key, pos = parse_string(s, pos + 1, "'")
        elseif opts.nbt_style and c:match("[%a_]") then
            key = s:match("^[%a_][%w_]*", pos)
            pos = pos + #key
        else
            expected(pos, c, "object key")
        end

        pos = skip_space(s, pos)
        c = s:sub(pos, pos)
        if c ~= ":" then expected(pos, c, "':'") end
        local value
        value, pos = parse_value(s, skip_space(s, pos + 1), opts)
        obj[key] = value

        pos = skip_space(s, pos)
        c = s:sub(pos, pos)
        if c == "}" then return obj, pos + 1 end
        if c ~= "," then expected(pos, c, "',' or '}'") end
        pos = skip_space(s, pos + 1)
        c = s:sub(pos, pos)
    end
end

local nbt_array_types = { B = true, I = true, L = true }

local function parse_array(s, pos, opts)
    local arr, n = {}, 0
    pos = skip_space(s, pos + 1)
    -- NBT typed arrays: [B; 1, 2], [I; ...], [L; ...]
    if opts.nbt_style and nbt_array_types[s:sub(pos, pos)] and s:sub(pos + 1, pos + 1) == ";" then
        pos = skip_space(s, pos + 2)
    end
    local c = s:sub(pos, pos)
    if c == "]" then
        if opts.parse_empty_array == false then return {}, pos + 1 end
        return empty_json_array, pos + 1
    end
    while true do
        n = n + 1
        arr[n], pos = parse_value(s, pos, opts)
        pos = skip_space(s, pos)
        c = s:sub(pos, pos)
        if c == "]" then return arr, pos + 1 end
        if c ~= "," then expected(pos, c, "',' or ']'") end
        pos = skip_space(s, pos + 1)
    end
end

-- Literal words: value when matched.
local function parse_literal(s, pos, opts)
    if s:sub(pos, pos + 3) == "true" then return true, pos + 4 end
    if s:sub(pos, pos + 4) == "false" then return false, pos + 5 end
    if s:sub(pos, pos + 3) == "null" then
        if opts.parse_null then return json_null, pos + 4 end
        return nil, pos + 4
    end
    parse_error(pos, "Unexpected character %q.", s:sub(pos, pos))
end

parse_value = function(s, pos, opts)
    local c = s:sub(pos, pos)
    if c == '"' then return parse_string(s, pos + 1, '"') end
    if c == "'" and opts.nbt_style then return parse_string(s, pos + 1, "'") end
    if c == "{" then return parse_object(s, pos, opts) end
    if c == "[" then return parse_array(s, pos, opts) end
    if c == "-" or c:match("^%d$") then return parse_number(s, pos, opts) end
    if c == "" then parse_error(pos, "Unexpected end of input.") end
    return parse_literal(s, pos, opts)
end

-- Line and column (both from 1) of byte `pos` in `s`.
local function line_and_column(s, pos)
    local line, line_start = 1, 1
    for newline in s:sub(1, pos - 1):gmatch("()\n") do
        line, line_start = line + 1, newline + 1
    end
    return line, pos - line_start + 1
end

local function parse_failure(s, pos, msg)
    local line, column = line_and_column(s, pos)
    return nil, ("Malformed JSON at position %d (line %d, column %d): %s"):format(pos, line, column, msg)
end

--- Parse a JSON document. Returns the value, or nil and a message giving the
-- position (line and column) of the problem. options:
-- { nbt_style, parse_null, parse_empty_array }.
function unserializeJSON(s, options)
    expect(1, s, "string")
    expect(2, options, "table", "nil")
    if options then
        field(options, "nbt_style", "boolean", "nil")
        field(options, "parse_null", "boolean", "nil")
        field(options, "parse_empty_array", "boolean", "nil")
    else
        options = {}
    end

    local ok, value, pos = pcall(parse_value, s, skip_space(s, 1), options)
    if not ok then
        if type(value) == "table" and getmetatable(value) == parse_error_mt then
            return parse_failure(s, value.pos, value.msg)
        end
        error(value, 0)
    end
    pos = skip_space(s, pos)
    if pos <= #s then
        return parse_failure(s, pos, ("Unexpected trailing character %q."):format(s:sub(pos, pos)))
    end
    return value
end

unserialiseJSON = unserializeJSON

---------------------------------------------------------------------------
-- Misc
---------------------------------------------------------------------------

--- Encode a string for use in a URL query: spaces become "+", other
-- unsafe bytes %XX (bytes >= 128 as the UTF-8 of that code point).
function urlEncode(str)
    expect(1, str, "string")
    str = str:gsub("\n", "\r\n")
    return (str:gsub("[^%w%-_%.]", function(c)
        if c == " " then return "+" end
        local n = c:byte()
        if n < 128 then return ("%%%02X"):format(n) end
        return ("%%%02X%%%02X"):format(0xC0 + math.floor(n / 64), 0x80 + n % 64)
    end))
end

-- Follow `a.b.c` (and a final `x:`) from `root`; nil when a part is not a table.
local function resolve_prefix(text, root)
    local tbl, start = root, 1
    while true do
        local dot = text:find(".", start, true)
        if not dot then break end
        tbl = tbl[text:sub(start, dot - 1)]
        if type(tbl) ~= "table" then return nil end
        start = dot + 1
    end
    local colon = text:find(":", start, true)
    if colon then
        tbl = tbl[text:sub(start, colon - 1)]
        if type(tbl) ~= "table" then return nil end
        start = colon + 1
    end
    return tbl, text:sub(start), colon ~= nil
end

local function is_callable(v)
    if type(v) == "function" then return true end
    local mt = type(v) == "table" and getmetatable(v)
    return type(mt) == "table" and (type(mt.__call) == "function" or type(mt.__call) == "table")
end

-- The completion for key `k` of value `v`, or nil if it does not fit.
local function completion_for(k, v, part, method)
    if type(k) ~= "string" or k:sub(1, #part) ~= part or not is_identifier(k) then return nil end
    local rest = k:sub(#part + 1)
    if method then
        if is_callable(v) then return rest .. "(" end
        return nil
    end
    if type(v) == "function" then return rest .. "(" end
    if type(v) == "table" and next(v) ~= nil then return rest .. "." end
    return rest
end

--- Completions of a partial Lua expression (`"pri"`, `"string.fo"`,
-- `"s:su"`) against `env` (default _G), following __index tables.
function complete(text, env)
    expect(1, text, "string")
    expect(2, env, "table", "nil")
    if lua_keywords[text] then return {} end
    local tbl, part, method = resolve_prefix(text, env or _G)
    if not tbl then return {} end

    local results, seen = {}, {}
    while tbl do
        for k, v in pairs(tbl) do
            if not seen[k] then
                seen[k] = true
                local completion = completion_for(k, v, part, method)
                if completion then results[#results + 1] = completion end
            end
        end
        local mt = getmetatable(tbl)
        tbl = type(mt) == "table" and type(mt.__index) == "table" and mt.__index or nil
    end
    table.sort(results)
    return results
end
