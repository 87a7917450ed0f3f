package computer_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	lua "github.com/yuin/gopher-lua"
)

// noMotd turns off the message of the day (motd.enable defaults to true,
// as on CraftOS), as a server's default settings would, so the shell's
// output starts with its version and prompt.
func noMotd(h *computer.Host) error {
	h.M.L.SetGlobal("_CC_DEFAULT_SETTINGS", lua.LString("motd.enable=false"))
	return nil
}

// runShell boots the CraftOS shell on root, types input (plain mode: one
// command a line) and waits for it to end.
func shellRun(t *testing.T, root, input string, opts ...computertest.Option) computertest.Result {
	t.Helper()
	all := []computertest.Option{
		computertest.Root(root),
		computertest.Boot(computer.Boot{Kind: computer.BootShell}),
		computertest.Stdin(strings.NewReader(input)),
		computertest.Extensions(noMotd),
	}
	r := computertest.Start(t, "", append(all, opts...)...).Wait(t, 30*time.Second)
	if r.Err != nil {
		t.Fatalf("computer failed: %v\nstdout:\n%s\nstderr:\n%s", r.Err, r.Stdout, r.Stderr)
	}
	return r
}

// runFile runs `craftos run path` where path is a file under root.
func shellRunFile(t *testing.T, root, path, src string, args ...string) computertest.Result {
	t.Helper()
	computertest.WriteFile(t, root, path, src)
	b, err := computer.ProgramFile(root, filepath.Join(root, path), args)
	if err != nil {
		t.Fatal(err)
	}
	return computertest.Run(t, "", computertest.Root(root), computertest.Boot(b))
}

func shContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q; got:\n%s", what, w, got)
		}
	}
}

func shLacks(t *testing.T, what, got string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			t.Errorf("%s has %q; got:\n%s", what, w, got)
		}
	}
}

func shRead(t *testing.T, root, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func shExists(root, name string) bool {
	_, err := os.Stat(filepath.Join(root, filepath.FromSlash(name)))
	return err == nil
}

func shIsDir(root, name string) bool {
	st, err := os.Stat(filepath.Join(root, filepath.FromSlash(name)))
	return err == nil && st.IsDir()
}

func TestShellStartsAndExits(t *testing.T) {
	root := t.TempDir()
	r := shellRun(t, root, "exit\necho not reached\n")
	if r.Status != 0 {
		t.Errorf("status %d", r.Status)
	}
	if !strings.HasPrefix(r.Stdout, "CraftOS 1.9\n> ") {
		t.Errorf("stdout should start with the version and a prompt: %q", r.Stdout)
	}
	shLacks(t, "stdout", r.Stdout, "not reached")

	// The end of input ends the shell too.
	r = shellRun(t, root, "echo last\n")
	if r.Status != 0 {
		t.Errorf("status %d at end of input", r.Status)
	}
	shContains(t, "stdout", r.Stdout, "last\n")
}

func TestShellStartupFiles(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, "startup.lua", `print("startup ran in '" .. shell.dir() .. "' as " .. shell.getRunningProgram())`)
	computertest.WriteFile(t, root, "startup/b.lua", `print("startup folder b")`)
	r := shellRun(t, root, "")
	shContains(t, "stdout", r.Stdout, "startup ran in '' as startup.lua\n", "startup folder b\n")
	if i, j := strings.Index(r.Stdout, "startup ran"), strings.Index(r.Stdout, "startup folder"); i > j {
		t.Errorf("/startup.lua should run before /startup/*")
	}

	// shell.allow_startup off: no startup.
	computertest.WriteFile(t, root, ".settings", `{ ["shell.allow_startup"] = false }`)
	r = shellRun(t, root, "")
	shLacks(t, "stdout", r.Stdout, "startup ran", "startup folder")
}

