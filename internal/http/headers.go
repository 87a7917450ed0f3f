package http

import "strings"

// Header checks shared by every path that sends headers: the listener's
// responses (net/http or raw) and http.request / http.websocket requests.

// validName is RFC 9110's token rule for header names.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// validValue is RFC 9110's field-value: no control characters but tab
// (NUL, CR and LF above all: they would end or split the header line).
func validValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}
