-- Spec for rom/apis/textutils.lua (runs in craftos and under plain lua5.2).
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
local textutils = h.api("textutils")

describe("textutils.serialize", function()
    it("writes scalars", function()
        expect(textutils.serialize(1)).toBe("1")
        expect(textutils.serialize(1.5)).toBe("1.5")
        expect(textutils.serialize(-3)).toBe("-3")
        expect(textutils.serialize(1e100)).toBe("1e+100")
        expect(textutils.serialize(true)).toBe("true")
        expect(textutils.serialize(nil)).toBe("nil")
        expect(textutils.serialize("hi")).toBe('"hi"')
        expect(textutils.serialize("a\nb\"c\\")).toBe('"a\\\nb\\"c\\\\"')
        expect(textutils.serialize(0 / 0)).toBe("0/0")
        expect(textutils.serialize(1 / 0)).toBe("1/0")
        expect(textutils.serialize(-1 / 0)).toBe("-1/0")
    end)

    it("writes tables with one entry a line", function()
        expect(textutils.serialize({})).toBe("{}")
        expect(textutils.serialize({ 1, 2, 3 })).toBe("{\n  1,\n  2,\n  3,\n}")
        expect(textutils.serialize({ 1, 2, 3, a = 1, b = {} })).toBeOneOf({
            "{\n  1,\n  2,\n  3,\n  a = 1,\n  b = {},\n}",
            "{\n  1,\n  2,\n  3,\n  b = {},\n  a = 1,\n}",
        })
        expect(textutils.serialize({ { 1 } })).toBe("{\n  {\n    1,\n  },\n}")
        expect(textutils.serialize({ x = { y = "z" } })).toBe('{\n  x = {\n    y = "z",\n  },\n}')
    end)

    it("brackets keys that are not identifiers", function()
        expect(textutils.serialize({ ["a b"] = 1 })).toBe('{\n  [ "a b" ] = 1,\n}')
        expect(textutils.serialize({ ["end"] = 1 })).toBe('{\n  [ "end" ] = 1,\n}')
        expect(textutils.serialize({ [false] = 1 })).toBe("{\n  [ false ] = 1,\n}")
        expect(textutils.serialize({ [5] = "x" })).toBe('{\n  [ 5 ] = "x",\n}')
        expect(textutils.serialize({ [1.5] = 2 })).toBe("{\n  [ 1.5 ] = 2,\n}")
        expect(textutils.serialize({ _a1 = 1 })).toBe("{\n  _a1 = 1,\n}")
    end)

    it("stops the array part at the first nil", function()
        expect(textutils.serialize({ 1, nil, 3 })).toBe("{\n  1,\n  [ 3 ] = 3,\n}")
    end)

    it("has a compact form", function()
        expect(textutils.serialize({ 1, 2, 3, a = 1, [false] = {} }, { compact = true }))
            .toBeOneOf({ "{1,2,3,a=1,[false]={},}", "{1,2,3,[false]={},a=1,}" })
        expect(textutils.serialize({ 1, { 2 } }, { compact = true })).toBe("{1,{2,},}")
        expect(textutils.serialize({}, { compact = true })).toBe("{}")
    end)

    it("rejects repeated and recursive tables", function()
        local rep = {}
        expect(function() textutils.serialize({ rep, rep }) end)
            .toError("Cannot serialize table with repeated entries")
        local rec = {}
        rec[1] = rec
        expect(function() textutils.serialize(rec) end)
            .toError("Cannot serialize table with recursive entries")
        expect(function() textutils.serialize(rec, { allow_repetitions = true }) end)
            .toError("Cannot serialize table with recursive entries")
    end)

    it("allows repetitions when asked", function()
        local rep = { 1 }
        expect(textutils.serialize({ rep, rep }, { allow_repetitions = true }))
            .toBe("{\n  {\n    1,\n  },\n  {\n    1,\n  },\n}")
    end)

    it("rejects functions and threads", function()
        expect(function() textutils.serialize(print) end).toError("Cannot serialize type function")
        expect(function() textutils.serialize({ f = print }) end).toError("Cannot serialize type function")
        expect(function() textutils.serialize(coroutine.create(print)) end).toError("Cannot serialize type thread")
    end)

    it("ignores metatables", function()
        local base = { "a", x = 2 }
        expect(textutils.serialize(setmetatable({}, { __index = base }))).toBe("{}")
        expect(textutils.serialize(setmetatable({ 1 }, { __index = base }))).toBe("{\n  1,\n}")
    end)

    it("checks its arguments", function()
        expect(textutils.serialize).toError("bad argument #2 (table expected, got number)", {}, 1)
        expect(textutils.serialize)
            .toError("bad field 'compact' (boolean expected, got number)", {}, { compact = 1 })
    end)

    it("has a British alias", function()
        expect(textutils.serialise).toBe(textutils.serialize)
        expect(textutils.unserialise).toBe(textutils.unserialize)
    end)
end)