func TestShellFileCommands(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, "notes.txt", "some notes\n")
	input := strings.Join([]string{
		`echo hello   world "a b"`,
		"mkdir x y/z",
		"type y",
		"type notes.txt",
		"type nope",
		"cd y",
		"type z",
		"cd /",
		"cp notes.txt x",
		"cp notes.txt copy.txt",
		"cp notes.txt copy.txt",
		"mv copy.txt moved.txt",
		"rename moved.txt renamed.txt",
		"rename renamed.txt notes.txt",
		"cp notes.txt a.log",
		"cp notes.txt b.log",
		"rm *.log nothere",
		"mkdir notes.txt",
		"rm rom",
		"cd nope",
		"ls x",
		"nosuchprogram",
		"exit",
	}, "\n") + "\n"
	r := shellRun(t, root, input)
	shContains(t, "stdout", r.Stdout,
		"hello world a b\n",
		"directory\n", "file\n", "No such path\n", // type y, type notes.txt, type nope
		"y> ",               // the prompt shows the current folder
		"Not a directory\n", // cd nope
	)
	shContains(t, "stderr", r.Stderr,
		"Destination exists\n",
		"nothere: No matching files\n",
		"notes.txt: Destination exists\n",
		"Cannot delete read-only file /rom\n",
		"No such program\n",
	)
	if !shIsDir(root, "x") || !shIsDir(root, "y/z") {
		t.Error("mkdir x y/z did not make the folders")
	}
	if shRead(t, root, "x/notes.txt") != "some notes\n" {
		t.Error("cp into a folder")
	}
	if shRead(t, root, "renamed.txt") != "some notes\n" || shExists(root, "copy.txt") || shExists(root, "moved.txt") {
		t.Error("cp, mv and rename should leave renamed.txt only")
	}
	if shExists(root, "a.log") || shExists(root, "b.log") {
		t.Error("rm *.log left files")
	}
	if !strings.Contains(r.Stdout, "notes.txt") {
		t.Errorf("ls x should list notes.txt: %q", r.Stdout)
	}
}

func TestShellUsageTexts(t *testing.T) {
	root := t.TempDir()
	r := shellRun(t, root, "mkdir\nrm\ndelete\ncp\nmv\nrename\ncd\ntype\nedit\nwget\nalias a b c\nlabel\n")
	shContains(t, "stdout", r.Stdout,
		"Usage: mkdir <paths>\n",
		"Usage: rm <paths>\n",
		"Usage: delete <paths>\n",
		"Usage: cp <source> <destination>\n",
		"Usage: mv <source> <destination>\n",
		"Usage: rename <source> <destination>\n",
		"Usage: cd <path>\n",
		"Usage: type <path>\n",
		"Usage: edit <path>\n",
		"Usage:\nwget <url> [filename]\nwget run <url>\n",
		"Usage: alias <alias> <program>\n",
		"Usages:\nlabel get\nlabel get <drive>\nlabel set <text>\nlabel set <drive> <text>\nlabel clear\nlabel clear <drive>\n",
	)
}

func TestShellInfoPrograms(t *testing.T) {
	root := t.TempDir()
	input := "id\nlabel get\nlabel set box\nlabel get\nid\nlabel clear\ntime\nhello\n" +
		"alias l echo\nl via alias\nalias l\nl gone\nalias\nprograms\nset foo bar\nset foo\nset shell.autocomplete 3\n"
	r := shellRun(t, root, input, computertest.Configure(func(c *computer.Config) { c.ID = 7 }))
	shContains(t, "stdout", r.Stdout,
		"This is computer #7\n",
		"No Computer label\n",
		`Computer label set to "box"`+"\n",
		`Computer label is "box"`+"\n",
		`This computer is labelled "box"`+"\n",
		"Computer label cleared\n",
		"The time is ",
		"Hello World!\n", // fun/hello
		"via alias\n",
		"rm:delete", // alias lists name:program
		"echo",      // programs
		`"foo" set to "bar"`+"\n",
		`foo is "bar"`,
	)
	if !shMatch(`The time is \d+:\d\d [AP]M on Day \d+`, r.Stdout) {
		t.Errorf("time output: %q", r.Stdout)
	}
	shContains(t, "stderr", r.Stderr, "No such program\n", `"3" is not a valid boolean.`+"\n")
	shContains(t, ".settings", shRead(t, root, ".settings"), `foo = "bar"`)
}

func TestShellLuaProgram(t *testing.T) {
	root := t.TempDir()
	input := "lua\n1 + 1\nx = 5\nx * 2\n\"str\"\n{ 1, a = 2 }\nnil\nerror(\"boom\")\nshell.dir()\nexit()\necho back in the shell\n"
	r := shellRun(t, root, input)
	shContains(t, "stdout", r.Stdout,
		"Interactive Lua prompt.\nCall exit() to exit.\n",
		// The typed lines are not echoed; each ends the prompt's line.
		"lua> \n2\n",
		"lua> \nlua> \n10\n", // x = 5 shows nothing
		"lua> \n\"str\"\n",
		"lua> \n{ 1, a = 2 }\n",
		"lua> \nnil\n",
		"lua> \n\"\"\n", // shell.dir(): the program sees the shell
		"back in the shell\n",
	)
	shContains(t, "stderr", r.Stderr, "lua:1: boom\n")

	// os.shutdown(n) from the computer sets the exit status.
	r = shellRun(t, root, "lua\nos.shutdown(4)\necho not reached\n")
	if r.Status != 4 {
		t.Errorf("status %d, want 4", r.Status)
	}
	shLacks(t, "stdout", r.Stdout, "not reached")
}

