--- help: find help topics on the computer. Topics are files in the folders
-- of a colon-separated search path (default "/rom/help"), named after the
-- topic with no extension, ".md" or ".txt".

local expect = dofile("rom/modules/main/cc/expect.lua").expect

local searchPath = "/rom/help"
local extensions = { "", ".md", ".txt" }

--- The colon-separated folders topics are looked up in.
function path()
    return searchPath
end

--- Replace the search path.
function setPath(newPath)
    expect(1, newPath, "string")
    searchPath = newPath
end

--- The file holding `topic`, or nil: the first match along the path.
function lookup(topic)
    expect(1, topic, "string")
    for dir in string.gmatch(searchPath, "[^:]+") do
        local base = fs.combine(dir, topic)
        for _, ext in ipairs(extensions) do
            local file = base .. ext
            if fs.exists(file) and not fs.isDir(file) then return file end
        end
    end
    return nil
end

-- A topic's name: the file name without a known extension.
local function topicName(file)
    for i = 2, #extensions do
        local ext = extensions[i]
        if #file > #ext and file:sub(-#ext) == ext then
            file = file:sub(1, -#ext - 1)
        end
    end
    return file
end

--- Every topic, sorted; "index" is always one.
function topics()
    local seen = { index = true }
    for dir in string.gmatch(searchPath, "[^:]+") do
        if fs.isDir(dir) then
            for _, file in ipairs(fs.list(dir)) do
                if file:sub(1, 1) ~= "." and not fs.isDir(fs.combine(dir, file)) then
                    seen[topicName(file)] = true
                end
            end
        end
    end
    local list = {}
    for name in pairs(seen) do list[#list + 1] = name end
    table.sort(list)
    return list
end

--- Completions of a partial topic name, for read().
function completeTopic(prefix)
    expect(1, prefix, "string")
    local out = {}
    for _, name in ipairs(topics()) do
        if #name > #prefix and name:sub(1, #prefix) == prefix then
            out[#out + 1] = name:sub(#prefix + 1)
        end
    end
    return out
end
