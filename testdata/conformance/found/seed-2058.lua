-- Found by the conformance generator: seed 2058, shrunk.
-- Regenerate: CONFORMANCE_SEED=2058 CONFORMANCE_N=1 go test ./internal/conformance -run TestGenerated -v
-- lua5.2 prints:
--   
-- craftos printed (before the fix):
--   ERROR	gen:2: bad argument #1 to 'abs' (number expected, got function)
local function f18(p19)
  p19 = math.abs(p19), 0
end
if false then
elseif (100 > 100) then
elseif true then
  for i30 = 1, 0, -0.3 do
    local m31, m32 = f18(1e3)
  end
else
end
