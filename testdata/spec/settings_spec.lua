-- Spec for rom/apis/settings.lua.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
h.event_stubs()
h.fs_stub()
h.api("textutils")
local settings = h.api("settings")

local tmp = ".spec_tmp_settings"

-- Each test starts from a clean slate (but keeps the bios' definitions).
local function reset(names)
    for _, name in ipairs(names) do
        settings.undefine(name)
        settings.unset(name)
    end
end

describe("settings", function()
    it("sets, gets and unsets values", function()
        reset({ "spec.a" })
        expect(settings.get("spec.a")).toBe(nil)
        expect(settings.get("spec.a", 5)).toBe(5)
        settings.set("spec.a", "x")
        expect(settings.get("spec.a")).toBe("x")
        expect(settings.get("spec.a", 5)).toBe("x")
        settings.unset("spec.a")
        expect(settings.get("spec.a")).toBe(nil)
    end)

    it("uses defined defaults", function()
        reset({ "spec.d" })
        settings.define("spec.d", { description = "A test", default = 3, type = "number" })
        expect(settings.get("spec.d")).toBe(3)
        expect(settings.get("spec.d", 7)).toBe(7)
        settings.set("spec.d", 4)
        expect(settings.get("spec.d")).toBe(4)
        expect(settings.getDetails("spec.d")).toEqual({
            description = "A test", default = 3, type = "number", value = 4, changed = true,
        })
        settings.unset("spec.d")
        expect(settings.getDetails("spec.d")).toEqual({
            description = "A test", default = 3, type = "number", value = 3, changed = false,
        })
        reset({ "spec.d" })
        expect(settings.getDetails("spec.d")).toEqual({ changed = false })
    end)

    it("checks types of defined settings", function()
        reset({ "spec.t" })
        settings.define("spec.t", { type = "boolean" })
        expect(settings.set).toError("bad argument #2 (boolean expected, got string)", "spec.t", "yes")
        settings.set("spec.t", true)
        expect(settings.get("spec.t")).toBe(true)
        expect(settings.define).toError('Unknown type "thing". Expected one of number, string, boolean, table.',
            "spec.t", { type = "thing" })
        reset({ "spec.t" })
    end)

    it("rejects values that cannot be saved", function()
        expect(settings.set).toError("bad argument #2 (number, string, boolean or table expected, got nil)", "spec.x", nil)
        expect(settings.set).toError("bad argument #2 (number, string, boolean or table expected, got function)",
            "spec.x", print)
        expect(settings.set).toError("Cannot serialize type function", "spec.x", { print })
        expect(settings.set).toError("bad argument #1 (string expected, got number)", 1, 1)
        expect(settings.get).toError("bad argument #1 (string expected, got nil)")
        expect(settings.define).toError("bad field 'description' (string expected, got number)", "x", { description = 1 })
    end)

    it("copies tables in and out", function()
        reset({ "spec.tbl" })
        local value = { 1, { 2 } }
        settings.set("spec.tbl", value)
        value[1] = 99
        local got = settings.get("spec.tbl")
        expect(got).toEqual({ 1, { 2 } })
        got[2][1] = 99
        expect(settings.get("spec.tbl")).toEqual({ 1, { 2 } })
        reset({ "spec.tbl" })
    end)

    it("lists names of defined and set settings", function()
        reset({ "spec.n1", "spec.n2" })
        settings.define("spec.n2")
        settings.set("spec.n1", 1)
        local names, found = settings.getNames(), {}
        for i, name in ipairs(names) do
            found[name] = true
            if i > 1 then expect(names[i - 1] < name).toBe(true) end
        end
        expect(found["spec.n1"] and found["spec.n2"]).toBe(true)
        reset({ "spec.n1", "spec.n2" })
    end)

    it("queues setting_changed on real changes", function()
        reset({ "spec.ev" })
        settings.set("spec.ev", 1)
        settings.set("spec.ev", 1) -- no change, no event
        settings.set("spec.ev", 2)
        os.queueEvent("spec_end")
        local got = {}
        while true do
            local ev = table.pack(os.pullEvent())
            if ev[1] == "spec_end" then break end
            if ev[1] == "setting_changed" and ev[2] == "spec.ev" then got[#got + 1] = { ev[3], ev[4] } end
        end
        expect(got).toEqual({ { 1 }, { 2, 1 } })
        reset({ "spec.ev" })
    end)

    it("saves and loads a file", function()
        settings.clear()
        settings.set("spec.s1", "text")
        settings.set("spec.s2", { a = 1 })
        expect(settings.save(tmp)).toBe(true)

        local f = fs.open(tmp, "r")
        local text = f.readAll()
        f.close()
        expect(textutils.unserialize(text)).toEqual({ ["spec.s1"] = "text", ["spec.s2"] = { a = 1 } })

        settings.clear()
        expect(settings.get("spec.s1")).toBe(nil)
        expect(settings.load(tmp)).toBe(true)
        expect(settings.get("spec.s1")).toBe("text")
        expect(settings.get("spec.s2")).toEqual({ a = 1 })
        settings.clear()
        fs.delete(tmp)
    end)

    it("skips loaded values of the wrong type", function()
        local f = fs.open(tmp, "w")
        f.write('{ ["spec.typed"] = "str", ["spec.free"] = 5, [3] = 1 }')
        f.close()
        reset({ "spec.typed", "spec.free" })
        settings.define("spec.typed", { type = "number", default = 1 })
        expect(settings.load(tmp)).toBe(true)
        expect(settings.get("spec.typed")).toBe(1)
        expect(settings.get("spec.free")).toBe(5)
        reset({ "spec.typed", "spec.free" })
        fs.delete(tmp)
    end)

    it("fails to load missing or corrupt files", function()
        expect(settings.load(".spec_tmp_missing")).toBe(false)
        local f = fs.open(tmp, "w")
        f.write("{ not lua")
        f.close()
        expect(settings.load(tmp)).toBe(false)
        fs.delete(tmp)
    end)
end)

if fs.exists(tmp) then fs.delete(tmp) end
h.finish()
