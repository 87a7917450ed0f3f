-- A numeric for converts numeric strings (forprep uses tonumber).
print(pcall(function() for i = "1", 2 do return i, type(i) end end))
print(pcall(function() for i = 1, "3" do end return "ok" end))
print(pcall(function() for i = 1, 3, "1" do end return "ok" end))
