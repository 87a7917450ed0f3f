-- motd: a message of the day. On a few dates a fixed greeting; otherwise a
-- random line from the files named in the motd.path setting (a
-- colon-separated list; files that do not exist are skipped).
local today = os.date("*t")
local greetings = {
    ["1/1"] = "Happy new year!",
    ["12/24"] = "Merry X-mas!",
    ["10/31"] = "OOoooOOOoooo! Spooky!",
    ["4/28"] = "Ed Balls",
}
local greeting = greetings[today.month .. "/" .. today.day]
if greeting then
    print(greeting)
    return
end

local lines = {}
for file in string.gmatch(settings.get("motd.path"), "[^:]+") do
    if fs.exists(file) then
        for line in io.lines(file) do lines[#lines + 1] = line end
    end
end
if #lines == 0 then
    print("missingno")
else
    print(lines[math.random(1, #lines)])
end
