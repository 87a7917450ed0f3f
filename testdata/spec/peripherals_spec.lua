-- Spec for emulated peripherals attached with periphemu, as a CC program
-- sees them: monitor, printer, drive, speaker and modem. The spec runner
-- keeps the printer's pages and the floppies in the computer's own folder
-- (printouts/, disks/), so what a device wrote can be read back here.
local h = dofile("testdata/spec/harness.lua")
local describe, it, expect = h.describe, h.it, h.expect

if not h.in_craftos or not periphemu then
    print("peripherals_spec: needs craftos, skipped")
    h.finish()
    return
end

-- The first argument of the first event of that name queued so far
-- (every event queued so far is taken).
local function queued(name)
    os.queueEvent("spec_end")
    local found
    while true do
        local ev, a = os.pullEvent()
        if ev == "spec_end" then return found end
        if ev == name and found == nil then found = a end
    end
end

describe("periphemu", function()
    it("knows the device types", function()
        local names = {}
        for _, n in ipairs(periphemu.names()) do names[n] = true end
        for _, n in ipairs({ "monitor", "printer", "drive", "speaker", "modem" }) do
            expect(names[n]).toBe(true)
        end
    end)
    it("attaches and removes, with events", function()
        expect(periphemu.create("top", "monitor")).toBe(true)
        expect(queued("peripheral")).toBe("top")
        expect(peripheral.isPresent("top")).toBe(true)
        expect(peripheral.getType("top")).toBe("monitor")
        expect(select(1, periphemu.create("top", "monitor"))).toBe(false)
        expect(periphemu.remove("top")).toBe(true)
        expect(queued("peripheral_detach")).toBe("top")
        expect(peripheral.isPresent("top")).toBe(false)
    end)
end)

describe("monitor", function()
    it("is a screen with the term methods and a text scale", function()
        periphemu.create("top", "monitor")
        local m = peripheral.wrap("top")
        local w, hgt = m.getSize()
        expect(w > 0 and hgt > 0).toBe(true)
        m.clear()
        m.setCursorPos(1, 1)
        m.write("dashboard")
        expect(select(1, m.getCursorPos())).toBe(10)
        expect(m.isColour()).toBe(true)
        expect(function() m.setTextScale(10) end).toError("Expected number in range 0.5-5")
        expect(peripheral.find("monitor") ~= nil).toBe(true)
        periphemu.remove("top")
    end)
end)

describe("printer", function()
    it("prints a page into a file", function()
        periphemu.create("left", "printer")
        local p = peripheral.wrap("left")
        expect(function() p.write("x") end).toError("Page not started")
        expect(p.newPage()).toBe(true)
        p.setPageTitle("Report")
        p.write("hello")
        p.setCursorPos(1, 2)
        p.write("world")
        expect({ p.getPageSize() }).toEqual({ 25, 21 })
        expect(p.endPage()).toBe(true)
        -- The ROM spec runner keeps pages in printouts/ of this computer;
        -- elsewhere (craftos test) they go to --printer-dir.
        if not fs.isDir("printouts") then periphemu.remove("left") return end
        local found
        for _, name in ipairs(fs.list("printouts")) do
            if name:find("Report") then found = name end
        end
        expect(found ~= nil).toBe(true)
        local text = h.readFile(fs.combine("printouts", found))
        expect(text:find("hello", 1, true) ~= nil and text:find("world", 1, true) ~= nil).toBe(true)
        periphemu.remove("left")
    end)
end)

describe("drive", function()
    it("mounts a floppy at /disk, with events", function()
        periphemu.create("right", "drive")
        local d = peripheral.wrap("right")
        expect(d.isDiskPresent()).toBe(false)
        d.insertDisk(7)
        expect(queued("disk")).toBe("right")
        expect(disk.isPresent("right")).toBe(true)
        expect(disk.hasData("right")).toBe(true)
        local path = disk.getMountPath("right")
        expect(fs.isDir(path)).toBe(true)
        h.writeFile(fs.combine(path, "note.txt"), "on the floppy")
        disk.eject("right")
        expect(queued("disk_eject")).toBe("right")
        expect(fs.exists(path)).toBe(false)
        -- The floppy keeps its files: inserted again, they are there.
        d.insertDisk(7)
        expect(queued("disk")).toBe("right")
        expect(h.readFile(fs.combine(disk.getMountPath("right"), "note.txt"))).toBe("on the floppy")
        periphemu.remove("right")
    end)
end)

describe("speaker", function()
    it("plays notes and takes audio", function()
        periphemu.create("back", "speaker")
        local s = peripheral.wrap("back")
        expect(s.playNote("harp", 1, 12)).toBe(true)
        expect(pcall(s.playNote, "no such instrument")).toBe(false)
        local samples = {}
        for i = 1, 100 do samples[i] = (i % 20) - 10 end
        expect(s.playAudio(samples)).toBe(true)
        periphemu.remove("back")
    end)
end)

describe("modem", function()
    it("opens channels in range", function()
        periphemu.create("bottom", "modem")
        local m = peripheral.wrap("bottom")
        expect(m.isWireless()).toBe(true)
        m.open(42)
        expect(m.isOpen(42)).toBe(true)
        expect(function() m.open(70000) end).toError("Expected number in range 0-65535")
        m.closeAll()
        expect(m.isOpen(42)).toBe(false)
        periphemu.remove("bottom")
    end)
end)

h.finish()
