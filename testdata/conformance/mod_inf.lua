-- 5.2's a % b is a - floor(a/b)*b, so a finite % an infinity is NaN (5.3 gives a or inf).
print(5 % math.huge, -5 % math.huge, 5 % -math.huge, -5 % -math.huge)
print(5 % math.huge ~= 5 % math.huge)