func TestShellHelp(t *testing.T) {
	root := t.TempDir()
	r := shellRun(t, root, "help echo\nhelp nope\nhelp index\n")
	shContains(t, "stdout", r.Stdout, "echo prints its arguments", "Help topics available:", "wget")
	shContains(t, "stderr", r.Stderr, "No help available\n")
}

func TestShellNestedShellAndShutdown(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, "d/.keep", "")
	r := shellRun(t, root, "sh\ncd d\nexit\necho outer\nshutdown\necho not reached\n")
	if strings.Count(r.Stdout, "CraftOS 1.9\n") != 2 {
		t.Errorf("sh should print a second header: %q", r.Stdout)
	}
	shContains(t, "stdout", r.Stdout, "d> ", "outer\n", "Goodbye\n")
	shLacks(t, "stdout", r.Stdout, "not reached", "d> outer")
	if r.Status != 0 {
		t.Errorf("status %d", r.Status)
	}
}

func TestShellReboot(t *testing.T) {
	root := t.TempDir()
	r := shellRun(t, root, "reboot\necho after reboot\n")
	if strings.Count(r.Stdout, "CraftOS 1.9\n") != 2 {
		t.Errorf("reboot should boot the shell again: %q", r.Stdout)
	}
	shContains(t, "stdout", r.Stdout, "Goodbye\n", "after reboot\n")
}

func TestShellHashbangAndPaths(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, "greet", "#!echo hi\nthis is never run as Lua\n")
	computertest.WriteFile(t, root, "host.lua", "#!/usr/bin/env craftos\nprint('host script', ...)\nerror('line 3')\n")
	computertest.WriteFile(t, root, "bin/tool.lua", `print("tool", table.concat({ ... }, " "), arg[0], shell.getRunningProgram())`)
	computertest.WriteFile(t, root, "bin/mod.lua", `return { name = "mod" }`)
	computertest.WriteFile(t, root, "bin/user.lua", `print(require("mod").name)`)
	r := shellRun(t, root, "greet there\nhost x\nbin/tool a b\ncd bin\ntool c\nuser\n/bin/user.lua\n")
	shContains(t, "stdout", r.Stdout,
		"hi greet there\n",
		"host script\tx\n", // #!/usr/bin/env craftos scripts are Lua
		"tool\ta b\tbin/tool\tbin/tool.lua\n",
		"tool\tc\ttool\tbin/tool.lua\n", // "." on the path is the current folder
		"mod\n", "bin> ",
	)
	shContains(t, "stderr", r.Stderr, "host.lua:3: line 3\n")
}

func TestShellAPI(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, "docs/readme.txt", "")
	computertest.WriteFile(t, root, "check.lua", `
local function show(name, t)
  if t == nil then print(name, "nil") return end
  table.sort(t)
  print(name, table.concat(t, ","))
end
show("ec", shell.complete("ec"))
show("cd d", shell.complete("cd d"))
show("type docs/r", shell.complete("type docs/r"))
show("set shell.allow", shell.complete("set shell.allow"))
show("programs", { shell.resolveProgram("ls"), shell.resolveProgram("rm"), shell.resolveProgram("wget") })
print("path", shell.path())
print("resolve", shell.resolve("a/../b"), shell.resolve("/x"))
shell.setDir("docs")
print("dir", shell.dir(), shell.resolve("f"))
print("setDir", pcall(shell.setDir, "nope"))
shell.setDir("")
shell.setAlias("hi", "echo")
print("alias", shell.aliases().hi, shell.resolveProgram("hi"))
shell.clearAlias("hi")
print("cleared", shell.aliases().hi)
print("execute", shell.execute("echo", "a  b"), shell.run("echo", "c  d"))
print("failed", shell.run("nope"))
print("running", shell.getRunningProgram())
`)
	r := shellRun(t, root, "check\n")
	shContains(t, "stdout", r.Stdout,
		"ec\tho\n",
		"cd d\tocs,ocs/\n",
		"type docs/r\teadme.txt\n",
		"set shell.allow\t_disk_startup ,_startup \n",
		"programs\trom/programs/delete.lua,rom/programs/http/wget.lua,rom/programs/list.lua\n",
		"path\t.:/rom/programs:/rom/programs/http:/rom/programs/advanced:/rom/programs/rednet:/rom/programs/fun:/rom/programs/fun/advanced\n",
		"resolve\tb\tx\n",
		"dir\tdocs\tdocs/f\n",
		"setDir\tfalse\t",
		"alias\techo\trom/programs/echo.lua\n",
		"cleared\tnil\n",
		"a  b\nc d\nexecute\ttrue\ttrue\n",
		"failed\tfalse\n",
		"running\tcheck.lua\n",
	)
}

