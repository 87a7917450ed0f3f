-- How numbers turn into strings: tostring, .., print, string.format("%s"), table.concat.
local values = {0, -0.0, 1, -1, 1.5, 1e15, 1e16, 1e100, 2^53, 2^63, -2^63, 1/3, 100.0, 3.14159265358979, 1e-10, 123e-7, 2^-1074}
for _, v in ipairs(values) do
  print(v, tostring(v), v .. "", ("%s"):format(v), table.concat({v}))
end
print(1/0 .. "", -1/0 .. "", tostring(1/0))
print(#tostring(12345.678), 12345.678 .. "|")
print(("x"):rep(2) .. 1 .. 2.0)
print(string.rep(1.0, 2), ("%d"):format(1.0))
print(math.floor(5.0) .. "", 10 / 2 .. "", 2^2 .. "")