describe("textutils.unserialize", function()
    it("round trips", function()
        local values = {
            { 1, 2, 3 }, { a = 1, b = { c = "d" } }, { [true] = false, ["x y"] = 0.25 },
            "a string\n\0with bytes\255", 42, -0.5, true, {},
        }
        for _, v in ipairs(values) do
            expect(textutils.unserialize(textutils.serialize(v))).toEqual(v)
            expect(textutils.unserialize(textutils.serialize(v, { compact = true }))).toEqual(v)
        end
        local inf = textutils.unserialize(textutils.serialize({ 1 / 0, -1 / 0 }))
        expect(inf).toEqual({ 1 / 0, -1 / 0 })
    end)

    it("returns nil for bad input", function()
        expect(textutils.unserialize("{")).toBe(nil)
        expect(textutils.unserialize("")).toBe(nil)
        expect(textutils.unserialize("print('x')")).toBe(nil) -- no globals
        expect(textutils.unserialize("error('x')")).toBe(nil)
    end)

    it("checks its arguments", function()
        expect(textutils.unserialize).toError("bad argument #1 (string expected, got nil)", nil)
    end)
end)

describe("textutils.serializeJSON", function()
    local ser = textutils.serializeJSON

    it("writes scalars", function()
        expect(ser(1)).toBe("1")
        expect(ser(2.5)).toBe("2.5")
        expect(ser(true)).toBe("true")
        expect(ser(false)).toBe("false")
        expect(ser("a")).toBe('"a"')
    end)

    it("escapes strings", function()
        expect(ser('"')).toBe('"\\""')
        expect(ser("\\")).toBe('"\\\\"')
        expect(ser("/")).toBe('"/"')
        expect(ser("\b\f\n\r\t")).toBe('"\\b\\f\\n\\r\\t"')
        expect(ser("\0")).toBe('"\\u0000"')
        expect(ser("\29")).toBe('"\\u001D"')
        expect(ser("\127")).toBe('"\\u007F"')
        expect(ser("\129")).toBe('"\\u0081"')
        expect(ser("\255")).toBe('"\\u00FF"')
    end)

    it("writes UTF-8 strings with unicode_strings", function()
        local opts = { unicode_strings = true }
        expect(ser("\227\129\147\227\130\147", opts)).toBe('"\\u3053\\u3093"')
        expect(ser("\240\159\152\175", opts)).toBe('"\\uD83D\\uDE2F"')
        expect(ser("\195\191\n", opts)).toBe('"\\u00FF\\n"')
        expect(ser("plain", opts)).toBe('"plain"')
    end)

    it("writes arrays and objects", function()
        expect(ser({})).toBe("{}")
        expect(ser({ 1, 2, 3 })).toBe("[1,2,3]")
        expect(ser({ a = 1 })).toBe('{"a":1}')
        expect(ser({ a = { 1, "b", false } })).toBe('{"a":[1,"b",false]}')
        expect(ser({ { {} } })).toBe("[[{}]]")
        expect(ser({ [1] = 1, x = 2 })).toBe('{"x":2}')
    end)

    it("writes holes as null up to the last index", function()
        expect(ser({ 5, "test", nil, nil, 7 })).toBe('[5,"test",null,null,7]')
        expect(ser({ nil, nil, "text" })).toBe('[null,null,"text"]')
        expect(ser({ 5, textutils.json_null })).toBe("[5,null]")
    end)

    it("writes the markers", function()
        expect(ser(textutils.empty_json_array)).toBe("[]")
        expect(ser(textutils.json_null)).toBe("null")
        expect(ser({ a = textutils.empty_json_array })).toBe('{"a":[]}')
    end)

    it("has the NBT style in both option forms", function()
        expect(ser({ test = 2 }, { nbt_style = true })).toBe("{test:2}")
        expect(ser({ test = 2 }, true)).toBe("{test:2}")
        expect(ser({ test = 2 }, false)).toBe('{"test":2}')
    end)

    it("rejects repeated tables unless allowed", function()
        local rep = { 1 }
        expect(function() ser({ rep, rep }) end).toError("Cannot serialize table with repeated entries")
        expect(ser({ rep, rep }, { allow_repetitions = true })).toBe("[[1],[1]]")
        local rec = {}
        rec.x = rec
        expect(function() ser(rec, { allow_repetitions = true }) end)
            .toError("Cannot serialize table with recursive entries")
        expect(function() ser({ print }) end).toError("Cannot serialize type function")
    end)

    it("checks its arguments", function()
        expect(ser)
            .toError("bad argument #1 (table, string, number or boolean expected, got nil)", nil)
        expect(ser).toError("bad argument #2 (table or boolean expected, got number)", "", 1)
        expect(textutils.serialiseJSON).toBe(ser)
    end)

    it("keeps the markers read-only", function()
        expect(function() textutils.empty_json_array[1] = true end)
            .toError({ "attempt to mutate textutils.empty_json_array$" })
        expect(function() textutils.json_null.x = true end)
            .toError({ "attempt to mutate textutils.json_null$" })
        expect(tostring(textutils.json_null)).toBe("null")
        expect(tostring(textutils.empty_json_array)).toBe("[]")
    end)
end)

