-- Spec for rom/apis/vector.lua.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
local vector = h.api("vector")

local function coords(v) return { v.x, v.y, v.z } end

describe("vector", function()
    it("constructs vectors", function()
        expect(coords(vector.new(1, 2, 3))).toEqual({ 1, 2, 3 })
        expect(coords(vector.new())).toEqual({ 0, 0, 0 })
        expect(coords(vector.new("4", "x", nil))).toEqual({ 4, 0, 0 })
    end)

    it("does arithmetic by method and by operator", function()
        local a, b = vector.new(1, 2, 3), vector.new(4, 5, 6)
        expect(coords(a:add(b))).toEqual({ 5, 7, 9 })
        expect(coords(a + b)).toEqual({ 5, 7, 9 })
        expect(coords(b - a)).toEqual({ 3, 3, 3 })
        expect(coords(a:sub(b))).toEqual({ -3, -3, -3 })
        expect(coords(a * 2)).toEqual({ 2, 4, 6 })
        expect(coords(a:mul(2))).toEqual({ 2, 4, 6 })
        expect(coords(b / 2)).toEqual({ 2, 2.5, 3 })
        expect(coords(-a)).toEqual({ -1, -2, -3 })
        expect(coords(a:unm())).toEqual({ -1, -2, -3 })
    end)

    it("computes products and lengths", function()
        local a, b = vector.new(1, 2, 3), vector.new(4, 5, 6)
        expect(a:dot(b)).toBe(32)
        expect(coords(a:cross(b))).toEqual({ -3, 6, -3 })
        expect(vector.new(3, 4, 0):length()).toBe(5)
        expect(coords(vector.new(0, 0, 2):normalize())).toEqual({ 0, 0, 1 })
    end)

    it("rounds", function()
        expect(coords(vector.new(1.4, 1.5, -1.6):round())).toEqual({ 1, 2, -2 })
        expect(coords(vector.new(1.3, 1.2, 0.1):round(0.5))).toEqual({ 1.5, 1, 0 })
    end)

    it("prints and compares", function()
        local a = vector.new(1, 2.5, -3)
        expect(tostring(a)).toBe("1,2.5,-3")
        expect(a:tostring()).toBe("1,2.5,-3")
        expect(a == vector.new(1, 2.5, -3)).toBe(true)
        expect(a ~= vector.new(1, 2, 3)).toBe(true)
        expect(a:equals(vector.new(1, 2.5, -3))).toBe(true)
    end)

    it("checks arguments", function()
        local a = vector.new(1, 2, 3)
        expect(a.add).toError("bad argument #2 (vector expected, got number)", a, 1)
        expect(a.add).toError("bad argument #1 (vector expected, got table)", {}, a)
        expect(a.mul).toError("bad argument #2 (number expected, got vector)", a, a)
        expect(a.round).toError("bad argument #2 (number expected, got string)", a, "x")
    end)
end)

h.finish()
