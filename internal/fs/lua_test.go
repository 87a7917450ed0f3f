package fs_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computertest"
)

// luaPrelude gives the Lua tests check helpers: each failure prints a FAIL
// line, and the program ends by printing "ok <count>".
const luaPrelude = `
local checks, failures = 0, 0
local function show(v) if type(v) == "string" then return string.format("%q", v) end return tostring(v) end
local function eq(name, got, want)
    checks = checks + 1
    if got ~= want then
        failures = failures + 1
        print("FAIL " .. name .. ": got " .. show(got) .. ", want " .. show(want))
    end
end
-- err runs fn and returns its error text without the "file:line: " part.
local function err(fn, ...)
    local ok, e = pcall(fn, ...)
    if ok then return "<no error>" end
    return (tostring(e):gsub("^[^:\n]+:%d+: ", "", 1))
end
local function errEq(name, want, fn, ...) eq(name, err(fn, ...), want) end
local function opened(path, mode)
    local h, e = fs.open(path, mode)
    if h then h.close() return "<opened>" end
    return e
end
local function keys(t)
    local out = {}
    for k in pairs(t) do out[#out + 1] = k end
    table.sort(out)
    return table.concat(out, ",")
end
local function write(path, data, mode)
    local h = assert(fs.open(path, mode or "wb"))
    h.write(data)
    h.close()
end
local function read(path)
    local h = assert(fs.open(path, "rb"))
    local d = h.readAll()
    h.close()
    return d
end
`

const luaEpilogue = `
print("ok " .. checks)
if failures > 0 then error(failures .. " checks failed", 0) end
`

// runLua runs the checks in src on a computer whose folder is root.
func runLua(t *testing.T, root, src string) computertest.Result {
	t.Helper()
	res := computertest.Run(t, luaPrelude+src+luaEpilogue, computertest.Root(root))
	for _, line := range strings.Split(res.Stdout, "\n") {
		if strings.HasPrefix(line, "FAIL") {
			t.Error(line)
		}
	}
	if res.Status != 0 || !strings.Contains(res.Stdout, "ok ") {
		t.Errorf("status %d, err %v\nstdout:\n%s\nstderr:\n%s", res.Status, res.Err, res.Stdout, res.Stderr)
	}
	return res
}

