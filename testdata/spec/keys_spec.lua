-- Spec for rom/apis/keys.lua (CC:Tweaked's GLFW-based key codes).
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
local keys = h.api("keys")

describe("keys", function()
    it("has the common codes", function()
        expect(keys.enter).toBe(257)
        expect(keys["return"]).toBe(257)
        expect(keys.space).toBe(32)
        expect(keys.backspace).toBe(259)
        expect(keys.tab).toBe(258)
        expect(keys.left).toBe(263)
        expect(keys.right).toBe(262)
        expect(keys.up).toBe(265)
        expect(keys.down).toBe(264)
        expect(keys.home).toBe(268)
        expect(keys["end"]).toBe(269)
        expect(keys.delete).toBe(261)
        expect(keys.leftCtrl).toBe(341)
        expect(keys.rightAlt).toBe(346)
        expect(keys.numPadEnter).toBe(335)
        expect(keys.f1).toBe(290)
        expect(keys.f12).toBe(301)
    end)

    it("has letters and digits", function()
        for code = 65, 90 do expect(keys[string.char(code + 32)]).toBe(code) end
        local digits = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine" }
        for i, name in ipairs(digits) do expect(keys[name]).toBe(47 + i) end
        expect(keys.t).toBe(84)
    end)

    it("names key codes", function()
        expect(keys.getName(257)).toBe("enter")
        expect(keys.getName(84)).toBe("t")
        expect(keys.getName(48)).toBe("zero")
        expect(keys.getName(269)).toBe("end")
        expect(keys.getName(9999)).toBe(nil)
        for name, code in pairs(keys) do
            if type(code) == "number" and name ~= "return" and name ~= "scollLock" then
                expect(keys.getName(code)).toBe(name)
            end
        end
        expect(keys.getName).toError("bad argument #1 (number expected, got string)", "a")
    end)
end)

h.finish()
