-- Operator precedence, short-circuit and/or, not.
print(2 + 3 * 4, (2 + 3) * 4, 2 ^ 3 ^ 2, -2 ^ 2, 2 * -3, not nil == true)
print(1 .. 2 .. 3, "a" .. 1 + 2, 1 + 2 .. "", 2 ^ -1 .. "")
print(1 < 2 == true, not 1 == 2, #"abc" + 1, -#"ab")
print(nil or "default", false or nil, nil and 1, 1 and 2, false and error("never"), 1 or error("never"))
print(0 and "zero is true", "" and "empty is true")
local calls = 0
local function side() calls = calls + 1 return true end
local _ = false and side()
_ = true or side()
_ = nil or side()
print(calls)
print(1 == 1.0, "1" == 1, nil == false, {} == {})
print(3 % -2, -3 % 2, 3 - -2, - - 2)
print(not not nil, not 0, not "")
local a = 5
print(a > 3 and "big" or "small", a > 10 and "big" or "small", a > 3 and false or "fallback")
print(1 + 2 < 4 and 5 .. 6 == "56")
print(2 ^ 2 ^ 0, (2 ^ 2) ^ 0, -3 ^ 2, (-3) ^ 2)
print("abc" < "abd" and 1 < 2, "a" .. "b" == "ab")
