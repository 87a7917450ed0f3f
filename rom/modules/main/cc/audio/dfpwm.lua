--- cc.audio.dfpwm: convert between DFPWM audio (1 bit per sample) and
-- lists of amplitudes from -128 to 127, as speaker.playAudio takes them.
--
-- The codec is DFPWM1a. Encoder and decoder share one predictor: a "charge"
-- that moves toward +127 on a 1 bit and -128 on a 0 bit, by a "strength"
-- that grows (up to 1023) while the bits repeat and shrinks (down to 8) when
-- they alternate; fixed point with 10 fractional bits. The encoder writes a 1
-- when the input is above the charge; the decoder smooths the charge (an
-- average on bit changes, then a low-pass filter). Bits go in each byte from
-- the least significant up.
--
-- make_encoder()/make_decoder() keep that state across calls, so one stream
-- can be converted in pieces; encode/decode convert a whole stream at once.

-- dofile, not require: the module also loads where no require exists.
local expect = dofile("rom/modules/main/cc/expect.lua").expect

local floor, char, byte = math.floor, string.char, string.byte
local concat = table.concat

local SCALE = 1024             -- 2^10, the fixed point unit
local HALF = 512               -- rounding term for a division by SCALE
local STRENGTH_MAX = SCALE - 1
local STRENGTH_MIN = 8         -- 2^(10 - 8 + 1)
local LOWPASS = 140            -- decoder's low-pass strength, out of 256

-- A predictor: given the next bit, returns the new charge.
local function new_predictor()
    local charge, strength, last_bit = 0, 0, false
    return function(bit)
        local target = bit and 127 or -128
        local next_charge = charge + floor((strength * (target - charge) + HALF) / SCALE)
        -- Always move at least one step unless the target is reached.
        if next_charge == charge and next_charge ~= target then
            next_charge = next_charge + (bit and 1 or -1)
        end
        if bit == last_bit then
            if strength ~= STRENGTH_MAX then strength = strength + 1 end
        elseif strength ~= 0 then
            strength = strength - 1
        end
        if strength < STRENGTH_MIN then strength = STRENGTH_MIN end
        charge, last_bit = next_charge, bit
        return charge
    end
end

--- A new encoder: a function taking a list of amplitudes (integers from
-- -128 to 127; fractions are rounded down) and returning DFPWM bytes, 1 per
-- 8 samples. A last group of fewer than 8 samples is padded with zeros.
local function make_encoder()
    local predict = new_predictor()
    local level = 0
    return function(input)
        expect(1, input, "table")
        local out, n = {}, 0
        for first = 1, #input, 8 do
            local value = 0
            for bit_index = 0, 7 do
                local pos = first + bit_index
                local sample = floor(input[pos] or 0)
                if sample > 127 or sample < -128 then
                    error(("Amplitude at position %d was %d, but should be between -128 and 127"):format(pos, sample), 2)
                end
                local bit = sample > level or (sample == level and sample == 127)
                if bit then value = value + 2 ^ bit_index end
                level = predict(bit)
            end
            n = n + 1
            out[n] = char(value)
        end
        return concat(out, "", 1, n)
    end
end

--- A new decoder: a function taking a string of DFPWM bytes and returning a
-- list of amplitudes, 8 per byte.
local function make_decoder()
    local predict = new_predictor()
    local filtered = 0
    local last_charge, last_bit = 0, false
    return function(input)
        expect(1, input, "string")
        local out, n = {}, 0
        for i = 1, #input do
            local value = byte(input, i)
            for _ = 1, 8 do
                local bit = value % 2 == 1
                value = (value - value % 2) / 2
                local charge = predict(bit)
                -- On a bit change, take the average with the last charge.
                local smoothed = charge
                if bit ~= last_bit then smoothed = floor((charge + last_charge + 1) / 2) end
                last_charge, last_bit = charge, bit
                filtered = filtered + floor(((smoothed - filtered) * LOWPASS + 128) / 256)
                n = n + 1
                out[n] = filtered
            end
        end
        return out
    end
end

--- Decode a whole DFPWM stream.
local function decode(input)
    expect(1, input, "string")
    return make_decoder()(input)
end

--- Encode a whole list of amplitudes.
local function encode(input)
    expect(1, input, "table")
    return make_encoder()(input)
end

return {
    make_encoder = make_encoder,
    encode = encode,
    make_decoder = make_decoder,
    decode = decode,
}