func TestLuaErrorTexts(t *testing.T) {
	runLua(t, t.TempDir(), `
write("file", "x")
fs.makeDir("dir")

-- Arguments.
errEq("list nil", "bad argument #1 (string expected, got nil)", fs.list)
errEq("exists number", "bad argument #1 (string expected, got number)", fs.exists, 1)
errEq("open mode nil", "bad argument #2 (string expected, got nil)", fs.open, "x")
errEq("open mode bad", "Unsupported mode", fs.open, "x", "rw")
errEq("open mode empty", "Unsupported mode", fs.open, "x", "")
errEq("combine none", "bad argument #1 (string expected, got nil)", fs.combine)
errEq("combine 3rd", "bad argument #3 (string expected, got number)", fs.combine, "a", "b", 3)
errEq("move dest", "bad argument #2 (string expected, got nil)", fs.move, "a")
errEq("copy dest", "bad argument #2 (string expected, got boolean)", fs.copy, "a", true)

-- Natives' failures.
errEq("list missing", "/x: No such file", fs.list, "x")
errEq("list file", "/file: Not a directory", fs.list, "file")
errEq("list rom file", "/rom/startup.lua: Not a directory", fs.list, "rom/startup.lua")
errEq("list invalid", "/../x: Invalid Path", fs.list, "../x")
errEq("getSize missing", "/x: No such file", fs.getSize, "x")
errEq("getSize rom missing", "/rom/x: No such file", fs.getSize, "rom/x")
errEq("attributes missing", "/xuxu_nao_existe: No such file", fs.attributes, "xuxu_nao_existe")
errEq("makeDir file", "/file: File exists", fs.makeDir, "file")
errEq("makeDir rom", "/rom/x: Access denied", fs.makeDir, "rom/x")
errEq("delete rom", "/rom/x: Access denied", fs.delete, "rom/x")
errEq("delete root", "/: Access denied", fs.delete, "")
errEq("copy to rom", "/rom/startup: Access denied", fs.copy, "rom", "rom/startup")
errEq("copy missing", "/nope: No such file", fs.copy, "nope", "b")
errEq("copy exists", "/dir: File exists", fs.copy, "file", "dir")
errEq("copy inside", "/dir: Can't copy a directory inside itself", fs.copy, "dir", "dir/x")
errEq("copy inside case", "/dir: Can't copy a directory inside itself", fs.copy, "dir", "DIR/x")
errEq("move rom", "Access denied", fs.move, "rom", "rom/move")
errEq("move to rom", "Access denied", fs.move, "dir", "rom/move")
errEq("move from rom", "Access denied", fs.move, "rom", "dir2")
errEq("move missing", "No such file", fs.move, "src", "dest")
errEq("move exists", "File exists", fs.move, "file", "dir")
errEq("move inside", "Can't move a directory inside itself", fs.move, "dir", "dir/child")
errEq("move root", "Can't move a directory inside itself", fs.move, "", "child")
errEq("getDrive invalid", "/..: Invalid Path", fs.getDrive, "..")
errEq("getFreeSpace invalid", "/../x: Invalid Path", fs.getFreeSpace, "../x")
errEq("getCapacity invalid", "/../x: Invalid Path", fs.getCapacity, "../x")

-- open's failures come back as nil, message.
eq("open r missing", opened("x", "r"), "/x: No such file")
eq("open r rom missing", opened("rom/x", "r"), "/rom/x: No such file")
eq("open r root", opened("", "r"), "/: Not a file")
eq("open r rom", opened("rom", "r"), "/rom: Not a file")
eq("open r+ missing", opened("x", "r+"), "/x: No such file")
eq("open r+ root", opened("", "r+"), "/: Not a file")
eq("open w root", opened("", "w"), "/: Cannot write to directory")
eq("open a root", opened("", "a"), "/: Cannot write to directory")
eq("open w+ dir", opened("dir", "w+b"), "/dir: Cannot write to directory")
eq("open w rom", opened("rom/x", "w"), "/rom/x: Access denied")
eq("open a rom", opened("rom/x", "a"), "/rom/x: Access denied")
eq("open invalid", opened("../x", "r"), "/../x: Invalid Path")
eq("open invalid w", opened("/a/../../x", "w"), "/../x: Invalid Path")

-- Queries never fail.
eq("exists invalid", fs.exists(".."), false)
eq("isDir invalid", fs.isDir("../x"), false)
eq("isReadOnly invalid", fs.isReadOnly("../x"), false)
eq("isReadOnly rom", fs.isReadOnly("rom"), true)
eq("isReadOnly rom missing", fs.isReadOnly("rom/nothing"), true)
eq("isReadOnly file", fs.isReadOnly("file"), false)
eq("isReadOnly missing", fs.isReadOnly("some/new/file"), false)
eq("getDrive root", fs.getDrive(""), "hdd")
eq("getDrive rom", fs.getDrive("/rom/apis"), "rom")
eq("getDrive missing", fs.getDrive("missing"), nil)
eq("getCapacity rom", fs.getCapacity("rom"), nil)
eq("getFreeSpace rom", fs.getFreeSpace("rom"), 0)
eq("getCapacity type", type(fs.getCapacity("")), "number")
eq("getFreeSpace <= capacity", fs.getFreeSpace("") <= fs.getCapacity(""), true)
eq("getSize dir", fs.getSize("dir"), 0)
eq("getName root", fs.getName(""), "root")
eq("getDir root", fs.getDir(""), "..")
eq("getDir top", fs.getDir("a"), "")
eq("getDir ..", fs.getDir(".."), "../..")
eq("combine", fs.combine("a/b", "../c"), "a/c")
eq("combine many", fs.combine("/rom/programs", "../apis", "parallel.lua"), "rom/apis/parallel.lua")
eq("combine wildcards", fs.combine("a*", "b?"), "a*/b?")
eq("combine long", #fs.combine(string.rep("x", 300)), 255)
`)
}

