-- require of the standard libraries returns them.
local ok, d = pcall(require, "debug")
print(ok, d == debug)
local ok2, s = pcall(require, "string")
print(ok2, s == string)
local ok3, e = pcall(require, "no.such.module")
print(ok3, type(e))
print(type(package), type(package and package.loaded))
