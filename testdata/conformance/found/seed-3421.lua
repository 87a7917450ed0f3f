-- Found by the conformance generator: seed 3421, shrunk.
-- Regenerate: CONFORMANCE_SEED=3421 CONFORMANCE_N=1 go test ./internal/conformance -run TestGenerated -v
-- lua5.2 prints:
--   tab	nl\n	q"t2
-- craftos printed (before the fix):
--   ERROR	runtime error: invalid memory address or nil pointer dereference
local function f7(p8, p9)
  p9 = select("#", p9, 10), p8
  return p9, p9, p9
end
print("tab\tnl\\n", 'q"t' .. (f7(1e3, -4)))
