package conformance

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// foundDir receives the shrunk reproductions of new mismatches.
const foundDir = corpusDir + "/found"

// genParams reads CONFORMANCE_N (how many programs) and CONFORMANCE_SEED
// (the first seed; "random" picks one from the clock), as `make
// conformance-long` sets them.
func genParams(t *testing.T) (n int, base int64) {
	n, base = genCount, 1
	if s := os.Getenv("CONFORMANCE_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("CONFORMANCE_N: %v", err)
		}
		n = v
	}
	switch s := os.Getenv("CONFORMANCE_SEED"); s {
	case "":
	case "random":
		base = time.Now().UnixNano() % 1_000_000_000
	default:
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("CONFORMANCE_SEED: %v", err)
		}
		base = v
	}
	return n, base
}

func TestGenerated(t *testing.T) {
	if Lua52() == "" {
		t.Skip("lua5.2 is not installed (CI installs it in .ci/run): differential fuzzing needs the reference interpreter")
	}
	n, base := genParams(t)
	t.Logf("checking %d generated programs, seeds %d..%d", n, base, base+int64(n)-1)
	const batch = 250
	var mismatches []int64
	for start := 0; start < n; start += batch {
		var seeds []int64
		var progs []string
		for i := start; i < min(n, start+batch); i++ {
			seeds = append(seeds, base+int64(i))
			progs = append(progs, Generate(base+int64(i)).Render())
		}
		// Generated programs run in milliseconds: 3 s is a runaway even
		// under -race on a loaded machine.
		want, got, wok, gok, err := RunBatch(progs, 3*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		for i, seed := range seeds {
			switch {
			case !wok[i]:
				t.Fatalf("seed %d: lua5.2's driver did not reach the program", seed)
			case strings.HasPrefix(want[i], "LOAD ERROR"):
				t.Errorf("seed %d: the generator wrote a program lua5.2 cannot load: %s\n%s", seed, want[i], progs[i])
			case !gok[i] || Differs(want[i], got[i]):
				mismatches = append(mismatches, seed)
			}
		}
	}
	t.Logf("%d of %d programs differ", len(mismatches), n)
	differs := map[int64]bool{}
	shrunk, maxShrink := 0, 5
	if s := os.Getenv("CONFORMANCE_SHRINK"); s != "" {
		maxShrink, _ = strconv.Atoi(s)
	}
	for _, seed := range mismatches {
		differs[seed] = true
		if k, ok := knownGenSeeds[seed]; ok || os.Getenv("CONFORMANCE_LIST") != "" {
			t.Logf("seed %d: known (%s, owner %s)", seed, k.reason, k.owner)
			continue
		}
		if shrunk >= maxShrink {
			t.Errorf("seed %d differs (not shrunk: %d already were)", seed, maxShrink)
			continue
		}
		shrunk++
		m := ShrinkSeed(seed, 3*time.Second)
		p, err := m.Save(foundDir)
		if err != nil {
			t.Error(err)
		}
		t.Errorf("seed %d: craftos differs from lua5.2; shrunk to %s:\n%s\nlua5.2:\n%s\ncraftos:\n%s\ndiff:\n%s", seed, p, m.Min, m.Want, m.Got, LineDiff(m.Want, m.Got))
	}
	if os.Getenv("CONFORMANCE_LIST") != "" {
		// Print the differing seeds as Go map entries, to refresh
		// knownGenSeeds after triage.
		var sb strings.Builder
		for _, seed := range mismatches {
			fmt.Fprintf(&sb, "\t%d: genFrontendFor,\n", seed)
		}
		t.Logf("differing seeds:\n%s", sb.String())
	}
	if os.Getenv("CONFORMANCE_SEED") == "" && os.Getenv("CONFORMANCE_N") == "" {
		var stale []string
		for seed, k := range knownGenSeeds {
			// under -race fewer seeds are checked
			if seed < base+int64(n) && !differs[seed] {
				stale = append(stale, fmt.Sprintf("%d (%s, owner %s)", seed, k.reason, k.owner))
			}
		}
		sort.Strings(stale)
		for _, s := range stale {
			t.Errorf("now passes: remove seed %s from knownGenSeeds", s)
		}
	}
}
