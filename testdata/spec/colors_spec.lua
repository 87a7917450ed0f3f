-- Spec for rom/apis/colors.lua and rom/apis/colours.lua.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
local colors = h.api("colors")
local colours = h.api("colours")

local names = { "white", "orange", "magenta", "lightBlue", "yellow", "lime", "pink", "gray",
    "lightGray", "cyan", "purple", "blue", "brown", "green", "red", "black" }

describe("colors", function()
    it("has the 16 colour bits", function()
        for i, name in ipairs(names) do expect(colors[name]).toBe(2 ^ (i - 1)) end
        expect(colors.white).toBe(1)
        expect(colors.black).toBe(0x8000)
    end)

    it("combines, subtracts and tests", function()
        expect(colors.combine()).toBe(0)
        expect(colors.combine(colors.white, colors.black, colors.white)).toBe(0x8001)
        expect(colors.subtract(0x8001, colors.white)).toBe(0x8000)
        expect(colors.subtract(0x8001, colors.white, colors.black)).toBe(0)
        expect(colors.subtract(0x8001)).toBe(0x8001)
        expect(colors.test(0x8001, colors.black)).toBe(true)
        expect(colors.test(0x8001, colors.red)).toBe(false)
        expect(colors.test(0x8001, 0x8001)).toBe(true)
    end)

    it("packs and unpacks RGB", function()
        expect(colors.packRGB(0.7, 0.2, 0.6)).toBe(0xb23399)
        expect(colors.packRGB(1, 1, 1)).toBe(0xffffff)
        expect(colors.packRGB(0, 0, 0)).toBe(0)
        local r, g, b = colors.unpackRGB(0xb23399)
        expect({ r, g, b }).toEqual({ 0xb2 / 255, 0x33 / 255, 0x99 / 255 })
        expect(colors.rgb8(0.7, 0.2, 0.6)).toBe(0xb23399)
        expect({ colors.rgb8(0xff0000) }).toEqual({ 1, 0, 0 })
    end)

    it("converts to and from blit characters", function()
        for i, name in ipairs(names) do
            local blit = ("0123456789abcdef"):sub(i, i)
            expect(colors.toBlit(colors[name])).toBe(blit)
            expect(colors.fromBlit(blit)).toBe(colors[name])
        end
        expect(colors.fromBlit("g")).toBe(nil)
        expect(colors.fromBlit("")).toBe(nil)
        expect(colors.fromBlit("00")).toBe(nil)
    end)

    it("checks arguments", function()
        expect(colors.combine).toError("bad argument #2 (number expected, got string)", 1, "x")
        expect(colors.subtract).toError("bad argument #1 (number expected, got nil)", nil)
        expect(colors.subtract).toError("bad argument #2 (number expected, got boolean)", 1, false)
        expect(colors.test).toError("bad argument #2 (number expected, got nil)", 1)
        expect(colors.packRGB).toError("bad argument #3 (number expected, got nil)", 1, 1)
        expect(colors.unpackRGB).toError("bad argument #1 (number expected, got string)", "x")
        expect(colors.toBlit).toError("bad argument #1 (number expected, got nil)", nil)
        expect(colors.fromBlit).toError("bad argument #1 (string expected, got number)", 1)
    end)
end)

describe("colours", function()
    it("has the same values with British names", function()
        for _, name in ipairs(names) do
            local british = name:gsub("[Gg]ray", { gray = "grey", Gray = "Grey" })
            expect(colours[british]).toBe(colors[name])
        end
        expect(colours.grey).toBe(0x80)
        expect(colours.lightGrey).toBe(0x100)
        expect(colours.gray).toBe(nil)
        expect(colours.lightGray).toBe(nil)
    end)

    it("has the same functions", function()
        for _, fn in ipairs({ "combine", "subtract", "test", "packRGB", "unpackRGB", "rgb8", "toBlit", "fromBlit" }) do
            expect(type(colours[fn])).toBe("function")
        end
        expect(colours.combine(colours.grey, colours.lightGrey)).toBe(0x180)
    end)
end)

h.finish()
