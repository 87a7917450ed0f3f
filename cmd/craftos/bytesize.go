package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// byteSize is a flag of bytes: a number with an optional K, M, G or T
// suffix (binary multiples: 512M, 1G; "KiB", "MB" and the like also work).
type byteSize struct{ n *int64 }

func (b byteSize) String() string {
	if b.n == nil {
		return "0"
	}
	n := *b.n
	for _, u := range []struct {
		suffix string
		shift  uint
	}{{"T", 40}, {"G", 30}, {"M", 20}, {"K", 10}} {
		if n != 0 && n%(1<<u.shift) == 0 {
			return strconv.FormatInt(n>>u.shift, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b byteSize) Type() string { return "bytes" }

func (b byteSize) Set(s string) error {
	n, err := parseBytes(s)
	if err != nil {
		return err
	}
	*b.n = n
	return nil
}

func parseBytes(s string) (int64, error) {
	num := strings.TrimSpace(s)
	unit := strings.ToUpper(strings.TrimLeft(num, "0123456789."))
	num = num[:len(num)-len(unit)]
	unit = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(unit, "B"), "I"))
	shift := map[string]uint{"": 0, "K": 10, "M": 20, "G": 30, "T": 40}
	sh, ok := shift[unit]
	v, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || v < 0 {
		return 0, fmt.Errorf("%q is not a size in bytes (such as 512M or 1G)", s)
	}
	v *= float64(uint64(1) << sh)
	if v >= math.MaxInt64 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return int64(v), nil
}