func TestLuaHandles(t *testing.T) {
	runLua(t, t.TempDir(), `
local text = "some\nfile\r\ncontents\r!\n\n"
write("t.txt", text)

-- The functions each mode gives.
local function fns(mode, path)
    local h = assert(fs.open(path or "t.txt", mode))
    local k = keys(h)
    h.close()
    return k
end
eq("r", fns("r"), "close,read,readAll,readLine,seek")
eq("rb", fns("rb"), "close,read,readAll,readLine,seek")
eq("w", fns("w", "w.txt"), "close,flush,seek,write,writeLine")
eq("wb", fns("wb", "w.txt"), "close,flush,seek,write,writeLine")
eq("a", fns("a", "w.txt"), "close,flush,write,writeLine")
eq("ab", fns("ab", "w.txt"), "close,flush,write,writeLine")
eq("r+", fns("r+"), "close,flush,read,readAll,readLine,seek,write,writeLine")
eq("r+b", fns("r+b"), "close,flush,read,readAll,readLine,seek,write,writeLine")
eq("w+", fns("w+", "w.txt"), "close,flush,read,readAll,readLine,seek,write,writeLine")
eq("w+b", fns("w+b", "w.txt"), "close,flush,read,readAll,readLine,seek,write,writeLine")

for _, mode in ipairs({ "r", "rb", "r+", "r+b" }) do
    local h = fs.open("t.txt", mode)
    eq(mode .. " readLine 1", h.readLine(), "some")
    eq(mode .. " readLine 2", h.readLine(), "file")
    eq(mode .. " readLine 3", h.readLine(), "contents\r!")
    eq(mode .. " readLine 4", h.readLine(), "")
    eq(mode .. " readLine eof", h.readLine(), nil)
    eq(mode .. " readAll eof", h.readAll(), "")
    eq(mode .. " read eof", h.read(), nil)
    eq(mode .. " read(0) eof", h.read(0), nil)
    eq(mode .. " read(4) eof", h.read(4), nil)
    eq(mode .. " seek set", h.seek("set", 0), 0)
    eq(mode .. " readLine(true)", h.readLine(true), "some\n")
    eq(mode .. " readLine(true) crlf", h.readLine(true), "file\r\n")
    eq(mode .. " seek cur", h.seek(), 11)
    eq(mode .. " read(0)", h.read(0), "")
    eq(mode .. " read(3)", h.read(3), "con")
    eq(mode .. " read(100)", h.read(100), "tents\r!\n\n")
    h.seek("set", 0)
    if mode:find("b") then
        eq(mode .. " read byte", h.read(), 115)
    else
        eq(mode .. " read char", h.read(), "s")
    end
    eq(mode .. " readAll", h.readAll(), text:sub(2))
    eq(mode .. " seek end", h.seek("end", -2), #text - 2)
    local pos, msg = h.seek("cur", -100)
    eq(mode .. " seek negative", msg, "Position is negative")
    eq(mode .. " seek negative pos", pos, nil)
    eq(mode .. " position kept", h.seek(), #text - 2)
    eq(mode .. " seek past end", h.seek("set", 100), 100)
    eq(mode .. " read past end", h.read(1), nil)
    errEq(mode .. " seek option", "bad argument #1 to 'seek' (invalid option 'middle')", h.seek, "middle")
    errEq(mode .. " seek offset", "bad argument #2 (number expected, got string)", h.seek, "set", "x")
    errEq(mode .. " read negative", "Cannot read a negative number of bytes", h.read, -1)
    errEq(mode .. " read type", "bad argument #1 (number expected, got string)", h.read, "x")
    errEq(mode .. " readLine type", "bad argument #1 (boolean expected, got number)", h.readLine, 1)
    h.close()
    for name, fn in pairs(h) do
        errEq(mode .. " " .. name .. " after close", "attempt to use a closed file", fn)
    end
end

-- Writing: text mode writes numbers as text, binary mode as bytes.
local h = fs.open("w.txt", "w")
h.write(65) h.write(1.5) h.write("x") h.write(nil) h.write(true)
h.writeLine("!") h.writeLine(2)
h.close()
eq("text write", read("w.txt"), "651.5xniltrue!\n2\n")
h = fs.open("w.bin", "wb")
h.write(65) h.write(256 + 66) h.write(-1) h.write(67.9) h.write("str") h.writeLine("ln")
h.close()
eq("binary write", read("w.bin"), "AB\255Cstrln\n")
h = fs.open("w.bin", "ab")
h.write(10)
h.close()
eq("append", read("w.bin"), "AB\255Cstrln\n\n")

-- Update modes (CC:Tweaked's own checks).
write("u.txt", "an example file")
h = fs.open("u.txt", "r+")
eq("r+ read", h.read(3), "an ")
h.write("exciting file")
eq("r+ position", h.seek("cur"), 16)
h.seek("set", 0)
eq("r+ readAll", h.readAll(), "an exciting file")
h.close()
h = fs.open("w.txt", "w+")
eq("w+ truncates", h.readAll(), "")
h.write("hello")
h.seek("set", 0)
eq("w+ readAll", h.readAll(), "hello")
h.write(", world!")
h.seek("set", 0)
h.write("H")
h.seek("set", 0)
eq("w+ result", h.readAll(), "Hello, world!")
h.close()

-- Writes are visible before close, as CC:Tweaked writes straight through.
local w = fs.open("live.txt", "w")
w.write("abc")
eq("size before close", fs.getSize("live.txt"), 3)
local r = fs.open("live.txt", "r")
eq("reader before close", r.readAll(), "abc")
w.flush()
w.write("def")
eq("reader after more", r.readAll(), "def")
r.close()
w.close()
errEq("close twice", "attempt to use a closed file", w.close)

-- The open-file limit.
local hs = {}
for i = 1, 128 do hs[i] = assert(fs.open("t.txt", "r")) end
local none, e = fs.open("t.txt", "r")
eq("limit handle", none, nil)
eq("limit message", e, "Too many files already open")
eq("limit write", select(2, fs.open("other.txt", "w")), "Too many files already open")
eq("limit created nothing", fs.exists("other.txt"), false)
hs[1].close()
local again = fs.open("t.txt", "r")
eq("open after close", again ~= nil, true)
again.close()
for i = 2, 128 do hs[i].close() end

-- attributes.
local before = os.epoch("utc")
write("attr.txt", "A reasonably sized string")
local a = fs.attributes("attr.txt")
eq("attr size", a.size, 25)
eq("attr isDir", a.isDir, false)
eq("attr isReadOnly", a.isReadOnly, false)
eq("attr modified recent", math.abs(a.modified - before) < 5000, true)
eq("attr created recent", math.abs(a.created - before) < 5000, true)
eq("attr modification", a.modification, a.modified)
a = fs.attributes("rom")
eq("rom isDir", a.isDir, true)
eq("rom size", a.size, 0)
eq("rom isReadOnly", a.isReadOnly, true)
eq("attr keys", keys(fs.attributes("")), "created,isDir,isReadOnly,modification,modified,size")
`)
}