func TestEditSavesFile(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, "old.txt", "first\nsecond\n")
	r := shellRunFile(t, root, "drive.lua", `
local function typeText(s)
  for c in s:gmatch(".") do os.queueEvent("char", c) end
end
local function key(k) os.queueEvent("key", k, false) end
parallel.waitForAll(function()
  shell.run("edit", "notes.txt")
  shell.run("edit", "old.txt")
end, function()
  typeText("hello") key(keys.enter) typeText("  world") key(keys.enter) typeText("x")
  key(keys.backspace) key(keys.backspace) key(keys.backspace) key(keys.backspace) -- x, the indent, the line
  key(keys.leftCtrl) key(keys.enter)          -- menu: Save
  key(keys.leftCtrl) key(keys.e)               -- menu: Exit by its letter
  -- old.txt: go to the end of line 2, add "!", join line 2 onto line 1
  key(keys.down) key(keys["end"]) typeText("!")
  key(keys.home) key(keys.backspace)
  key(keys.leftCtrl) key(keys.s) os.queueEvent("char", "s") -- the shortcut's char is not typed
  key(keys.leftCtrl) key(keys.right) key(keys.right) key(keys.enter) -- Exit
end)
print("done")
`)
	if r.Status != 0 {
		t.Fatalf("status %d; stderr:\n%s", r.Status, r.Stderr)
	}
	if got := shRead(t, root, "notes.txt"); got != "hello\n  world\n" {
		t.Errorf("notes.txt = %q", got)
	}
	if got := shRead(t, root, "old.txt"); got != "firstsecond!\n" {
		t.Errorf("old.txt = %q", got)
	}
	shContains(t, "stdout", r.Stdout, "done\n")
}

func TestRunIsShellExecute(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, "other.lua", `print("other", ..., shell.getRunningProgram())`)
	r := shellRunFile(t, root, "sub/main.lua", `
print(type(shell), shell.dir(), shell.getRunningProgram(), shell.resolve("f"), multishell == nil)
print(arg[0], arg[1], select("#", ...), ...)
print(shell.run("other", "x"), shell.getRunningProgram())
print(shell.run("echo via shell.run"))
print(shell.path())
`, "a", "b")
	want := "table\t\tsub/main.lua\tf\ttrue\n" +
		"sub/main.lua\ta\t2\ta\tb\n" +
		"other\tx\tother.lua\n" +
		"true\tsub/main.lua\n" +
		"via shell.run\n" +
		"true\n" +
		// The first shell's path, as the booted shell's: this is a colour computer.
		".:/rom/programs:/rom/programs/http:/rom/programs/advanced:/rom/programs/rednet:/rom/programs/fun:/rom/programs/fun/advanced\n"
	if r.Stdout != want || r.Status != 0 || r.Stderr != "" {
		t.Errorf("got status %d, stdout:\n%s\nstderr:\n%s\nwant stdout:\n%s", r.Status, r.Stdout, r.Stderr, want)
	}
}

func TestRunExitStatuses(t *testing.T) {
	root := t.TempDir()
	r := shellRunFile(t, root, "fail.lua", "print('before')\nerror('bad thing')\n")
	if r.Status != 1 || r.Stdout != "before\n" {
		t.Errorf("error: status %d stdout %q", r.Status, r.Stdout)
	}
	shContains(t, "stderr", r.Stderr, "fail.lua:2: bad thing", "stack traceback")

	r = shellRunFile(t, root, "quit.lua", "print('x') os.shutdown(5) print('not reached')")
	if r.Status != 5 || r.Stdout != "x\n" {
		t.Errorf("os.shutdown(5): status %d stdout %q", r.Status, r.Stdout)
	}

	// A program another program runs through the shell reports its own
	// error on stderr; the caller goes on.
	computertest.WriteFile(t, root, "broken.lua", "error('inner', 0)")
	r = shellRunFile(t, root, "outer.lua", "print(shell.run('broken')) print('still here')")
	if r.Status != 0 || r.Stdout != "false\nstill here\n" || r.Stderr != "inner\n" {
		t.Errorf("nested error: %+v", r)
	}
}

