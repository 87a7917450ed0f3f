//go:build !race

package conformance

// genCount is how many generated programs a normal test run checks.
const genCount = 2000
