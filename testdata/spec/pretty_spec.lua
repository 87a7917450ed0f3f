-- Spec for rom/modules/main/cc/pretty.lua.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
local pretty = h.require("cc.pretty")
local render = pretty.render

describe("cc.pretty documents", function()
    it("renders text and concatenation", function()
        expect(render(pretty.text("hello"))).toBe("hello")
        expect(render(pretty.concat("a", pretty.space, "b"))).toBe("a b")
        expect(render(pretty.text("a") .. "b" .. pretty.text("c"))).toBe("abc")
        expect(render(pretty.concat())).toBe("")
        expect(render(pretty.empty)).toBe("")
        expect(tostring(pretty.text("x") .. pretty.line .. "y")).toBe("x\ny")
    end)

    it("breaks groups only when they do not fit", function()
        local doc = pretty.group(pretty.text("hello") .. pretty.space_line .. pretty.text("world"))
        expect(render(doc, 5)).toBe("hello\nworld")
        expect(render(doc, 20)).toBe("hello world")
        expect(render(doc)).toBe("hello world")
        local tight = pretty.group(pretty.text("a") .. pretty.line .. pretty.text("b"))
        expect(render(tight)).toBe("ab")
        expect(render(tight, 1)).toBe("a\nb")
    end)

    it("nests later lines", function()
        expect(render(pretty.nest(2, pretty.text("foo\nbar")))).toBe("foo\n  bar")
        expect(render(pretty.text("a") .. pretty.nest(4, pretty.line .. "b") .. pretty.line .. "c"))
            .toBe("a\n    b\nc")
    end)

    it("splits text on newlines", function()
        expect(render(pretty.group(pretty.text("a\nb")))).toBe("a b")
        expect(render(pretty.text("a\n\nb"))).toBe("a\n\nb")
    end)

    -- CraftOS's documents are plain tables programs can look into: a
    -- newline is a hard space_line, empty lines are kept, "", " " and "\n"
    -- are the shared constants.
    it("builds CraftOS's document structure", function()
        local a, b = pretty.text("a"), pretty.text("b")
        expect(a).toEqual({ tag = "text", text = "a" })
        expect(pretty.text("a", 8)).toEqual({ tag = "text", text = "a", colour = 8 })
        expect(pretty.text("") == pretty.empty).toBe(true)
        expect(pretty.text(" ", 8) == pretty.space).toBe(true)
        expect(pretty.text("\n") == pretty.space_line).toBe(true)
        expect(pretty.text("a\nb")).toEqual(pretty.concat(a, pretty.space_line, b))
        expect(pretty.text("ab\ncd\nef")).toEqual(pretty.concat(pretty.text("ab"), pretty.space_line,
            pretty.text("cd"), pretty.space_line, pretty.text("ef")))
        expect(pretty.text("a\n\nb")).toEqual(pretty.concat(a, pretty.space_line, pretty.space_line, b))
        expect(pretty.text("\n\nb")).toEqual(pretty.concat(pretty.space_line, pretty.space_line, b))
        expect(pretty.text("a\n\n")).toEqual(pretty.concat(a, pretty.space_line, pretty.space_line))
        expect(pretty.empty.tag).toBe("nil")
        expect(pretty.line.flat == pretty.empty).toBe(true)
        expect(pretty.space_line.flat == pretty.space).toBe(true)
        local grouped = pretty.group(pretty.text("a\nb"))
        expect(grouped.tag).toBe("group")
        expect(pretty.group(grouped) == grouped).toBe(true)
        expect(pretty.group(a) == a).toBe(true)
        expect(pretty.nest(2, a)).toEqual({ tag = "nest", depth = 2, a })
    end)

    it("checks arguments", function()
        expect(pretty.text).toError("bad argument #1 (string expected, got nil)", nil)
        expect(pretty.text).toError("bad argument #2 (number expected, got string)", "x", "red")
        expect(pretty.concat).toError("bad argument #2 (document expected, got number)", "a", 1)
        expect(pretty.nest).toError("depth must be a positive number", 0, pretty.empty)
        expect(pretty.nest).toError("bad argument #2 (document expected, got table)", 1, {})
        expect(pretty.group).toError("bad argument #1 (document expected, got nil)", nil)
        expect(pretty.render).toError("bad argument #1 (document expected, got string)", "x")
    end)
end)

