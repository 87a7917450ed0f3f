package http

import (
	"net/netip"
	"testing"
)

func TestRules(t *testing.T) {
	tests := []struct {
		name         string
		allow, deny  []string
		blockPrivate bool
		host         string
		addr         string // resolved address, "" for the name check only
		ok           bool
	}{
		{"default allows loopback", []string{"*"}, nil, false, "localhost", "127.0.0.1", true},
		{"default allows names", []string{"*"}, nil, false, "example.com", "", true},
		{"block private: loopback name", []string{"*"}, nil, true, "localhost", "", false},
		{"block private: loopback address", []string{"*"}, nil, true, "example.com", "127.0.0.1", false},
		{"block private: v6 loopback", []string{"*"}, nil, true, "example.com", "::1", false},
		{"block private: v4-mapped v6", []string{"*"}, nil, true, "example.com", "::ffff:10.0.0.1", false},
		{"block private: 10/8", []string{"*"}, nil, true, "10.1.2.3", "", false},
		{"block private: 172.16/12", []string{"*"}, nil, true, "172.31.0.1", "", false},
		{"block private: 172.32 is public", []string{"*"}, nil, true, "172.32.0.1", "", true},
		{"block private: 192.168/16", []string{"*"}, nil, true, "x", "192.168.0.1", false},
		{"block private: link-local", []string{"*"}, nil, true, "x", "169.254.169.254", false},
		{"block private: shared space", []string{"*"}, nil, true, "x", "100.64.0.1", false},
		{"block private: multicast", []string{"*"}, nil, true, "x", "224.0.0.1", false},
		{"block private: any", []string{"*"}, nil, true, "0.0.0.0", "", false},
		{"deny loopback: 0.0.0.0 reaches it", []string{"*"}, []string{"127.0.0.0/8"}, false, "0.0.0.0", "", false},
		{"deny loopback: :: reaches it", []string{"*"}, []string{"127.0.0.1"}, false, "[::]", "", false},
		{"deny loopback: dialled 0.0.0.0", []string{"*"}, []string{"127.0.0.1"}, false, "example.com", "0.0.0.0", false},
		{"deny loopback: dialled ::", []string{"*"}, []string{"127.0.0.1"}, false, "example.com", "::", false},
		{"deny loopback: v4-mapped", []string{"*"}, []string{"127.0.0.0/8"}, false, "[::ffff:127.0.0.1]", "", false},
		{"deny loopback: v4-mapped hex", []string{"*"}, []string{"127.0.0.1"}, false, "[::ffff:7f00:1]", "", false},
		{"deny loopback: v4-compatible", []string{"*"}, []string{"127.0.0.1"}, false, "[::7f00:1]", "", false},
		{"deny loopback: decimal", []string{"*"}, []string{"127.0.0.1"}, false, "2130706433", "", false},
		{"deny loopback: octal", []string{"*"}, []string{"127.0.0.1"}, false, "0177.0.0.1", "", false},
		{"deny loopback: hex", []string{"*"}, []string{"127.0.0.1"}, false, "0x7f.0.0.1", "", false},
		{"deny loopback: short", []string{"*"}, []string{"127.0.0.1"}, false, "127.1", "", false},
		{"deny loopback: ::1 is loopback", []string{"*"}, []string{"127.0.0.0/8"}, false, "localhost", "::1", false},
		{"deny name: trailing dot", []string{"*"}, []string{"localhost"}, false, "localhost.", "", false},
		{"deny name: case", []string{"*"}, []string{"localhost"}, false, "LocalHost", "", false},
		{"deny 127.0.0.1 leaves 127.0.0.2", []string{"*"}, []string{"127.0.0.1"}, false, "127.0.0.2", "", true},
		{"not an address: too many parts", []string{"*"}, []string{"127.0.0.1"}, false, "127.0.0.0.1", "", true},
		{"not an address: 256 in a part", []string{"*"}, []string{"127.0.0.1"}, false, "256.1", "", true},
		{"block private: unique local v6", []string{"*"}, nil, true, "x", "fd00::1", false},
		{"block private: public address", []string{"*"}, nil, true, "example.com", "93.184.215.14", true},
		{"wildcard allow", []string{"*.example.com"}, nil, false, "api.EXAMPLE.com", "", true},
		{"wildcard allow misses the bare domain", []string{"*.example.com"}, nil, false, "example.com", "", false},
		{"wildcard allow passes the name, not another address", []string{"*.example.com"}, nil, false, "a.example.com", "1.2.3.4", true},
		{"deny wins over allow", []string{"*"}, []string{"bad.example.com"}, false, "bad.example.com", "", false},
		{"deny by CIDR at dial time", []string{"*"}, []string{"10.0.0.0/8"}, false, "innocent.example", "10.9.9.9", false},
		{"deny by CIDR misses other addresses", []string{"*"}, []string{"10.0.0.0/8"}, false, "innocent.example", "11.0.0.1", true},
		{"v6 CIDR", []string{"*"}, []string{"2001:db8::/32"}, false, "x", "2001:db8::5", false},
		{"single address", []string{"192.0.2.7"}, nil, false, "192.0.2.7", "", true},
		{"bracketed v6 host", []string{"*"}, []string{"::1"}, false, "[::1]", "", false},
		{"empty allow list denies", nil, nil, false, "example.com", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := newRules(tt.allow, tt.deny, tt.blockPrivate)
			if err != nil {
				t.Fatal(err)
			}
			if tt.addr == "" {
				err = r.checkName(tt.host)
			} else {
				err = r.checkAddr(tt.host, netip.MustParseAddr(tt.addr))
			}
			if got := err == nil; got != tt.ok {
				t.Errorf("allowed = %v (%v), want %v", got, err, tt.ok)
			}
			if err != nil && err != errBlocked {
				t.Errorf("error %v, want %v", err, errBlocked)
			}
		})
	}
}

func TestRulePatternErrors(t *testing.T) {
	for _, p := range []string{"", "10.0.0.0/33", "a[b]", "not/a/cidr"} {
		if _, err := newRules([]string{p}, nil, false); err == nil {
			t.Errorf("pattern %q: no error", p)
		}
	}
}

func TestParseURLs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://example.com/a?b#c", ""},
		{"HTTPS://example.com:8443", ""},
		{"example.com", "Must specify http or https"},
		{"ftp://example.com", "Invalid protocol 'ftp'"},
		{"localhost:8080/x", "Invalid protocol 'localhost'"},
		{"http://", "URL malformed"},
		{"http:///path", "URL malformed"},
		{"http://:80/", "URL malformed"},
		{"http:example.com", "URL malformed"},
		{"http://a b/", "URL malformed"},
		{"://x", "URL malformed"},
	}
	for _, tt := range tests {
		_, err := parseHTTPURL(tt.in)
		if got := errText(err); got != tt.want {
			t.Errorf("parseHTTPURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	wsTests := []struct{ in, want, url string }{
		{"ws://example.com/x", "", "ws://example.com/x"},
		{"WSS://example.com", "", "wss://example.com"},
		{"example.com/socket", "", "ws://example.com/socket"},
		{"localhost:8080", "", "ws://localhost:8080"},
		{"http://example.com", "Invalid scheme 'http'", ""},
		{"ws://", "URL malformed", ""},
		{"ws://a b/", "URL malformed", ""},
	}
	for _, tt := range wsTests {
		u, err := parseWSURL(tt.in)
		if got := errText(err); got != tt.want {
			t.Errorf("parseWSURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if err == nil && u.String() != tt.url {
			t.Errorf("parseWSURL(%q) = %s, want %s", tt.in, u, tt.url)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
