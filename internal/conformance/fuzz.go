package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Mismatch is a generated program whose output differs between lua5.2 and
// craftos, with its shrunk reproduction.
type Mismatch struct {
	Seed           int64
	Src            string // the whole program
	Min            string // the shrunk program
	Want, Got      string // outputs of Min (lua5.2, craftos)
	FullWant, Got0 string // outputs of Src
}

// normalise applies the output normalisations of known bugs; see
// knownNormalisations.
func normalise(s string) string {
	for _, k := range knownNormalisations {
		s = k.apply(s)
	}
	return s
}

// knownNormalisation hides one known, already reported difference from the
// generator (the corpus program named in corpus keeps showing it).
type knownNormalisation struct {
	corpus string // the corpus program that covers the bug (in knownFailures)
	apply  func(string) string
}

var knownNormalisations = []knownNormalisation{
	// NaN's sign: PUC prints 0/0 as -nan on x86, craftos as nan (runtime).
	{"nan.lua", func(s string) string { return strings.ReplaceAll(s, "-nan", "nan") }},
	// Not a bug: a generated program may print a function (a vararg that
	// holds an iterator); addresses differ between any two runs.
	{"", func(s string) string { return addressRE.ReplaceAllString(s, "$1: ADDR") }},
}

var addressRE = regexp.MustCompile(`(function|table|thread|userdata): (builtin: )?0x[0-9a-f]+`)

// CheckOne runs one program (through the driver, as in a batch) on both
// sides and returns the two outputs.
func CheckOne(src string, timeout time.Duration) (want, got string, err error) {
	w, g, wok, gok, err := RunBatch([]string{src}, timeout)
	if err != nil {
		return "", "", err
	}
	if !wok[0] {
		return "", "", fmt.Errorf("lua5.2 did not run the program")
	}
	if !gok[0] {
		g[0] = "(craftos did not reach the program)\n"
	}
	return w[0], g[0], nil
}

// Differs reports whether the outputs differ once known bugs are normalised.
func Differs(want, got string) bool { return normalise(want) != normalise(got) }

// ShrinkSeed shrinks the program of seed while lua5.2 still loads it and the
// outputs still differ.
func ShrinkSeed(seed int64, timeout time.Duration) Mismatch {
	root := Generate(seed)
	m := Mismatch{Seed: seed, Src: root.Render()}
	m.FullWant, m.Got0, _ = CheckOne(m.Src, timeout)
	allowed := errorLines(m.FullWant)
	interesting := func(src string) bool {
		w, g, err := CheckOne(src, timeout)
		if err != nil || strings.HasPrefix(w, "LOAD ERROR") {
			return false
		}
		// Shrinking must not wander into errors the program did not raise
		// (a deleted local makes "attempt to call global 'f'"): that would
		// trade the mismatch for another one.
		for e := range errorLines(w) {
			if !allowed[e] {
				return false
			}
		}
		return Differs(w, g)
	}
	m.Min = Shrink(root, interesting, 3000)
	m.Want, m.Got, _ = CheckOne(m.Min, timeout)
	return m
}

// errorLines is the set of error messages in a driver's output (ERROR
// lines, and printed pcall results that mention an error), positions removed.
func errorLines(out string) map[string]bool {
	set := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "ERROR") || strings.Contains(l, "attempt to") || strings.Contains(l, "bad argument") {
			set[positionRE.ReplaceAllString(l, "gen:?:")] = true
		}
	}
	return set
}

var positionRE = regexp.MustCompile(`gen:\d+:`)

// Save writes the reproduction to dir/seed-N.lua, with both outputs in a
// comment, and returns the path.
func (m Mismatch) Save(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "-- Found by the conformance generator: seed %d, shrunk.\n", m.Seed)
	fmt.Fprintf(&sb, "-- Regenerate: CONFORMANCE_SEED=%d CONFORMANCE_N=1 go test ./internal/conformance -run TestGenerated -v\n", m.Seed)
	sb.WriteString("-- lua5.2 prints:\n")
	for _, l := range strings.Split(strings.TrimSuffix(m.Want, "\n"), "\n") {
		sb.WriteString("--   " + l + "\n")
	}
	sb.WriteString("-- craftos prints:\n")
	for _, l := range strings.Split(strings.TrimSuffix(m.Got, "\n"), "\n") {
		sb.WriteString("--   " + l + "\n")
	}
	sb.WriteString(m.Min)
	p := filepath.Join(dir, fmt.Sprintf("seed-%d.lua", m.Seed))
	return p, os.WriteFile(p, []byte(sb.String()), 0o644)
}