describe("cc.pretty.pretty", function()
    local function show(v, width) return render(pretty.pretty(v), width) end

    it("shows scalars", function()
        expect(show(1)).toBe("1")
        expect(show(1.5)).toBe("1.5")
        expect(show("hi")).toBe('"hi"')
        expect(show("a\nb")).toBe('"a\\nb"')
        expect(show(true)).toBe("true")
        expect(show(nil)).toBe("nil")
    end)

    it("shows tables like the REPL", function()
        expect(show({})).toBe("{}")
        expect(show({ 1, 2, 3 })).toBe("{ 1, 2, 3 }")
        expect(show({ a = 1, b = "x" })).toBe('{ a = 1, b = "x" }')
        expect(show({ 1, a = true })).toBe("{ 1, a = true }")
        expect(show({ { 1 }, {} })).toBe("{ { 1 }, {} }")
        expect(show({ ["a b"] = 2, [1.5] = 1, [10] = 3, z = 0 }))
            .toBe('{ ["a b"] = 2, z = 0, [1.5] = 1, [10] = 3 }')
        expect(show({ ["end"] = 1 })).toBe('{ ["end"] = 1 }')
        -- Only Lua 5.1's reserved words are quoted, as CraftOS does.
        expect(show({ ["goto"] = 1 })).toBe("{ goto = 1 }")
    end)

    -- Entries 1..#t are the list part (nils shown), the rest are keyed, as
    -- CraftOS renders them.
    it("shows sparse tables by their length", function()
        expect(show({ 1, nil, 3 })).toBe("{ 1, nil, 3 }")
        local t = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }
        t[4] = nil
        expect(show(t)).toBe("{ 1, 2, 3, nil, 5, 6, 7, 8, 9, 10 }")
        expect(show({ 1, [100] = 3 })).toBe("{ 1, [100] = 3 }")
        expect(show({ 1, 2, [0] = 0, [-1] = 1 })).toBe("{ 1, 2, [-1] = 1, [0] = 0 }")
        -- #{[1]=1,[3]=3} is 1, as in PUC Lua and CraftOS.
        expect(show({ [1] = 1, [3] = 3 })).toBe("{ 1, [3] = 3 }")
    end)

    it("breaks long tables over lines", function()
        expect(show({ 1, 2, 3 }, 5)).toBe("{\n  1,\n  2,\n  3\n}")
        expect(show({ a = { 1, 2 } }, 8)).toBe("{\n  a = {\n    1,\n    2\n  }\n}")
        expect(show({ a = { 1 } }, 30)).toBe("{ a = { 1 } }")
    end)

    it("stops at cycles and honours __tostring", function()
        local t = {}
        t.self = t
        expect(show(t):find("^{ self = table: .+ }$") ~= nil).toBe(true)
        expect(show(setmetatable({}, { __tostring = function() return "custom" end }))).toBe("custom")
        local shared = { 1 }
        expect(show({ shared, shared })).toBe("{ { 1 }, { 1 } }")
    end)

    it("shows functions", function()
        expect(show(print)).toBe(tostring(print))
        local function f(a, b, ...) return a, b end
        local info = debug.getinfo(f, "u")
        if info and info.nparams then
            local shown = render(pretty.pretty(f, { function_args = true }))
            expect(shown).toBe(tostring(f) .. "(a, b, ...)")
        end
        local source = debug.getinfo(f, "S")
        if source and source.short_src then
            local src = render(pretty.pretty(f, { function_source = true }))
            expect(src:find("^function<.*pretty_spec.lua:%d+>$") ~= nil).toBe(true)
        end
    end)

    it("checks options", function()
        expect(pretty.pretty).toError("bad argument #2 (table expected, got number)", 1, 1)
        expect(pretty.pretty).toError("bad field 'function_args' (boolean expected, got number)", 1,
            { function_args = 1 })
    end)

    if h.in_craftos then
        it("prints to the terminal", function()
            local written = ""
            local redirect = setmetatable({
                write = function(s) written = written .. s end,
            }, { __index = term.current() })
            local old = term.redirect(redirect)
            local ok, err = pcall(function()
                pretty.pretty_print({ 1, "two", { three = 3 } })
                pretty.print(pretty.text("coloured", colours.red))
            end)
            term.redirect(old)
            assert(ok, err)
            h.expect(written).toBe('{ 1, "two", { three = 3 } }coloured')
        end)
    end
end)

h.finish()
