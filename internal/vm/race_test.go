//go:build race

package vm

// raceEnabled scales down tests whose counts the race detector makes slow.
const raceEnabled = true
