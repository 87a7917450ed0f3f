-- Spec for rom/apis/window.lua. The parent is a small fake terminal kept
-- in Lua, so this runs both inside craftos and under plain lua5.2.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
h.api("colors")
local colours = h.api("colours")
local window = h.api("window")

local hex = "0123456789abcdef"
local function digitOf(c)
    local i = 0
    while c > 1 do c, i = c / 2, i + 1 end
    return hex:sub(i + 1, i + 1)
end

-- A fake terminal w×h: lines of text/fg/bg blit strings, a cursor, colours.
local function fakeTerm(w, ht)
    local t = { text = {}, fg = {}, bg = {}, x = 1, y = 1, blink = false, tc = 1, bc = 0x8000, palette = {}, calls = 0 }
    for y = 1, ht do
        t.text[y], t.fg[y], t.bg[y] = (" "):rep(w), ("0"):rep(w), ("f"):rep(w)
    end
    for i = 0, 15 do t.palette[2 ^ i] = { i / 15, i / 15, i / 15 } end
    local function put(s, f, b)
        t.calls = t.calls + 1
        local y = t.y
        if y >= 1 and y <= ht then
            for i = 1, #s do
                local x = t.x + i - 1
                if x >= 1 and x <= w then
                    local function set(line, c) return line:sub(1, x - 1) .. c .. line:sub(x + 1) end
                    t.text[y] = set(t.text[y], s:sub(i, i))
                    t.fg[y] = set(t.fg[y], f:sub(i, i))
                    t.bg[y] = set(t.bg[y], b:sub(i, i))
                end
            end
        end
        t.x = t.x + #s
    end
    function t.write(s) s = tostring(s) put(s, digitOf(t.tc):rep(#s), digitOf(t.bc):rep(#s)) end
    function t.blit(s, f, b) put(s, f, b) end
    function t.setCursorPos(x, y) t.x, t.y = x, y end
    function t.getCursorPos() return t.x, t.y end
    function t.setCursorBlink(b) t.blink = b end
    function t.getCursorBlink() return t.blink end
    function t.setTextColour(c) t.tc = c end
    function t.getTextColour() return t.tc end
    function t.setBackgroundColour(c) t.bc = c end
    function t.getBackgroundColour() return t.bc end
    function t.getSize() return w, ht end
    function t.isColour() return true end
    function t.getPaletteColour(c) local p = t.palette[c] return p[1], p[2], p[3] end
    function t.setPaletteColour(c, r, g, b) t.palette[c] = { r, g, b } end
    t.isColor, t.setTextColor, t.getTextColor = t.isColour, t.setTextColour, t.getTextColour
    t.setBackgroundColor, t.getBackgroundColor = t.setBackgroundColour, t.getBackgroundColour
    t.getPaletteColor, t.setPaletteColor = t.getPaletteColour, t.setPaletteColour
    function t.clear() for y = 1, ht do t.text[y] = (" "):rep(w) end end
    return t
end

describe("window.create", function()
    it("checks its arguments", function()
        local p = fakeTerm(10, 5)
        expect(function() window.create(nil, 1, 1, 2, 2) end).toError({ "bad argument #1 .*%(table expected, got nil%)" })
        expect(function() window.create(p, "1", 1, 2, 2) end).toError({ "bad argument #2 .*%(number expected, got string%)" })
        expect(function() window.create(p, 1, 1, 2, 2, 1) end).toError({ "bad argument #6 .*%(boolean expected, got number%)" })
        if h.in_craftos then
            expect(function() window.create(term, 1, 1, 2, 2) end)
                .toError("term is not a recommended window parent, try term.current() instead")
        end
    end)

    it("draws a visible window at once, blank in white on black", function()
        local p = fakeTerm(10, 5)
        p.text[2] = "xxxxxxxxxx"
        window.create(p, 3, 2, 4, 2)
        expect(p.text[2]).toBe("xx    xxxx")
        expect(p.bg[2]).toBe("ffffffffff")
    end)

    it("draws nothing while invisible", function()
        local p = fakeTerm(10, 5)
        local w = window.create(p, 1, 1, 4, 2, false)
        w.write("hi")
        expect(p.calls).toBe(0)
        expect(w.isVisible()).toBe(false)
        w.setVisible(true)
        expect(p.text[1]).toBe("hi        ")
        expect(w.isVisible()).toBe(true)
    end)
end)

describe("window writing", function()
    it("writes at its cursor through the parent, clipped", function()
        local p = fakeTerm(10, 4)
        local w = window.create(p, 3, 2, 5, 2)
        w.setCursorPos(2, 1)
        w.write("abcdefg")
        expect(p.text[2]).toBe("   abcd   ")
        expect(w.getLine(1)).toBe(" abcd")
        expect({ w.getCursorPos() }).toEqual({ 9, 1 })
        w.setCursorPos(-1, 2)
        w.write("123")
        expect(w.getLine(2)).toBe("3    ")
        w.setCursorPos(1, 3)
        w.write("nowhere")
        expect(w.getLine(1)).toBe(" abcd")
    end)

    it("writes numbers and other values as tostring does", function()
        local w = window.create(fakeTerm(10, 2), 1, 1, 10, 1)
        w.write(12)
        w.write(true)
        expect(w.getLine(1)).toBe("12true    ")
    end)

    it("keeps colours per cell", function()
        local w = window.create(fakeTerm(10, 2), 1, 1, 4, 1)
        w.setTextColour(colours.red)
        w.setBackgroundColour(colours.blue)
        w.write("ab")
        local text, fg, bg = w.getLine(1)
        expect(text).toBe("ab  ")
        expect(fg).toBe("ee00")
        expect(bg).toBe("bbff")
    end)

    it("blits, lower-casing colour digits", function()
        local p = fakeTerm(10, 2)
        local w = window.create(p, 2, 1, 4, 1)
        w.blit("xyz", "0AB", "FfE")
        expect({ w.getLine(1) }).toEqual({ "xyz ", "0ab0", "ffef" })
        expect(p.fg[1]).toBe("00ab000000")
        expect(function() w.blit("ab", "0", "00") end).toError("Arguments must be the same length")
        expect(function() w.blit("ab", 1, "00") end).toError({ "bad argument #2 .*%(string expected, got number%)" })
    end)

    it("clears in the background colour", function()
        local w = window.create(fakeTerm(10, 3), 1, 1, 3, 2)
        w.write("abc")
        w.setBackgroundColour(colours.green)
        w.clear()
        expect({ w.getLine(2) }).toEqual({ "   ", "000", "ddd" })
        expect({ w.getCursorPos() }).toEqual({ 4, 1 })
    end)

    it("clears the cursor's line", function()
        local w = window.create(fakeTerm(10, 3), 1, 1, 3, 2)
        w.write("abc")
        w.setCursorPos(1, 2)
        w.write("def")
        w.clearLine()
        expect(w.getLine(1)).toBe("abc")
        expect(w.getLine(2)).toBe("   ")
    end)

    it("scrolls both ways", function()
        local p = fakeTerm(10, 4)
        local w = window.create(p, 1, 2, 3, 3)
        for y = 1, 3 do w.setCursorPos(1, y) w.write("l" .. y) end
        w.scroll(1)
        expect(w.getLine(1)).toBe("l2 ")
        expect(w.getLine(3)).toBe("   ")
        expect(p.text[2]).toBe("l2        ")
        w.scroll(-2)
        expect(w.getLine(1)).toBe("   ")
        expect(w.getLine(3)).toBe("l2 ")
        expect(function() w.scroll("x") end).toError({ "bad argument #1 .*%(number expected, got string%)" })
    end)

    it("getLine checks its line", function()
        local w = window.create(fakeTerm(10, 3), 1, 1, 3, 2)
        expect(function() w.getLine(3) end).toError("Line is out of range.")
        expect(function() w.getLine(0) end).toError("Line is out of range.")
    end)
end)

describe("window state", function()
    it("has a size, a position and colours", function()
        local w = window.create(fakeTerm(10, 3), 4, 2, 5, 2)
        expect({ w.getSize() }).toEqual({ 5, 2 })
        expect({ w.getPosition() }).toEqual({ 4, 2 })
        expect(w.getTextColour()).toBe(colours.white)
        expect(w.getBackgroundColor()).toBe(colours.black)
        expect(w.isColour()).toBe(true)
        expect(w.isColor()).toBe(true)
    end)

    it("reads colours by their highest bit and rejects the rest", function()
        local w = window.create(fakeTerm(10, 3), 1, 1, 5, 2)
        w.setTextColour(3)
        expect(w.getTextColour()).toBe(colours.orange)
        w.setTextColor(0xffff)
        expect(w.getTextColor()).toBe(colours.black)
        expect(function() w.setTextColour(0) end).toError("Colour out of range")
        expect(function() w.setBackgroundColour(0x10000) end).toError("Colour out of range")
        expect(function() w.setTextColour("red") end).toError({ "bad argument #1 .*%(number expected, got string%)" })
    end)

    it("moves the parent's cursor with its own, off screen when outside", function()
        local p = fakeTerm(10, 5)
        local w = window.create(p, 3, 2, 4, 2)
        w.setCursorPos(2, 2)
        expect({ p.getCursorPos() }).toEqual({ 4, 3 })
        w.setCursorPos(5, 1)
        expect({ p.getCursorPos() }).toEqual({ 0, 0 })
        w.setCursorBlink(true)
        expect(p.blink).toBe(true)
        expect(w.getCursorBlink()).toBe(true)
        expect(function() w.setCursorBlink(1) end).toError({ "bad argument #1 .*%(boolean expected, got number%)" })
        w.setCursorPos(1.7, 2.2)
        expect({ w.getCursorPos() }).toEqual({ 1, 2 })
    end)

    it("restoreCursor puts the parent's cursor back", function()
        local p = fakeTerm(10, 5)
        local w = window.create(p, 3, 2, 4, 2)
        w.setTextColour(colours.lime)
        w.setCursorPos(2, 1)
        p.setCursorPos(9, 5)
        p.setTextColour(colours.white)
        w.restoreCursor()
        expect({ p.getCursorPos() }).toEqual({ 4, 2 })
        expect(p.getTextColour()).toBe(colours.lime)
    end)

    it("keeps its own palette, given to the parent when drawn", function()
        local p = fakeTerm(10, 3)
        local w = window.create(p, 1, 1, 3, 1)
        expect({ w.getPaletteColour(colours.red) }).toEqual({ 14 / 15, 14 / 15, 14 / 15 })
        w.setPaletteColour(colours.red, 0xFF8000)
        expect({ w.getPaletteColor(colours.red) }).toEqual({ 1, 128 / 255, 0 })
        expect({ p.getPaletteColour(colours.red) }).toEqual({ 1, 128 / 255, 0 })
        w.setVisible(false)
        w.setPaletteColor(colours.red, 0.5, 0.25, 0)
        expect({ p.getPaletteColour(colours.red) }).toEqual({ 1, 128 / 255, 0 })
        w.setVisible(true)
        expect({ p.getPaletteColour(colours.red) }).toEqual({ 0.5, 0.25, 0 })
    end)

    it("redraws what the parent lost", function()
        local p = fakeTerm(10, 3)
        local w = window.create(p, 2, 2, 3, 1)
        w.write("abc")
        p.clear()
        w.redraw()
        expect(p.text[2]).toBe(" abc      ")
    end)
end)

describe("window.reposition", function()
    it("moves and redraws", function()
        local p = fakeTerm(10, 3)
        local w = window.create(p, 1, 1, 3, 1)
        w.write("abc")
        w.reposition(5, 3)
        expect({ w.getPosition() }).toEqual({ 5, 3 })
        expect(p.text[3]).toBe("    abc   ")
    end)

    it("resizes, keeping what fits", function()
        local w = window.create(fakeTerm(10, 5), 1, 1, 3, 2)
        w.write("abc")
        w.reposition(1, 1, 2, 3)
        expect({ w.getSize() }).toEqual({ 2, 3 })
        expect(w.getLine(1)).toBe("ab")
        expect(w.getLine(3)).toBe("  ")
        w.reposition(1, 1, 4, 1)
        expect(w.getLine(1)).toBe("ab  ")
    end)

    it("takes a new parent", function()
        local p1, p2 = fakeTerm(10, 3), fakeTerm(10, 3)
        local w = window.create(p1, 1, 1, 3, 1)
        w.write("abc")
        w.reposition(2, 2, nil, nil, p2)
        expect(p2.text[2]).toBe(" abc      ")
        expect(function() w.reposition(1, 1, 3) end).toError({ "bad argument #4 .*%(number expected, got nil%)" })
        expect(function() w.reposition(1, 1, nil, nil, 5) end).toError({ "bad argument #5 .*%(table expected, got number%)" })
    end)
end)

if h.in_craftos then
    describe("window over the native terminal", function()
        it("is a redirect target for print", function()
            local w = window.create(term.current(), 1, 1, 5, 2, false)
            local old = term.redirect(w)
            write("one two three")
            term.redirect(old)
            expect(w.getLine(1)).toBe("two  ")
            expect(w.getLine(2)).toBe("three")
        end)
    end)
end

h.finish()
