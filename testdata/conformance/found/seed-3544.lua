-- Found by the conformance generator: seed 3544, shrunk.
-- Regenerate: CONFORMANCE_SEED=3544 CONFORMANCE_N=1 go test ./internal/conformance -run TestGenerated -v
-- lua5.2 prints:
--   false
--   false
--   false
--   false
--   false
-- craftos printed (before the fix):
--   ERROR	gen:3: attempt to compare two boolean values
for i8 = 3, 1, -0.5 do
  i8 = ((not false or true) and i8 or 3)
  print((i8 > i8))
end
