-- monitor_dashboard.lua: a dashboard on a monitor: the time, the uptime,
-- the free disk space and a bar chart of a (made up) load that moves every
-- second. Touch [Pause] on the monitor to freeze the chart.
--
--   craftos run --peripheral top=monitor examples/monitor_dashboard.lua
--       a 51x19 monitor on top (CraftOS-PC's size); in a terminal the
--       monitor is drawn beside the computer's screen when there is room
--       (--term-size 51x19 and a terminal 103 columns wide), or
--       Shift+Right shows it. Ctrl+T stops the program.
--   craftos run --peripheral top=monitor:blocks=4x3 examples/monitor_dashboard.lua
--       a monitor of 4x3 blocks, as in CC:Tweaked (39x19 at scale 1)
--   craftos run --clock=virtual --seed 1 --peripheral top=monitor \
--       --screenshot shot.txt examples/monitor_dashboard.lua 5
--       five updates, then stop; shot.txt.top is the monitor's screen
--
-- With no monitor attached, it attaches one itself with periphemu.

local updates = tonumber((...)) -- stop after this many updates (nil: never)

local mon = peripheral.find("monitor")
if not mon then
    if not periphemu then error("No monitor attached", 0) end
    periphemu.create("top", "monitor")
    mon = peripheral.wrap("top")
end
local name = peripheral.getName(mon)

local load = {} -- the samples, newest last
local paused = false
local level = 50
local button -- where [Pause] is drawn: x1, x2, y

local function sample()
    level = math.max(0, math.min(100, level + math.random(-15, 15)))
    load[#load + 1] = level
end

local function fill(y, colour)
    local w = mon.getSize()
    mon.setBackgroundColour(colour)
    mon.setCursorPos(1, y)
    mon.write((" "):rep(w))
end

local function draw()
    local w, h = mon.getSize()
    mon.setBackgroundColour(colours.black)
    mon.clear()

    -- Title bar: the name on the left, the time on the right.
    fill(1, colours.blue)
    mon.setTextColour(colours.white)
    mon.setCursorPos(2, 1)
    mon.write("Dashboard")
    local clock = os.date("%H:%M:%S")
    mon.setCursorPos(w - #clock, 1)
    mon.write(clock)

    -- Figures.
    mon.setBackgroundColour(colours.black)
    mon.setTextColour(colours.lightGrey)
    mon.setCursorPos(2, 3)
    mon.write(("Uptime: %ds"):format(math.floor(os.clock())))
    mon.setCursorPos(2, 4)
    mon.write(("Free:   %d KiB"):format(math.floor(fs.getFreeSpace("/") / 1024)))
    mon.setCursorPos(2, 5)
    mon.setTextColour(colours.yellow)
    mon.write(("Load:   %d%%"):format(load[#load] or 0))

    -- The button.
    local label = paused and "[Resume]" or "[Pause]"
    button = { w - #label, w - 1, 3 }
    mon.setCursorPos(button[1], button[3])
    mon.setTextColour(colours.black)
    mon.setBackgroundColour(paused and colours.orange or colours.lime)
    mon.write(label)

    -- The chart: one column per sample, newest on the right.
    local top, bottom = 7, h
    local rows = bottom - top + 1
    if rows < 1 then return end
    for i = 1, math.min(#load, w) do
        local value = load[#load - math.min(#load, w) + i]
        local bar = math.floor(value / 100 * rows + 0.5)
        local colour = value > 75 and colours.red or value > 40 and colours.orange or colours.green
        for y = bottom - bar + 1, bottom do
            -- A shaded block in one colour: solid on the screen, and
            -- still visible in a text screenshot.
            mon.setCursorPos(i, y)
            mon.blit("\127", colours.toBlit(colour), colours.toBlit(colour))
        end
    end
    mon.setBackgroundColour(colours.black)
end

mon.setTextScale(1)
sample()
draw()
print(("Dashboard on monitor %s (%dx%d). Touch [Pause] on it; Ctrl+T stops."):format(name, mon.getSize()))

local timer = os.startTimer(1)
local done = 0
while not updates or done < updates do
    local event, a, b, c = os.pullEvent()
    if event == "timer" and a == timer then
        if not paused then sample() end
        done = done + 1
        draw()
        timer = os.startTimer(1)
    elseif event == "monitor_touch" and a == name then
        if c == button[3] and b >= button[1] and b <= button[2] then
            paused = not paused
            print(paused and "Paused." or "Resumed.")
            draw()
        end
    elseif event == "monitor_resize" and a == name then
        draw()
    elseif event == "peripheral_detach" and a == name then
        print("The monitor was removed.")
        return
    end
end
print(("Updated %d times."):format(done))
