--- keys: key codes as sent in `key`/`key_up` events. These are CC:Tweaked's
-- current (GLFW-based) codes; the host's input layer emits the same ones.

local expect = dofile("rom/modules/main/cc/expect.lua").expect

-- code -> name
local names = {
    [32] = "space", [39] = "apostrophe", [44] = "comma", [45] = "minus",
    [46] = "period", [47] = "slash", [59] = "semicolon", [61] = "equals",
    [91] = "leftBracket", [92] = "backslash", [93] = "rightBracket", [96] = "grave",
    [257] = "enter", [258] = "tab", [259] = "backspace", [260] = "insert",
    [261] = "delete", [262] = "right", [263] = "left", [264] = "down", [265] = "up",
    [266] = "pageUp", [267] = "pageDown", [268] = "home", [269] = "end",
    [280] = "capsLock", [281] = "scrollLock", [282] = "numLock",
    [283] = "printScreen", [284] = "pause",
    [330] = "numPadDecimal", [331] = "numPadDivide", [332] = "numPadMultiply",
    [333] = "numPadSubtract", [334] = "numPadAdd", [335] = "numPadEnter",
    [336] = "numPadEqual",
    [340] = "leftShift", [341] = "leftCtrl", [342] = "leftAlt", [343] = "leftSuper",
    [344] = "rightShift", [345] = "rightCtrl", [346] = "rightAlt", [348] = "menu",
}

-- Digits 48..57, letters 65..90, F1..F25 at 290.., keypad digits at 320..
local digits = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine" }
for i, name in ipairs(digits) do names[47 + i] = name end
for code = 65, 90 do names[code] = string.char(code + 32) end
for n = 1, 25 do names[289 + n] = "f" .. n end
for n = 0, 9 do names[320 + n] = "numPad" .. n end

-- The API's environment; gopher-lua has no _ENV, only getfenv.
local env = _ENV or getfenv(1)
for code, name in pairs(names) do env[name] = code end

-- Older names kept for compatibility (including CC's historic typo).
env["return"] = env.enter
scollLock = env.scrollLock

--- The name of a key code (one of the constants above), or nil.
function getName(code)
    expect(1, code, "number")
    return names[code]
end
