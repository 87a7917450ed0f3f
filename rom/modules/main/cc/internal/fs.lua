--- cc.internal.fs: the parts of the `fs` API written in Lua (find,
-- complete, isDriveRoot). The bios adds them to the native table:
--   dofile("rom/modules/main/cc/internal/fs.lua").install(fs)
-- (the module is also callable: `dofile(...)(fs)`).

local expect_mod = dofile("rom/modules/main/cc/expect.lua")
local expect, field = expect_mod.expect, expect_mod.field

-- Lua pattern for one path segment with wildcards: `*` any run of
-- characters, `?` one character, everything else literal.
local function segment_pattern(segment)
    local escaped = segment:gsub("[%^%$%(%)%%%.%[%]%+%-%*%?]", function(c)
        if c == "*" then return ".*" end
        if c == "?" then return "." end
        return "%" .. c
    end)
    return "^" .. escaped .. "$"
end

local function sorted_list(fs, dir)
    local names = fs.list(dir)
    table.sort(names)
    return names
end

-- Walk the segments from `path`, adding every existing match to `out`.
local function find_from(fs, path, segments, i, out)
    local segment = segments[i]
    if not segment then
        if fs.exists(path) then out[#out + 1] = path end
    elseif not segment.pattern then
        find_from(fs, fs.combine(path, segment.text), segments, i + 1, out)
    elseif fs.isDir(path) then
        for _, name in ipairs(sorted_list(fs, path)) do
            if name:find(segment.pattern) then
                find_from(fs, fs.combine(path, name), segments, i + 1, out)
            end
        end
    end
end

local function make_find(fs)
    --- Paths matching `pattern`, where `*` and `?` match within one segment.
    return function(pattern)
        expect(1, pattern, "string")
        pattern = fs.combine(pattern)
        if pattern == ".." or pattern:sub(1, 3) == "../" then
            error("/" .. pattern .. ": Invalid Path", 2)
        end
        if not pattern:find("[*?]") then
            if fs.exists(pattern) then return { pattern } end
            return {}
        end

        local segments = {}
        for text in pattern:gmatch("[^/]+") do
            segments[#segments + 1] = {
                text = text,
                pattern = text:find("[*?]") and segment_pattern(text) or nil,
            }
        end
        local out = {}
        find_from(fs, "", segments, 1, out)
        return out
    end
end

-- Split `path` (relative to `location`, or to the root if it starts with a
-- slash) into the directory to list and the partial name to complete.
local function split_partial(fs, path, location)
    local dir, start = location, 1
    if path:find("^[/\\]") then dir, start = "", 2 end
    while true do
        local slash = path:find("[/\\]", start)
        if not slash then return dir, path:sub(start) end
        dir = fs.combine(dir, path:sub(start, slash - 1))
        start = slash + 1
    end
end

local function make_complete(fs)
    --- Completions for a partial path, for use with read(). Directories give
    -- "name/" and (with include_dirs) "name"; see CC's fs.complete.
    return function(path, location, include_files, include_dirs)
        expect(1, path, "string")
        expect(2, location, "string")
        local include_hidden
        if type(include_files) == "table" then
            local options = include_files
            include_dirs = field(options, "include_dirs", "boolean", "nil")
            include_hidden = field(options, "include_hidden", "boolean", "nil")
            include_files = field(options, "include_files", "boolean", "nil")
        else
            expect(3, include_files, "boolean", "nil")
            expect(4, include_dirs, "boolean", "nil")
        end
        include_hidden = include_hidden ~= false
        include_files = include_files ~= false
        include_dirs = include_dirs ~= false

        local dir, partial = split_partial(fs, path, location)
        if not fs.isDir(dir) then return {} end

        local results = {}
        if include_dirs and path == "" then results[#results + 1] = "." end
        if dir ~= "" then
            if path == "" then
                results[#results + 1] = include_dirs and ".." or "../"
            elseif path == "." then
                results[#results + 1] = include_dirs and "." or "./"
            end
        end
        for _, name in ipairs(fs.list(dir)) do
            local visible = include_hidden or name:sub(1, 1) ~= "." or partial:sub(1, 1) == "."
            if visible and #name >= #partial and name:sub(1, #partial) == partial then
                local rest = name:sub(#partial + 1)
                if fs.isDir(fs.combine(dir, name)) then
                    results[#results + 1] = rest .. "/"
                    if include_dirs and #rest > 0 then results[#results + 1] = rest end
                elseif include_files and #rest > 0 then
                    results[#results + 1] = rest
                end
            end
        end
        return results
    end
end

local function make_is_drive_root(fs)
    --- Whether `path` is the root or a mount point (its drive differs from
    -- its parent's).
    return function(path)
        expect(1, path, "string")
        return fs.getDir(path) == ".." or fs.getDrive(path) ~= fs.getDrive(fs.getDir(path))
    end
end

--- Add find, complete and isDriveRoot to the given fs table; returns it.
local function install(fs)
    fs.find = make_find(fs)
    fs.complete = make_complete(fs)
    fs.isDriveRoot = make_is_drive_root(fs)
    return fs
end

return setmetatable({ install = install }, {
    __call = function(_, fs) return install(fs) end,
})
