package conformance

// knownGenSeeds are the generated programs of the default run (seeds
// 1..genCount) that differ today because of bugs already in the corpus's
// knownFailures: none since the generic-for, keyed-constructor and goto
// fixes (93 of 2000 differed before them). The test fails when a listed one
// stops differing. To refresh after a change:
//
//	CONFORMANCE_LIST=1 CONFORMANCE_SHRINK=0 go test ./internal/conformance -run TestGenerated -v
//
// prints the differing seeds as map entries.
var knownGenSeeds = map[int64]known{}
