-- list (ls, dir): the files and folders in a folder, folders first.
local args = { ... }
local folder = shell.dir()
if args[1] ~= nil then folder = shell.resolve(args[1]) end
if not fs.isDir(folder) then
    printError("Not a directory")
    return
end

local showHidden = settings.get("list.show_hidden")
local folders, files = {}, {}
for _, name in ipairs(fs.list(folder)) do
    if showHidden or string.sub(name, 1, 1) ~= "." then
        if fs.isDir(fs.combine(folder, name)) then
            folders[#folders + 1] = name
        else
            files[#files + 1] = name
        end
    end
end
table.sort(folders)
table.sort(files)
local folderColour = term.isColour() and colours.green or colours.lightGrey
textutils.pagedTabulate(folderColour, folders, colours.white, files)
