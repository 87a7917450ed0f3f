-- Found by the conformance generator: seed 3005, shrunk.
-- Regenerate: CONFORMANCE_SEED=3005 CONFORMANCE_N=1 go test ./internal/conformance -run TestGenerated -v
-- lua5.2 prints:
--   
-- craftos printed (before the fix):
--   ERROR	gen:2: bad argument #1 to 'max' (number expected, got function)
local function f14(p15)
  p15 = math.max(p15, 5), p15
end
local n34 = 10
local n35, n36 = n34, (f14(n34))
