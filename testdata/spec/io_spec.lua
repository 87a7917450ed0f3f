-- Spec for rom/apis/io.lua (over fs handles).
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
h.fs_stub()
local io_api = h.api("io")

local dir = ".spec_tmp_io"
local function path(name) return dir .. "/" .. name end

local function write_file(name, contents)
    local f = assert(fs.open(path(name), "w"))
    f.write(contents)
    f.close()
end

local function read_file(name)
    local f = assert(fs.open(path(name), "r"))
    local contents = f.readAll()
    f.close()
    return contents
end

fs.delete(dir)
fs.makeDir(dir)

describe("io.open", function()
    it("opens files for reading", function()
        write_file("a.txt", "line 1\nline 2\n")
        local f = io_api.open(path("a.txt"))
        expect(io_api.type(f)).toBe("file")
        expect(f:read()).toBe("line 1")
        expect(f:read("L")).toBe("line 2\n")
        expect(f:read()).toBe(nil)
        expect(f:close()).toBe(true)
        expect(io_api.type(f)).toBe("closed file")
        expect(tostring(f)).toBe("file (closed)")
    end)

    it("returns nil and a message for missing files", function()
        local f, err = io_api.open(path("missing.txt"), "r")
        expect(f).toBe(nil)
        expect(type(err)).toBe("string")
        expect(err:find("missing.txt", 1, true) ~= nil).toBe(true)
    end)

    it("writes and chains", function()
        local f = io_api.open(path("w.txt"), "w")
        expect(f:write("a", 1, "b")).toBe(f)
        f:write("\n"):write("c")
        f:close()
        expect(read_file("w.txt")).toBe("a1b\nc")
    end)

    it("appends", function()
        write_file("ap.txt", "x")
        local f = io_api.open(path("ap.txt"), "a")
        f:write("y")
        f:close()
        expect(read_file("ap.txt")).toBe("xy")
    end)

    it("checks arguments", function()
        expect(io_api.open).toError("bad argument #1 (string expected, got nil)", nil)
        expect(io_api.open).toError("bad argument #2 (string expected, got number)", "x", 1)
        local f = io_api.open(path("w2.txt"), "w")
        expect(f.write).toError("bad argument #1 (string or number expected, got table)", f, {})
        f:close()
    end)
end)

describe("file:read", function()
    it("reads every format", function()
        write_file("f.txt", "hello\nworld\n12 -3.5e1 rest")
        local f = io_api.open(path("f.txt"))
        expect(f:read("*l")).toBe("hello")
        expect(f:read(3)).toBe("wor")
        expect(f:read("*L")).toBe("ld\n")
        expect(f:read("n")).toBe(12)
        expect(f:read("*n")).toBe(-35)
        expect(f:read("a")).toBe(" rest")
        expect(f:read("a")).toBe("")
        expect(f:read("l")).toBe(nil)
        expect(f:read(1)).toBe(nil)
        f:close()
    end)

    it("reads several formats at once, stopping at the first nil", function()
        write_file("m.txt", "a\nb\n")
        local f = io_api.open(path("m.txt"))
        local r = table.pack(f:read("l", "l", "l", "l"))
        expect(r.n).toBe(4)
        expect({ r[1], r[2], r[3], r[4] }).toEqual({ "a", "b" })
        f:close()
    end)

    it("rejects bad formats", function()
        write_file("b.txt", "x")
        local f = io_api.open(path("b.txt"))
        expect(f.read).toError("bad argument #1 (invalid format)", f, "x")
        expect(f.read).toError("bad argument #2 (string expected, got table)", f, "l", {})
        f:close()
    end)

    it("fails on closed files", function()
        write_file("c.txt", "x")
        local f = io_api.open(path("c.txt"))
        f:close()
        expect(f.read).toError("attempt to use a closed file", f)
        expect(f.close).toError("attempt to use a closed file", f)
        expect(f.write).toError("attempt to use a closed file", f, "x")
        expect(f.read).toError("bad argument #1 (FILE expected, got table)", {})
    end)
end)

