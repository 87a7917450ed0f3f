-- % is a - floor(a/b)*b (Lua 5.2's luai_nummod); -0 survives arithmetic.
local x, m = 0, -1
local y = x * m
print(y, 1 / y, x * -1, -x, 0 * -1, -0.0)
local a, d, h = 1e308, 0.1, math.huge
print(a % 3, d % 0.01, 5.5 % -2, 7 % -3, -7 % 3, "10" % 3, 2^53 % 7)
print(h % 2 ~= h % 2, 5 % h ~= 5 % h, -5 % h ~= -5 % h)
for _, p in ipairs({{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {7.5, 2}, {-7.5, 2}, {1, 0.1}, {0, 5}, {-0.0, 5}}) do
  print(p[1], p[2], p[1] % p[2], math.fmod(p[1], p[2]))
end
