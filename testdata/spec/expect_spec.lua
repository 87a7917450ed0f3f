-- Spec for rom/modules/main/cc/expect.lua.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
local e = h.require("cc.expect")

describe("cc.expect.expect", function()
    it("returns the value when the type matches", function()
        expect(e.expect(1, "x", "string")).toBe("x")
        expect(e.expect(1, nil, "number", "nil")).toBe(nil)
        expect(e.expect(1, 2, "string", "number")).toBe(2)
        expect(e(1, true, "boolean")).toBe(true) -- the module is callable
    end)

    it("names the checked function when it can", function()
        local api = {}
        function api.greet(name) e.expect(1, name, "string") end
        local ok, err = pcall(function() api.greet(nil) end)
        expect(ok).toBe(false)
        expect(err:find("bad argument #1 to 'greet' (string expected, got nil)", 1, true) ~= nil).toBe(true)
    end)

    it("blames the caller's caller", function()
        local function checked(x) e.expect(1, x, "number") end
        local function caller() checked("no") end -- this line is blamed
        local ok, err = pcall(caller)
        expect(ok).toBe(false)
        expect(err:find("^[^:]*expect_spec.lua:%d+: bad argument #1 to 'checked' %(number expected, got string%)$") ~= nil)
            .toBe(true)
    end)

    it("leaves the name out when unknown", function()
        local function checked(x) e.expect(1, x, "string") end
        expect(checked).toError("bad argument #1 (string expected, got nil)", nil)
        expect(checked).toError("bad argument #1 (string expected, got table)", {})
    end)

    it("joins several types", function()
        local function checked(x) e.expect(3, x, "string", "number") end
        expect(checked).toError("bad argument #3 (string or number expected, got boolean)", false)
        local function three(x) e.expect(2, x, "string", "number", "table") end
        expect(three).toError("bad argument #2 (string, number or table expected, got nil)", nil)
        local function optional(x) e.expect(1, x, "number", "nil") end
        expect(optional).toError("bad argument #1 (number expected, got string)", "x")
    end)

    it("reports a metatable's __name", function()
        local function checked(x) e.expect(1, x, "string") end
        expect(checked).toError("bad argument #1 (string expected, got Thing)",
            setmetatable({}, { __name = "Thing" }))
    end)
end)

describe("error levels", function()
    -- cc.expect raises at level 3: the caller of the checked function. When
    -- that caller is pcall itself, the message carries no position.
    it("gives no position when the checked function is called by pcall", function()
        local function checked(x) e.expect(1, x, "string") end
        local ok, err = pcall(checked, nil)
        expect(ok).toBe(false)
        expect(err).toBe("bad argument #1 (string expected, got nil)")
        local function ranged(n) e.range(n, 1, 5) end
        ok, err = pcall(ranged, 7)
        expect(err).toBe("number outside of range (expected 7 to be within 1 and 5)")
    end)

    it("points at the caller's line otherwise", function()
        local function checked(x) e.expect(1, x, "string") end
        local line
        local ok, err = pcall(function()
            line = debug.getinfo(1, "l").currentline + 1
            checked(nil)
        end)
        expect(ok).toBe(false)
        expect(err:match(":(%d+): bad argument #1 to 'checked'")).toBe(tostring(line))
    end)

    it("matches plain error levels", function()
        local function raise() error("x", 2) end
        local ok, err = pcall(raise)
        expect(err).toBe("x")
    end)
end)

describe("cc.expect.field", function()
    it("returns the field when the type matches", function()
        expect(e.field({ k = 1 }, "k", "number")).toBe(1)
        expect(e.field({}, "k", "number", "nil")).toBe(nil)
    end)

    it("reports a bad field", function()
        local function checked(t) e.field(t, "k", "number") end
        expect(checked).toError("bad field 'k' (number expected, got string)", { k = "x" })
        local function two(t) e.field(t, "k", "number", "string") end
        expect(two).toError("bad field 'k' (number or string expected, got boolean)", { k = true })
    end)

    it("reports a missing field as CC:Tweaked does", function()
        local function checked(t) e.field(t, "k", "number") end
        expect(checked).toError("field 'k' missing from table", {})
    end)
end)

describe("cc.expect.range", function()
    it("returns numbers within the range", function()
        expect(e.range(1, 1, 5)).toBe(1)
        expect(e.range(5, 1, 5)).toBe(5)
        expect(e.range(100, 1)).toBe(100)
        expect(e.range(-100)).toBe(-100)
    end)

    it("rejects numbers outside it (and NaN)", function()
        local function checked(n) e.range(n, 1, 5) end
        expect(checked).toError("number outside of range (expected 7 to be within 1 and 5)", 7)
        expect(checked).toError("number outside of range (expected 0 to be within 1 and 5)", 0)
        expect(checked).toError({ "^number outside of range %(expected .*[nN][aA][nN].* to be within 1 and 5%)$" }, 0 / 0)
        local function lower(n) e.range(n, 1) end
        expect(lower).toError("number outside of range (expected 0 to be within 1 and inf)", 0)
    end)

    it("checks its own arguments", function()
        expect(e.range).toError("bad argument #1 (number expected, got string)", "x")
    end)
end)

describe("loading without require", function()
    it("works through dofile", function()
        local expect_fn = dofile("rom/modules/main/cc/expect.lua").expect
        expect(expect_fn(1, 1, "number")).toBe(1)
    end)
end)

h.finish()
