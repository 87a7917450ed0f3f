package fs_test

import "testing"

// Every kind of handle after close raises CC:Tweaked's "attempt to use a
// closed file"; arguments are checked before that (CC:Tweaked converts
// them before calling the method), with CraftOS's texts.
func TestLuaHandleErrors(t *testing.T) {
	runLuaWith(t, `
local h = fs.open("f", "w") h.write("data\n") h.close()
for _, mode in ipairs({ "r", "rb", "w", "wb", "a", "ab", "r+", "r+b", "w+", "w+b" }) do
    local h = assert(fs.open("f", mode))
    if h.seek then
        errEq(mode .. " seek whence", "bad argument #1 to 'seek' (invalid option 'middle')", h.seek, "middle")
        errEq(mode .. " seek whence type", "bad argument #1 (string expected, got number)", h.seek, 1)
        errEq(mode .. " seek offset type", "bad argument #2 (number expected, got string)", h.seek, "set", "1")
        errEq(mode .. " seek offset nan", "bad argument #2 (number expected, got nan)", h.seek, "set", 0/0)
    end
    if h.read then
        errEq(mode .. " read type", "bad argument #1 (number expected, got string)", h.read, "1")
        errEq(mode .. " readLine type", "bad argument #1 (boolean expected, got string)", h.readLine, "x")
    end
    h.close()
    for name, fn in pairs(h) do
        errEq(mode .. " " .. name .. " after close", "attempt to use a closed file", fn)
    end
    if h.read then
        errEq(mode .. " read type after close", "bad argument #1 (number expected, got string)", h.read, "1")
        errEq(mode .. " read(1) after close", "attempt to use a closed file", h.read, 1)
    end
    if h.seek then
        errEq(mode .. " seek type after close", "bad argument #1 (string expected, got table)", h.seek, {})
        errEq(mode .. " seek after close", "attempt to use a closed file", h.seek, "set", 0)
    end
    if h.write then
        errEq(mode .. " write after close", "attempt to use a closed file", h.write, "x")
    end
end
eq("closed handles wrote nothing more", fs.getSize("f"), 0) -- the last "w+b" truncated it
`)
}
