--- cc.internal.event: event helpers for the ROM's own programs. Internal:
-- not for user code, may change at any time.

--- After a program has acted on a `key` event, swallow the `char` event the
-- same key press may have queued, so it does not reach whatever reads input
-- next (a program that quits on "q" should not leave a "q" in the shell).
-- Waits at most one tick (a zero-length timer); stops early, consuming it,
-- at the first `char`, `key` or `key_up` event. Other events in between are
-- dropped.
local function discard_char()
    local timer = os.startTimer(0)
    while true do
        local name, id = os.pullEvent()
        if name == "timer" and id == timer then return end
        if name == "char" or name == "key" or name == "key_up" then
            os.cancelTimer(timer)
            return
        end
    end
end

return { discard_char = discard_char }
