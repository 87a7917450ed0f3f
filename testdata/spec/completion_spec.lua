-- Spec for rom/modules/main/cc/completion.lua.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
h.api("textutils")
local settings = h.api("settings")
local completion = h.require("cc.completion")

describe("cc.completion", function()
    it("completes choices", function()
        local options = { "apple", "apricot", "banana" }
        expect(completion.choice("ap", options)).toEqual({ "ple", "ricot" })
        expect(completion.choice("ap", options, true)).toEqual({ "ple ", "ricot " })
        expect(completion.choice("apple", options)).toEqual({})
        expect(completion.choice("apple", options, true)).toEqual({ " " })
        expect(completion.choice("", options)).toEqual({ "apple", "apricot", "banana" })
        expect(completion.choice("x", options)).toEqual({})
    end)

    it("completes sides", function()
        local got = completion.side("b")
        table.sort(got)
        expect(got).toEqual({ "ack", "ottom" })
        expect(completion.side("top", true)).toEqual({ " " })
    end)

    it("completes settings", function()
        settings.define("spec.completion.one")
        local got = completion.setting("spec.completion.o")
        expect(got).toEqual({ "ne" })
        settings.undefine("spec.completion.one")
    end)

    it("completes nothing for peripherals and commands here", function()
        expect(completion.command("x")).toEqual({})
        expect(type(completion.peripheral(""))).toBe("table")
    end)

    it("checks arguments", function()
        expect(completion.choice).toError("bad argument #1 (string expected, got nil)", nil, {})
        expect(completion.choice).toError("bad argument #2 (table expected, got nil)", "")
        expect(completion.side).toError("bad argument #2 (boolean expected, got number)", "", 1)
    end)
end)

h.finish()
