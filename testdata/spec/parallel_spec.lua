-- Spec for rom/apis/parallel.lua. Events are queued with os.queueEvent and
-- read back through parallel's own os.pullEventRaw loop.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect
h.event_stubs()
local parallel = h.api("parallel")

describe("parallel.waitForAny", function()
    it("returns 0 with no functions", function()
        expect(parallel.waitForAny()).toBe(0)
        expect(parallel.waitForAll()).toBe(0)
    end)

    it("returns the index of the first to finish", function()
        local ran = {}
        local index = parallel.waitForAny(
            function() os.pullEvent("spec_never") ran[1] = true end,
            function() ran[2] = true end,
            function() ran[3] = true end)
        expect(index).toBe(2)
        -- waitForAny stops as soon as one finishes: the third never ran.
        expect(ran).toEqual({ [2] = true })
    end)

    it("runs the first round with no event", function()
        local count
        parallel.waitForAny(function(...) count = select("#", ...) end)
        expect(count).toBe(0)
    end)

    it("gives each coroutine the events it filters for", function()
        local log = {}
        os.queueEvent("spec_b", 2)
        os.queueEvent("spec_a", 1)
        os.queueEvent("spec_done")
        parallel.waitForAll(
            function()
                local _, v = os.pullEvent("spec_a")
                log[#log + 1] = "a" .. v
            end,
            function()
                local _, v = os.pullEvent("spec_b")
                log[#log + 1] = "b" .. v
            end)
        expect(log).toEqual({ "b2", "a1" })
        -- Drain our marker so later tests start clean.
        expect(os.pullEvent("spec_done")).toBe("spec_done")
    end)

    it("passes all event values, including trailing nils", function()
        local got
        os.queueEvent("spec_vals", 1, nil, "x", nil)
        parallel.waitForAny(function() got = table.pack(os.pullEvent("spec_vals")) end)
        expect(got.n).toBe(5)
        expect(got[1]).toBe("spec_vals")
        expect(got[4]).toBe("x")
    end)

    it("always delivers terminate", function()
        local got
        os.queueEvent("terminate")
        parallel.waitForAny(function() got = os.pullEventRaw("spec_never") end)
        expect(got).toBe("terminate")
    end)

    it("propagates Terminated from pullEvent", function()
        os.queueEvent("terminate")
        expect(parallel.waitForAny).toError("Terminated", function() os.pullEvent("spec_never") end)
    end)

    it("propagates errors", function()
        expect(parallel.waitForAny).toError("boom", function() error("boom", 0) end)
        expect(parallel.waitForAll).toError({ "oops$" }, function() coroutine.yield() end,
            function() error("oops") end)
    end)

    it("resumes coroutines in argument order", function()
        local log = {}
        os.queueEvent("spec_tick")
        parallel.waitForAll(
            function() log[#log + 1] = 1 os.pullEvent("spec_tick") log[#log + 1] = 4 end,
            function() log[#log + 1] = 2 os.pullEvent("spec_tick") log[#log + 1] = 5 end,
            function() log[#log + 1] = 3 end)
        expect(log).toEqual({ 1, 2, 3, 4, 5 })
    end)

    it("checks its arguments", function()
        expect(parallel.waitForAny).toError("bad argument #1 (function expected, got nil)", nil)
        expect(parallel.waitForAny).toError("bad argument #2 (function expected, got number)", print, 1)
        expect(parallel.waitForAll).toError("bad argument #1 (function expected, got string)", "x")
    end)
end)

describe("parallel.waitForAll", function()
    it("waits for every function and returns the last index", function()
        local done = {}
        os.queueEvent("spec_one")
        os.queueEvent("spec_two")
        local index = parallel.waitForAll(
            function() os.pullEvent("spec_two") done[#done + 1] = 1 end,
            function() os.pullEvent("spec_one") done[#done + 1] = 2 end,
            function() done[#done + 1] = 3 end)
        expect(done).toEqual({ 3, 2, 1 })
        expect(index).toBe(1)
    end)

    it("keeps a coroutine's filter until its event comes", function()
        local seen = {}
        os.queueEvent("spec_other")
        os.queueEvent("spec_other")
        os.queueEvent("spec_mine", "ok")
        parallel.waitForAll(function()
            local _, v = os.pullEventRaw("spec_mine")
            seen[#seen + 1] = v
        end)
        expect(seen).toEqual({ "ok" })
    end)
end)

h.finish()
