-- Numeric strings are accepted where the string library expects numbers.
print(("abc"):sub("2"), ("abc"):byte("1"), ("x"):rep("3"), string.char("65"))
print(string.format("%5.1f", "2.25"), ("abc"):find("b", "1"))
