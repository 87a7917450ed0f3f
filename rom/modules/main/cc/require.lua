--- cc.require: builds the `require` and `package` a CraftOS program gets.
-- Each program has its own: modules are searched relative to the program's
-- folder first, then in /rom/modules/main.
--
--   local require, package = dofile("rom/modules/main/cc/require.lua").make(env, dir)

local expect = dofile("rom/modules/main/cc/expect.lua").expect

local function preloadSearcher(package)
    return function(name)
        if package.preload[name] then return package.preload[name], ":preload:" end
        return nil, "no field package.preload['" .. name .. "']"
    end
end

local function pathSearcher(package, env, dir)
    return function(name)
        local fileName = string.gsub(name, "%.", "/")
        local tried = {}
        for pattern in string.gmatch(package.path, "[^;]+") do
            local path = string.gsub(pattern, "%?", fileName)
            if string.sub(path, 1, 1) ~= "/" then path = fs.combine(dir, path) end
            if fs.exists(path) and not fs.isDir(path) then
                local fn, err = loadfile(path, nil, env)
                if fn then return fn, path end
                return nil, err
            end
            tried[#tried + 1] = "no file '" .. path .. "'"
        end
        return nil, table.concat(tried, "\n  ")
    end
end

local sentinel = {}

local function make(env, dir)
    expect(1, env, "table")
    expect(2, dir, "string")
    local package = {}
    -- The standard libraries the computer has, so require "debug" and the
    -- like return them (CC:Tweaked's own list stops at bit32, coroutine,
    -- math, string and table).
    package.loaded = {
        _G = _G, bit32 = bit32, coroutine = coroutine, debug = debug, io = io,
        math = math, os = os, package = package, string = string, table = table,
        utf8 = utf8,
    }
    package.path = "?;?.lua;?/init.lua;/rom/modules/main/?;/rom/modules/main/?.lua;/rom/modules/main/?/init.lua"
    package.config = "/\n;\n?\n!\n-"
    package.preload = {}
    package.loaders = { preloadSearcher(package), pathSearcher(package, env, dir) }
    package.searchers = package.loaders

    local function require(name)
        expect(1, name, "string")
        local loaded = package.loaded[name]
        if loaded == sentinel then
            error("loop or previous error loading module '" .. name .. "'", 0)
        end
        if loaded ~= nil then return loaded end
        local errors = {}
        for _, searcher in ipairs(package.loaders) do
            local loader, extra = searcher(name)
            if loader then
                package.loaded[name] = sentinel
                local ok, result = pcall(loader, name, extra)
                if not ok then
                    package.loaded[name] = nil
                    error(result, 0)
                end
                if result == nil then result = true end
                package.loaded[name] = result
                return result
            end
            if extra then errors[#errors + 1] = extra end
        end
        error("module '" .. name .. "' not found:\n  " .. table.concat(errors, "\n  "), 2)
    end
    return require, package
end

return { make = make }
