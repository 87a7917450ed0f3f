-- NaN's sign as printed by %.14g: x86 gives 0/0 the sign bit, so PUC prints -nan.
print(0/0, -(0/0), 1 % 0, 0 % 0)
print(math.fmod(1, 0), math.fmod(0, 0), (-8) ^ (1/3), math.huge - math.huge)
print(math.sqrt(-1), math.log(-1), math.acos(2))
