-- Found by the conformance generator: seed 4727, shrunk.
-- Regenerate: CONFORMANCE_SEED=4727 CONFORMANCE_N=1 go test ./internal/conformance -run TestGenerated -v
-- lua5.2 prints:
--   ERROR	gen:2: attempt to perform arithmetic on a string value
-- craftos prints:
--   ERROR	gen:2: attempt to perform arithmetic on constant '' (a string value)
for i34 = 1, 1 do
  print((#((false and "a" or "")) ^ 3))
end
