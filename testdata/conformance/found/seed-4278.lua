-- Found by the conformance generator: seed 4278, shrunk.
-- Regenerate: CONFORMANCE_SEED=4278 CONFORMANCE_N=1 go test ./internal/conformance -run TestGenerated -v
-- lua5.2 prints:
--   b13:	false
-- craftos printed (before the fix):
--   b13:	true
local b13, b14 = true, true
b13 = (not true and b13)
print("b13:", b13)