// Data written and never closed reaches the disk when the computer stops,
// whether the program ends, errors, or is shut down.
func TestLuaUnclosedDataFlushedOnStop(t *testing.T) {
	root := t.TempDir()
	res := computertest.Run(t, `
local h = fs.open("log.txt", "w")
h.write("line 1\n")
h.writeLine("line 2")
local a = fs.open("app.txt", "a")
a.write("tail")
local b = fs.open("bin", "wb")
b.write(0) b.write(255)
error("crash with files open", 0)
`, computertest.Root(root))
	if res.Status == 0 {
		t.Errorf("the program's error did not fail it: %+v", res)
	}
	for name, want := range map[string]string{"log.txt": "line 1\nline 2\n", "app.txt": "tail", "bin": "\x00\xff"} {
		got, err := os.ReadFile(filepath.Join(root, name))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	computertest.Run(t, `local h = fs.open("down.txt", "w") h.write("before shutdown") os.shutdown()`, computertest.Root(root))
	if got, err := os.ReadFile(filepath.Join(root, "down.txt")); string(got) != "before shutdown" {
		t.Errorf("down.txt = %q, %v", got, err)
	}
}

func TestLuaSandbox(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "computer")
	outside := filepath.Join(base, "outside")
	computertest.WriteFile(t, outside, "secret.txt", "secret")
	computertest.WriteFile(t, root, "inner/ok.txt", "inside")
	symlinksOK := runtime.GOOS != "windows"
	if symlinksOK {
		for name, target := range map[string]string{
			"out": outside, "outrel": "../outside", "outfile": filepath.Join(outside, "secret.txt"),
			"in": "inner", "infile": "inner/ok.txt",
		} {
			if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	abs := filepath.ToSlash(filepath.Join(outside, "secret.txt"))
	runLua(t, root, `
local symlinks = `+map[bool]string{true: "true", false: "false"}[symlinksOK]+`
local abs = "`+abs+`"
local escapes = { "..", "../outside", "../outside/secret.txt", "..\\outside\\secret.txt",
    "/../outside/secret.txt", "a/../../outside/secret.txt", "rom/../../outside/secret.txt",
    "../../../../../../../etc/passwd" }
for _, p in ipairs(escapes) do
    local s = fs.combine(p)
    local invalid = "/" .. s .. ": Invalid Path"
    eq(p .. " exists", fs.exists(p), false)
    eq(p .. " isDir", fs.isDir(p), false)
    for _, mode in ipairs({ "r", "rb", "w", "wb", "a", "ab", "r+", "r+b", "w+", "w+b" }) do
        eq(p .. " open " .. mode, opened(p, mode), invalid)
    end
    errEq(p .. " list", invalid, fs.list, p)
    errEq(p .. " getSize", invalid, fs.getSize, p)
    errEq(p .. " attributes", invalid, fs.attributes, p)
    errEq(p .. " delete", invalid, fs.delete, p)
    errEq(p .. " makeDir", "/" .. fs.combine(p, "new") .. ": Invalid Path", fs.makeDir, p .. "/new")
    errEq(p .. " copy from", invalid, fs.copy, p, "stolen")
    errEq(p .. " move from", invalid, fs.move, p, "stolen")
    errEq(p .. " copy to", invalid, fs.copy, "inner/ok.txt", p)
    eq(p .. " find", err(fs.find, p), invalid)
end
-- An absolute host path is a name inside the computer.
eq("host path", fs.exists(abs), false)
write(abs, "planted")
eq("host path stays inside", read(abs), "planted")
eq("host path folder", fs.isDir(fs.getDir(abs)), true)

if symlinks then
    eq("in link", read("infile"), "inside")
    eq("in dir link", table.concat(fs.list("in"), ","), "ok.txt")
    write("in/new.txt", "through")
    eq("write through in link", read("inner/new.txt"), "through")
    for _, p in ipairs({ "out", "outrel", "outfile" }) do
        eq(p .. " listed", fs.exists(p), true)
        eq(p .. " isDir", fs.isDir(p), false)
        for _, mode in ipairs({ "r", "rb", "w", "a", "r+", "w+" }) do
            eq(p .. " open " .. mode, opened(p, mode), "/" .. p .. ": Access denied")
        end
        eq(p .. " list", err(fs.list, p), "/" .. p .. ": Not a directory")
        eq(p .. " copy", err(fs.copy, p, p .. ".copy"), "/" .. p .. ": Access denied")
    end
    for _, p in ipairs({ "out/secret.txt", "outrel/secret.txt", "out/new.txt" }) do
        eq(p .. " exists", fs.exists(p), false)
        eq(p .. " open r", opened(p, "r"), "/" .. p .. ": No such file")
        eq(p .. " open w", opened(p, "w"):find("^/out") ~= nil, true) -- "/out: File exists" or "Access denied"
        eq(p .. " makeDir", err(fs.makeDir, p):find("Access denied$") ~= nil, true)
        eq(p .. " copy to", err(fs.copy, "inner/ok.txt", p) ~= "<no error>", true)
        eq(p .. " move to", err(fs.move, "infile", p) ~= "<no error>", true)
        eq(p .. " attributes", err(fs.attributes, p), "/" .. p .. ": No such file")
    end
    eq("find through out", #fs.find("out/*"), 0)
    eq("find through outrel", #fs.find("*/secret.txt"), 0)
    fs.delete("out")
    eq("delete out link", fs.exists("out"), false)
end

-- Nothing writes into the ROM.
for _, p in ipairs({ "rom", "rom/startup.lua", "rom/apis/io.lua", "rom/new", "ROM/new", "rom/apis/x/y" }) do
    for _, mode in ipairs({ "w", "wb", "a", "ab", "r+", "r+b", "w+", "w+b" }) do
        eq(p .. " open " .. mode, opened(p, mode) ~= "<opened>", true)
    end
    eq(p .. " makeDir", err(fs.makeDir, p), "/" .. fs.combine(p) .. ": Access denied")
    eq(p .. " delete", err(fs.delete, p), "/" .. fs.combine(p) .. ": Access denied")
    eq(p .. " copy", err(fs.copy, "inner/ok.txt", p):find("Access denied$") ~= nil or err(fs.copy, "inner/ok.txt", p):find("File exists$") ~= nil, true)
    eq(p .. " move to", err(fs.move, "inner/ok.txt", p), "Access denied")
    eq(p .. " move from", err(fs.move, p, "taken"), "Access denied")
    eq(p .. " isReadOnly", fs.isReadOnly(p), true)
end
`)
	if got, err := os.ReadFile(filepath.Join(outside, "secret.txt")); string(got) != "secret" {
		t.Errorf("outside file now %q, %v", got, err)
	}
	entries, _ := os.ReadDir(outside)
	if len(entries) != 1 {
		t.Errorf("outside folder has %d entries", len(entries))
	}
	for _, name := range []string{"rom", "ROM"} {
		if _, err := os.Stat(filepath.Join(root, name)); err == nil {
			t.Errorf("%s appeared in the computer folder", name)
		}
	}
	if _, err := os.Lstat(filepath.Join(root, "out")); err == nil && symlinksOK {
		t.Error("deleting the out link left it")
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("deleting the out link removed its target: %v", err)
	}
}
