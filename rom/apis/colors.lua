--- colors: the 16 terminal colours as bit flags, and helpers to combine
-- them and convert between RGB and blit characters.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

white = 0x1
orange = 0x2
magenta = 0x4
lightBlue = 0x8
yellow = 0x10
lime = 0x20
pink = 0x40
gray = 0x80
lightGray = 0x100
cyan = 0x200
purple = 0x400
blue = 0x800
brown = 0x1000
green = 0x2000
red = 0x4000
black = 0x8000

--- Union of all given colour sets.
function combine(...)
    local result = 0
    for i = 1, select("#", ...) do
        local c = select(i, ...)
        expect(i, c, "number")
        result = bit32.bor(result, c)
    end
    return result
end

--- `colors` with every colour in `...` removed.
function subtract(colors, ...)
    expect(1, colors, "number")
    local result = colors
    for i = 1, select("#", ...) do
        local c = select(i, ...)
        expect(i + 1, c, "number")
        result = bit32.band(result, bit32.bnot(c))
    end
    return result
end

--- Whether every colour in `color` is part of `colors`.
function test(colors, color)
    expect(1, colors, "number")
    expect(2, color, "number")
    return bit32.band(colors, color) == color
end

-- A channel in [0, 1] as a byte; truncated (not rounded), as CC does.
local function channel(x)
    return bit32.band(math.floor(x * 255), 0xFF)
end

--- Pack three channels in [0, 1] into one 0xRRGGBB number.
function packRGB(r, g, b)
    expect(1, r, "number")
    expect(2, g, "number")
    expect(3, b, "number")
    return channel(r) * 0x10000 + channel(g) * 0x100 + channel(b)
end

--- Split a 0xRRGGBB number into three channels in [0, 1].
function unpackRGB(rgb)
    expect(1, rgb, "number")
    return bit32.band(bit32.rshift(rgb, 16), 0xFF) / 255,
        bit32.band(bit32.rshift(rgb, 8), 0xFF) / 255,
        bit32.band(rgb, 0xFF) / 255
end

--- Old combined form: one argument unpacks, three arguments pack.
function rgb8(r, g, b)
    if g == nil and b == nil then return unpackRGB(r) end
    return packRGB(r, g, b)
end

--- The blit character ("0"-"f") of a single colour.
function toBlit(color)
    expect(1, color, "number")
    -- frexp gives the exponent of the highest set bit, plus one.
    local _, exponent = math.frexp(color)
    return string.format("%x", exponent - 1)
end

--- The colour of a blit character, or nil when it is not one.
function fromBlit(hex)
    expect(1, hex, "string")
    if #hex ~= 1 then return nil end
    local value = tonumber(hex, 16)
    if not value then return nil end
    return 2 ^ value
end