describe("textutils.unserializeJSON", function()
    local parse = textutils.unserializeJSON

    -- Documents every JSON parser must accept, with the value they give.
    local valid = {
        { "1", 1 }, { "-1", -1 }, { "0", 0 }, { "-0", 0 }, { "1.5", 1.5 }, { "1e3", 1000 },
        { "1E+2", 100 }, { "2.5e-1", 0.25 }, { "true", true }, { "false", false },
        { '"abc"', "abc" }, { '""', "" }, { '"\\"\\\\\\/\\b\\f\\n\\r\\t"', "\"\\/\b\f\n\r\t" },
        { '"\\u0041\\u00e9"', "A\195\169" }, { '"\\u20AC"', "\226\130\172" },
        { '"\\ud83d\\ude00"', "\240\159\152\128" }, { '"caf\195\169"', "caf\195\169" },
        { "[1, true, false, \"hello\"]", { 1, true, false, "hello" } },
        { '{ "a": 1, "b":2 }', { a = 1, b = 2 } }, { "{}", {} },
        { ' \n\t\r [ 1 ] \n', { 1 } }, { '[[[]]]', { { textutils.empty_json_array } } },
        { '{"a":{"b":{"c":[1,{"d":null}]}}}', { a = { b = { c = { 1, {} } } } } },
        { '[1,null,3]', { 1, nil, 3 } }, { '{"a":null}', {} }, { '{"a":1,"a":2}', { a = 2 } },
        { '"\127"', "\127" }, { '[-1e-2, 0.0, 10]', { -0.01, 0, 10 } },
    }

    -- Documents a strict parser must refuse.
    local invalid = {
        "", " ", "[", "]", "{", "}", "[1,]", "[,1]", "[1 2]", '{"a"}', '{"a":}', '{"a" 1}',
        '{a:1}', "{'a':1}", '{"a":1,}', '{,}', "'x'", '"abc', '"\\x"', '"\\u12"', '"a\nb"',
        '"\t"', "01", "1.", ".5", "+1", "1e", "1e+", "-", "--1", "0x10", "tru", "nul", "True",
        "NaN", "Infinity", "[1]x", "1 2", '{"a":1}}', "[1]]", "/* c */ 1", "[\"a\",]",
    }

    it("parses valid documents", function()
        for _, case in ipairs(valid) do
            local value, err = parse(case[1])
            if err then error("failed on " .. h.show(case[1]) .. ": " .. err, 0) end
            if not h.deep_equal(value, case[2]) then
                error("wrong value for " .. h.show(case[1]) .. ": " .. h.show(value), 0)
            end
        end
        expect(#valid >= 25).toBe(true)
    end)

    it("rejects invalid documents with nil and a message", function()
        for _, doc in ipairs(invalid) do
            local value, err = parse(doc)
            if value ~= nil or type(err) ~= "string" then
                error("accepted " .. h.show(doc) .. " as " .. h.show(value), 0)
            end
            if not err:find("^Malformed JSON at position %d+ %(line %d+, column %d+%): ") then
                error("bad message for " .. h.show(doc) .. ": " .. err, 0)
            end
        end
        expect(#invalid >= 30).toBe(true)
    end)

    it("names the line and column of an error", function()
        local _, err = parse('{\n  "a": 1,\n  "b" 2\n}')
        expect(err).toBe("Malformed JSON at position 19 (line 3, column 7): Unexpected \"2\", expected ':'.")
        _, err = parse("[1, 2")
        expect(err).toBe("Malformed JSON at position 6 (line 1, column 6): Unexpected end of input, expected ',' or ']'.")
        _, err = parse("[1] x")
        expect(err).toBe("Malformed JSON at position 5 (line 1, column 5): Unexpected trailing character \"x\".")
        _, err = parse("")
        expect(err).toBe("Malformed JSON at position 1 (line 1, column 1): Unexpected end of input.")
        _, err = parse('"\\q"')
        expect(err).toBe("Malformed JSON at position 3 (line 1, column 3): Unknown escape character \"q\".")
    end)

    it("handles null and empty arrays per the options", function()
        expect(parse("null")).toBe(nil)
        expect(select("#", parse("null"))).toBe(1)
        expect(parse("null", { parse_null = true })).toBe(textutils.json_null)
        expect(parse('{"a":null}', { parse_null = true })).toEqual({ a = textutils.json_null })
        expect(parse("[]")).toBe(textutils.empty_json_array)
        expect(parse("[]", { parse_empty_array = true })).toBe(textutils.empty_json_array)
        local arr = parse("[ ]", { parse_empty_array = false })
        expect(arr == textutils.empty_json_array).toBe(false)
        expect(arr).toEqual({})
    end)

    it("reads NBT-style documents", function()
        local nbt = { nbt_style = true }
        expect(parse("{ a: 1, b:2 }", nbt)).toEqual({ a = 1, b = 2 })
        expect(parse("1b", nbt)).toBe(1)
        expect(parse("1.5d", nbt)).toBe(1.5)
        expect(parse("'123'", nbt)).toBe("123")
        expect(parse("[B; 1, 2, 3]", nbt)).toEqual({ 1, 2, 3 })
        expect(parse("[I;]", nbt)).toBe(textutils.empty_json_array)
        expect(parse("{a:1}")).toBe(nil)
    end)

    it("round trips with serializeJSON", function()
        local docs = { { 1, 2, { a = "b" } }, { x = { y = { true, false } } }, "\0\1\2 \127", 12.25 }
        for _, v in ipairs(docs) do
            expect(parse(textutils.serializeJSON(v))).toEqual(v)
        end
        local bytes = {}
        for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
        local all = table.concat(bytes)
        -- Bytes >= 128 come back as UTF-8 of the same code point.
        local back = parse(textutils.serializeJSON(all:sub(1, 128)))
        expect(back).toBe(all:sub(1, 128))
    end)

    it("checks its arguments", function()
        expect(parse).toError("bad argument #1 (string expected, got nil)", nil)
        expect(parse).toError("bad argument #2 (table expected, got number)", "1", 1)
        expect(parse)
            .toError("bad field 'parse_null' (boolean expected, got number)", "1", { parse_null = 1 })
        expect(textutils.unserialiseJSON).toBe(parse)
    end)
end)

describe("textutils.formatTime", function()
    it("formats 12-hour times", function()
        expect(textutils.formatTime(0)).toBe("12:00 AM")
        expect(textutils.formatTime(0.1, false)).toBe("12:06 AM")
        expect(textutils.formatTime(6.5)).toBe("6:30 AM")
        expect(textutils.formatTime(12)).toBe("12:00 PM")
        expect(textutils.formatTime(12.75)).toBe("12:45 PM")
        expect(textutils.formatTime(18.5)).toBe("6:30 PM")
        expect(textutils.formatTime(23.99)).toBe("11:59 PM")
    end)

    it("formats 24-hour times", function()
        expect(textutils.formatTime(0, true)).toBe("0:00")
        expect(textutils.formatTime(0.1, true)).toBe("0:06")
        expect(textutils.formatTime(18.5, true)).toBe("18:30")
    end)

    it("checks its arguments", function()
        expect(textutils.formatTime).toError("bad argument #1 (number expected, got nil)", nil)
        expect(textutils.formatTime).toError("bad argument #2 (boolean expected, got number)", 1, 1)
    end)
end)

describe("textutils.urlEncode", function()
    it("encodes unsafe characters", function()
        expect(textutils.urlEncode("abc-_.XYZ09")).toBe("abc-_.XYZ09")
        expect(textutils.urlEncode("a b&c=d")).toBe("a+b%26c%3Dd")
        expect(textutils.urlEncode("a\nb")).toBe("a%0D%0Ab")
        expect(textutils.urlEncode("~/?")).toBe("%7E%2F%3F")
        expect(textutils.urlEncode("\233")).toBe("%C3%A9")
    end)

    it("checks its arguments", function()
        expect(textutils.urlEncode).toError("bad argument #1 (string expected, got nil)", nil)
    end)
end)

describe("textutils.complete", function()
    local env = { print = print, printError = print, pairs = pairs, string = string, empty = {},
        value = 1, ["not ident"] = 1 }

    it("completes globals", function()
        expect(textutils.complete("pri", env)).toEqual({ "nt(", "ntError(" })
        expect(textutils.complete("va", env)).toEqual({ "lue" })
        expect(textutils.complete("emp", env)).toEqual({ "ty" })
        expect(textutils.complete("str", env)).toEqual({ "ing." })
    end)

    it("completes fields and methods", function()
        expect(textutils.complete("string.rev", env)).toEqual({ "erse(" })
        expect(textutils.complete("string:rev", env)).toEqual({ "erse(" })
        expect(textutils.complete("nope.x", env)).toEqual({})
        expect(textutils.complete("end", env)).toEqual({})
    end)

    it("follows __index", function()
        local child = setmetatable({ own = 1 }, { __index = { other = 2 } })
        expect(textutils.complete("o", child)).toEqual({ "ther", "wn" })
    end)

    it("checks its arguments", function()
        expect(textutils.complete).toError("bad argument #1 (string expected, got nil)", nil)
        expect(textutils.complete).toError("bad argument #2 (table expected, got boolean)", "", false)
    end)
end)

describe("textutils terminal helpers", function()
    it("check their arguments", function()
        expect(textutils.slowWrite).toError("bad argument #2 (number expected, got boolean)", nil, false)
        expect(textutils.pagedPrint).toError("bad argument #2 (number expected, got boolean)", nil, false)
        expect(textutils.tabulate).toError("bad argument #1 (number or table expected, got nil)", nil)
        expect(textutils.tabulate)
            .toError("bad argument #2 (number or table expected, got nil)", { "test" }, nil)
        expect(textutils.pagedTabulate).toError("bad argument #1 (number or table expected, got nil)", nil)
    end)

    if h.in_craftos then
        it("rejects non-string cells", function()
            expect(textutils.tabulate)
                .toError("bad argument #1.1 (string expected, got boolean)", { false })
        end)

        it("tabulates and prints", function()
            textutils.tabulate(colors.white, { "a", "b" }, { "c", 1 })
            textutils.pagedTabulate({ "x" })
            expect(textutils.pagedPrint("paged")).toBe(1)
            textutils.slowWrite("", 1000)
            textutils.slowPrint("ok", 1000)
        end)
    end
end)

h.finish()