func shMatch(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }

func TestShellTerminateStopsTheProgramOnly(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, "loop.lua", `print("looping") while true do sleep(1) end`)
	run := computertest.Start(t, "",
		computertest.Root(root),
		computertest.Boot(computer.Boot{Kind: computer.BootShell}),
		computertest.Stdin(strings.NewReader("loop\necho after\n")),
	)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(run.Stdout(), "looping") {
		if time.Now().After(deadline) {
			t.Fatalf("loop did not start; stdout:\n%s", run.Stdout())
		}
		time.Sleep(5 * time.Millisecond)
	}
	run.Computer.Terminate()
	r := run.Wait(t, 10*time.Second)
	shContains(t, "stdout", r.Stdout, "after\n")
	shContains(t, "stderr", r.Stderr, "Terminated\n")
	if r.Status != 0 {
		t.Errorf("status %d", r.Status)
	}
}

func TestShellCompletionModule(t *testing.T) {
	root := t.TempDir()
	computertest.WriteFile(t, root, "src/main.lua", "")
	computertest.WriteFile(t, root, "src/lib/x.lua", "")
	r := shellRunFile(t, root, "c.lua", `
local c = require("cc.shell.completion")
local function show(name, t)
  if t == nil then print(name, "nil") return end
  table.sort(t)
  print(name, table.concat(t, ","))
end
show("file", c.file(shell, "src/"))
show("dir", c.dir(shell, "src/"))
show("dirOrFile", c.dirOrFile(shell, "src/", {}, true))
show("program", c.program(shell, "ech"))
local fn = c.build(nil, { c.choice, { "alpha", "beta" } }, { c.dir, many = true })
show("arg1", fn(shell, 1, "", {}))
show("arg2", fn(shell, 2, "a", {}))
show("arg3", fn(shell, 3, "sr", {}))
show("arg4", fn(shell, 4, "sr", {}))
shell.setCompletionFunction("rom/programs/echo.lua", c.build({ c.choice, { "one", "two" } }))
local wrapped = c.build({ c.programWithArgs, 1, many = true })
show("pwa1", wrapped(shell, 1, "ech", {}))
show("pwa2", wrapped(shell, 2, "o", { "echo" }))
print(pcall(c.build, 5))
print(pcall(c.build, { c.dir, many = true }, c.file))
`)
	want := "file\tlib/,main.lua\n" +
		"dir\tlib,lib/\n" +
		"dirOrFile\tlib ,lib/,main.lua \n" +
		"program\to\n" +
		"arg1\tnil\n" +
		"arg2\tlpha\n" +
		"arg3\tc,c/\n" +
		"arg4\tc,c/\n" +
		"pwa1\to \n" +
		"pwa2\tne\n" +
		"false\tbad argument #1 (table or function expected, got number)\n" +
		"false\tUnexpected 'many' field on argument #1 (should only occur on the last argument)\n"
	if r.Stdout != want {
		t.Errorf("got:\n%s\nwant:\n%s\nstderr:\n%s", r.Stdout, want, r.Stderr)
	}
}

// Through a pipe, listings laid out in columns keep them: each command's
// output starts on the line after its prompt (the typed line is not
// echoed), folders and files in columns as CraftOS's tabulate places them.
func TestShellColumnsThroughAPipe(t *testing.T) {
	r := shellRun(t, t.TempDir(), "ls rom\nprograms\nalias\n")
	shContains(t, "stdout", r.Stdout,
		"> \napis        autorun     help        modules\nprograms\nmotd.txt    startup.lua\n> \n",
		"> \nabout       adventure   alias       apis\nattach      bg          cd          chat\nclear       copy        delete      detach\n",
		"> \nbackground:bg clr:clear     cp:copy\ndir:list      foreground:fg ls:list\nmv:move       rm:delete     rs:redstone\nsh:shell\n> ",
	)
}
