// Package conformance is the instrument that finds where craftos's Lua differs
// from PUC Lua 5.2: a corpus of small programs (testdata/conformance) run on
// both and compared exactly, and a random program generator (gen.go) whose
// programs are run on both, with mismatches shrunk (shrink.go) to minimal
// reproductions saved under testdata/conformance/found.
//
// The reference is the `lua5.2` binary; tests skip when it is absent.
package conformance