describe("file:seek and file:lines", function()
    it("seeks", function()
        write_file("s.txt", "0123456789")
        local f = io_api.open(path("s.txt"), "rb")
        expect(f:seek()).toBe(0)
        expect(f:seek("set", 4)).toBe(4)
        expect(f:read(2)).toBe("45")
        expect(f:seek("cur")).toBe(6)
        expect(f:seek("end")).toBe(10)
        expect(f:seek("end", -3)).toBe(7)
        expect(f:read("a")).toBe("789")
        f:close()
    end)

    it("iterates lines with formats", function()
        write_file("l.txt", "a\nb\nc")
        local f = io_api.open(path("l.txt"))
        local got = {}
        for line in f:lines() do got[#got + 1] = line end
        expect(got).toEqual({ "a", "b", "c" })
        expect(io_api.type(f)).toBe("file") -- file:lines does not close
        f:close()

        f = io_api.open(path("l.txt"))
        got = {}
        for line in f:lines("L") do got[#got + 1] = line end
        expect(got).toEqual({ "a\n", "b\n", "c" })
        f:close()
    end)

    it("supports setvbuf and flush", function()
        local f = io_api.open(path("v.txt"), "w")
        f:setvbuf("no")
        f:write("x")
        expect(f:flush()).toBe(true)
        f:close()
        expect(read_file("v.txt")).toBe("x")
    end)
end)

describe("io.lines", function()
    it("iterates and closes the file", function()
        write_file("il.txt", "1\n2\n3\n")
        local got = {}
        for line in io_api.lines(path("il.txt")) do got[#got + 1] = line end
        expect(got).toEqual({ "1", "2", "3" })
        local numbers = {}
        for n in io_api.lines(path("il.txt"), "n") do numbers[#numbers + 1] = n end
        expect(numbers).toEqual({ 1, 2, 3 })
    end)

    it("errors when the file cannot be opened", function()
        expect(io_api.lines).toError({ "missing" }, path("missing"))
        expect(io_api.lines).toError("bad argument #1 (string expected, got number)", 1)
    end)
end)

describe("io.input and io.output", function()
    it("switch the default files", function()
        write_file("in.txt", "first\nsecond\n")
        local old_in, old_out = io_api.input(), io_api.output()
        expect(old_in).toBe(io_api.stdin)
        expect(old_out).toBe(io_api.stdout)

        io_api.input(path("in.txt"))
        expect(io_api.read()).toBe("first")
        expect(io_api.read("l")).toBe("second")
        local got = {}
        for line in io_api.lines() do got[#got + 1] = line end
        expect(got).toEqual({})
        io_api.input():close()

        local out = io_api.output(path("out.txt"))
        expect(io_api.write("a", 2)).toBe(out)
        io_api.close()
        expect(read_file("out.txt")).toBe("a2")

        io_api.input(old_in)
        io_api.output(old_out)
        expect(io_api.input()).toBe(io_api.stdin)
        expect(io_api.output).toError("bad argument #1 (FILE expected, got number)", 1)
    end)
end)

describe("standard streams", function()
    it("write through the global write", function()
        local written = {}
        local old = _G.write
        _G.write = function(s) written[#written + 1] = s end
        local ok, err = pcall(function()
            io_api.write("x", 1)
            io_api.stdout:write("y")
        end)
        _G.write = old
        assert(ok, err)
        expect(written).toEqual({ "x", 1, "y" })
    end)

    it("read through the global read", function()
        local old = _G.read
        _G.read = function() return "typed" end
        local ok, a, b = pcall(function() return io_api.read(), io_api.stdin:read("L") end)
        _G.read = old
        expect(ok).toBe(true)
        expect(a).toBe("typed")
        expect(b).toBe("typed\n")
    end)

    it("cannot be closed", function()
        local ok, err = io_api.stdout:close()
        expect(ok).toBe(nil)
        expect(err).toBe("attempt to close standard stream")
        expect(io_api.type(io_api.stderr)).toBe("file")
        expect(io_api.type({})).toBe(nil)
        expect(io_api.type(nil)).toBe(nil)
    end)
end)

describe("fs additions", function()
    local install = h.require("cc.internal.fs")
    local target = setmetatable({}, { __index = fs })
    install.install(target)

    it("finds files with wildcards", function()
        fs.makeDir(path("find/sub"))
        write_file("find/a.lua", "")
        write_file("find/b.lua", "")
        write_file("find/b.txt", "")
        write_file("find/sub/c.lua", "")
        write_file("find/x%y.lua", "")
        local base = path("find")
        expect(target.find(base .. "/*.lua")).toEqual({ base .. "/a.lua", base .. "/b.lua", base .. "/x%y.lua" })
        expect(target.find(base .. "/?.*")).toEqual({ base .. "/a.lua", base .. "/b.lua", base .. "/b.txt" })
        expect(target.find(base .. "/*/c.lua")).toEqual({ base .. "/sub/c.lua" })
        expect(target.find(base .. "/*")).toEqual({ base .. "/a.lua", base .. "/b.lua", base .. "/b.txt",
            base .. "/sub", base .. "/x%y.lua" })
        expect(target.find(base .. "/a.lua")).toEqual({ base .. "/a.lua" })
        expect(target.find(base .. "/nope")).toEqual({})
        expect(target.find(base .. "/x%y.*")).toEqual({ base .. "/x%y.lua" })
        expect(target.find("/" .. base .. "/../find/s?b")).toEqual({ base .. "/sub" })
        expect(target.find).toError("/../x: Invalid Path", "../x")
        expect(target.find).toError("bad argument #1 (string expected, got nil)", nil)
    end)

    it("completes paths", function()
        local base = path("find")
        expect(target.complete("a", base)).toEqual({ ".lua" })
        expect(target.complete("b", base)).toEqual({ ".lua", ".txt" })
        expect(target.complete("s", base)).toEqual({ "ub/", "ub" })
        expect(target.complete("s", base, false, false)).toEqual({ "ub/" })
        expect(target.complete("sub/", base)).toEqual({ "c.lua" })
        expect(target.complete("b", base, { include_files = false })).toEqual({})
        expect(target.complete("q", base)).toEqual({})
        expect(target.complete).toError("bad argument #2 (string expected, got nil)", "")
    end)

    it("knows drive roots", function()
        expect(target.isDriveRoot("")).toBe(true)
        expect(target.isDriveRoot("rom")).toBe(true)
        expect(target.isDriveRoot("rom/apis")).toBe(false)
        expect(target.isDriveRoot(dir)).toBe(false)
    end)
end)

fs.delete(dir)
h.finish()
