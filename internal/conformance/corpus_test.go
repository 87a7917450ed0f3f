package conformance

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// corpusDir holds the hand-written programs; found/ the generator's shrunk
// mismatches.
const corpusDir = "../../testdata/conformance"

// known is a corpus program whose output differs from lua5.2 today because of
// a bug another area is fixing. The test fails when a listed program starts
// to pass, so that the list stays honest.
type known struct {
	owner  string // helper area: frontend, runtime, libs, debug, memory
	reason string
}

var knownFailures = map[string]known{
	"argerror_names.lua":      {"runtime", "a library function pcall'd directly (or via a tail call) is named 'select'/'(anonymous)' with a position; PUC: '_G.select'/'string.char', no position"},
	"assert_message.lua":      {"libs", "assert(false, {1}) raises the table; PUC: bad argument #2 to 'assert' (string expected, got table)"},
	"bit32_rounding.lua":      {"libs", "bit32 truncates 1.9 to 1; PUC rounds (lua_tounsigned): 2"},
	"coroutine_argerrors.lua": {"libs", "coroutine.resume(1) says 'coroutine expected, got number'; PUC: 'coroutine expected'"},
	"env_local.lua":           {"frontend", "local _ENV = {...} does not redirect free names (z = 3 sets the real global)"},
	"escape_u.lua":            {"frontend", "\\u{41} (a 5.3 escape) is accepted; PUC 5.2: invalid escape sequence"},
	"fenv.lua":                {"libs", "setfenv/getfenv exist; Lua 5.2 has neither"},
	"ipairs_meta.lua":         {"libs", "ipairs ignores __ipairs and reads through __index; PUC 5.2 honours __ipairs and reads raw"},
	"load_reader.lua":         {"libs", "a reader that raises a table: load returns the table; lua5.2 says (no error message)"},
	"meta_name.lua":           {"libs", "tostring uses __name (a 5.3 feature); 5.2 prints table: ADDR"},
	"nan.lua":                 {"runtime", "NaN sign: 0/0 prints nan; PUC (x86) prints -nan, and -(0/0) prints nan"},
	"table_extras.lua":        {"libs", "table.getn/foreach/foreachi exist (5.1 leftovers)"},
	"weak_tables.lua":         {"memory", "weak tables are never cleared by collectgarbage()"},
}

// corpusFiles lists the corpus programs (and the generator's found/ ones),
// as paths relative to corpusDir.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, pat := range []string{"*.lua", "found/*.lua"} {
		m, err := filepath.Glob(filepath.Join(corpusDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m {
			rel, _ := filepath.Rel(corpusDir, p)
			names = append(names, filepath.ToSlash(rel))
		}
	}
	sort.Strings(names)
	return names
}

// runCraftOS runs a corpus program as `craftos run NAME` would: on a whole
// computer with the embedded ROM, inside the bios's coroutine.
func runCraftOS(t *testing.T, name, src string) Outcome {
	t.Helper()
	base := filepath.Base(name)
	r := computertest.Start(t, src, computertest.Configure(func(c *computer.Config) {
		// The chunk name, as lua5.2 FILE gives "FILE:line:" positions.
		c.Boot.Name, c.Boot.Path = base, base
	})).Wait(t, 60*time.Second)
	return Outcome{
		Stdout: r.Stdout,
		Failed: r.Status != 0,
		// CraftOS prints an uncaught error's message (then a traceback) on
		// stderr, where lua.c prefixes it with "lua5.2: "; only the message's
		// first line is compared.
		ErrMsg: firstLine(r.Stderr),
	}
}

// compareOutcomes returns "" when the outcomes agree, else a description.
func compareOutcomes(want, got Outcome) string {
	var sb strings.Builder
	if want.Stdout != got.Stdout {
		sb.WriteString("stdout differs:\n" + LineDiff(want.Stdout, got.Stdout))
	}
	if want.Failed != got.Failed {
		sb.WriteString("error status differs: lua5.2 failed=" + boolText(want.Failed) + " (" + want.ErrMsg + "), craftos failed=" + boolText(got.Failed) + " (" + got.ErrMsg + ")\n")
	} else if want.Failed && want.ErrMsg != got.ErrMsg && want.ErrMsg != "(no error message)" {
		// lua.c says "(no error message)" for a non-string error value
		// without __tostring; CraftOS shows tostring(value).
		sb.WriteString("uncaught error differs:\n- lua5.2:  " + want.ErrMsg + "\n+ craftos: " + got.ErrMsg + "\n")
	}
	return sb.String()
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestCorpus(t *testing.T) {
	if Lua52() == "" {
		t.Skip("lua5.2 is not installed (CI installs it in .ci/run): the conformance corpus needs the reference interpreter")
	}
	names := corpusFiles(t)
	if len(names) == 0 {
		t.Fatal("no corpus programs found in " + corpusDir)
	}
	seen := map[string]bool{}
	for _, name := range names {
		seen[name] = true
		t.Run(strings.TrimSuffix(name, ".lua"), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(filepath.Join(corpusDir, name))
			if err != nil {
				t.Fatal(err)
			}
			// Run from the file's folder so both name the chunk by its base name.
			want, err := RunLua52(filepath.Join(corpusDir, filepath.Dir(name)), 30*time.Second, nil, filepath.Base(name))
			if err != nil {
				t.Fatal(err)
			}
			got := runCraftOS(t, name, string(src))
			diff := compareOutcomes(want, got)
			k, listed := knownFailures[name]
			switch {
			case diff == "" && listed:
				t.Errorf("now passes: remove %q from knownFailures (was: %s, owner %s)", name, k.reason, k.owner)
			case diff != "" && listed:
				t.Logf("known failure (%s, owner %s):\n%s", k.reason, k.owner, diff)
			case diff != "":
				t.Errorf("craftos differs from lua5.2:\n%s", diff)
			}
		})
	}
	for name := range knownFailures {
		if !seen[name] {
			t.Errorf("knownFailures lists %q, which is not in the corpus", name)
		}
	}
}
