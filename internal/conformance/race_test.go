//go:build race

package conformance

// genCount is how many generated programs a normal test run checks: the race
// detector makes the craftos side several times slower.
const genCount = 600
