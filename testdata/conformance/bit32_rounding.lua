-- bit32 converts non-integral numbers by rounding (lua_tounsigned), not truncating.
print(bit32.band(1.9), bit32.band(-1.5), bit32.band(2.5), bit32.bor(0.5), bit32.bnot(0.7))
