-- Found by the conformance generator: seed 3635, shrunk.
-- Regenerate: CONFORMANCE_SEED=3635 CONFORMANCE_N=1 go test ./internal/conformance -run TestGenerated -v
-- lua5.2 prints:
--   ERROR	gen:1: attempt to perform arithmetic on a string value
-- craftos prints:
--   ERROR	gen:1: attempt to perform arithmetic on constant 'Lua' (a string value)
print(n15, (#((false and "3.5" or "Lua")) ^ 1), true, 7)
