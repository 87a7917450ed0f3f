-- Spec for rom/apis/paintutils.lua, drawing into a window.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect

if not h.in_craftos or not window then
    print("paintutils_spec: needs craftos, skipped")
    h.finish()
    return
end

-- draw runs fn on a fresh 8x5 window (background black) and returns its
-- rows as background blit strings.
local function draw(fn)
    local win = window.create(term.current(), 1, 1, 8, 5, false)
    win.setBackgroundColour(colours.black)
    win.clear()
    local old = term.redirect(win)
    local ok, err = pcall(fn)
    term.redirect(old)
    if not ok then error(err, 0) end
    local rows = {}
    for y = 1, 5 do
        local _, _, bg = win.getLine(y)
        rows[y] = bg
    end
    return rows
end

describe("paintutils", function()
    it("parses images", function()
        expect(paintutils.parseImage("0f\n e")).toEqual({ { 1, 32768 }, { 0, 16384 } })
        expect(paintutils.parseImage("")).toEqual({ {} })
        expect(paintutils.parseImage).toError("bad argument #1 (string expected, got nil)")
    end)
    it("loads images", function()
        local f = fs.open(".spec_tmp_paint.nfp", "w")
        f.write("1\n22")
        f.close()
        expect(paintutils.loadImage(".spec_tmp_paint.nfp")).toEqual({ { 2 }, { 4, 4 } })
        fs.delete(".spec_tmp_paint.nfp")
        expect(paintutils.loadImage(".spec_tmp_paint.nfp")).toBe(nil)
    end)
    it("draws pixels and lines", function()
        expect(draw(function()
            paintutils.drawPixel(1, 1, colours.red)
            paintutils.drawLine(2, 2, 6, 4, colours.white)
            paintutils.drawLine(8, 1, 8, 5, colours.blue)
        end)).toEqual({ "effffffb", "f0fffffb", "ff00fffb", "ffff00fb", "fffffffb" })
    end)
    it("draws steep and backwards lines", function()
        expect(draw(function()
            paintutils.drawLine(4, 5, 2, 1, colours.white)
        end)).toEqual({ "f0ffffff", "ff0fffff", "ff0fffff", "fff0ffff", "fff0ffff" })
    end)
    it("draws boxes", function()
        expect(draw(function()
            paintutils.drawBox(1, 1, 4, 4, colours.white)
            paintutils.drawFilledBox(8, 5, 6, 3, colours.red)
        end)).toEqual({ "0000ffff", "0ff0ffff", "0ff0feee", "0000feee", "fffffeee" })
    end)
    it("draws images", function()
        expect(draw(function()
            paintutils.drawImage(paintutils.parseImage("e e\n 0"), 2, 3)
        end)).toEqual({ "ffffffff", "ffffffff", "fefeffff", "ff0fffff", "ffffffff" })
    end)
    it("checks its arguments", function()
        expect(paintutils.drawLine).toError("bad argument #4 (number expected, got nil)", 1, 1, 1)
        expect(paintutils.drawBox).toError("bad argument #5 (number expected, got string)", 1, 1, 1, 1, "x")
    end)
end)

h.finish()
