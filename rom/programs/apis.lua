-- apis: the names of the loaded APIs (every table in _G but _G itself,
-- plus shell, package and multishell, which live in programs'
-- environments), sorted and shown a page at a time.
local names, seen = {}, {}
local function add(name)
    if not seen[name] then
        seen[name] = true
        names[#names + 1] = name
    end
end
for name, value in pairs(_G) do
    if type(name) == "string" and type(value) == "table" and name ~= "_G" then add(name) end
end
add("shell")
add("package")
if multishell then add("multishell") end
table.sort(names)
textutils.pagedTabulate(names)
