package conformance

import (
	"fmt"
	"strings"
)

// LineDiff shows where two outputs differ, line by line: the lines only in
// want ("- lua5.2") and only in got ("+ craftos"), from a longest common
// subsequence, with the 1-based line number in want.
func LineDiff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	const limit = 2000
	if len(a) > limit || len(b) > limit {
		a, b = a[:min(len(a), limit)], b[:min(len(b), limit)]
	}
	// lcs[i][j] = length of the LCS of a[i:] and b[j:]
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var sb strings.Builder
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			fmt.Fprintf(&sb, "+ craftos  %4d: %s\n", i+1, b[j])
			j++
		default:
			fmt.Fprintf(&sb, "- lua5.2   %4d: %s\n", i+1, a[i])
			i++
		}
	}
	return sb.String()
}
