package http

import (
	"errors"
	"fmt"
	"net/netip"
	"path"
	"strconv"
	"strings"
)

// errBlocked is what a rule refusal becomes: CraftOS's "Domain not permitted".
var errBlocked = errors.New("Domain not permitted")

// rules decide which hosts programs may reach. A host is permitted when some
// allow pattern matches it and no deny pattern does. Patterns are host names
// with * wildcards (case-insensitive; also matched against the textual IP),
// CIDR ranges (a.b.c.d/n, v6 too), single IPs, and $private. Names are
// checked before dialing and the resolved address again at dial time, so a
// name that resolves to a denied address is refused (no DNS rebinding).
type rules struct {
	allow, deny []pattern
}

type pattern struct {
	glob    string       // lower-cased, with * wildcards
	prefix  netip.Prefix // CIDR or single address
	private bool         // $private
}

// newRules compiles the configured lists. blockPrivate puts $private first
// in the deny list (CC:Tweaked's default).
func newRules(allow, deny []string, blockPrivate bool) (*rules, error) {
	r := &rules{}
	if blockPrivate {
		deny = append([]string{"$private"}, deny...)
	}
	for _, list := range []struct {
		src []string
		dst *[]pattern
	}{{allow, &r.allow}, {deny, &r.deny}} {
		for _, s := range list.src {
			p, err := parsePattern(s)
			if err != nil {
				return nil, err
			}
			*list.dst = append(*list.dst, p)
		}
	}
	return r, nil
}

func parsePattern(s string) (pattern, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return pattern{}, errors.New("http rules: empty pattern")
	case s == "$private":
		return pattern{private: true}, nil
	case strings.Contains(s, "/"):
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return pattern{}, fmt.Errorf("http rules: bad CIDR range %q: %w", s, err)
		}
		return pattern{prefix: p.Masked()}, nil
	}
	if a, err := netip.ParseAddr(strings.Trim(s, "[]")); err == nil {
		a = a.Unmap()
		return pattern{prefix: netip.PrefixFrom(a, a.BitLen())}, nil
	}
	glob := normHost(s)
	// path.Match treats [ ] \ ? specially; host names never contain them,
	// so only * stays a wildcard.
	if strings.ContainsAny(glob, `[]\?`) {
		return pattern{}, fmt.Errorf("http rules: bad host pattern %q", s)
	}
	return pattern{glob: glob}, nil
}

// matchName reports whether p matches a host name (or an IP written out,
// in any spelling a resolver accepts).
func (p pattern) matchName(host string) bool {
	host = normHost(host)
	if a, ok := hostAddr(host); ok {
		return p.matchAddr(a)
	}
	if isLocalhost(host) && p.matchAddr(loopback4) {
		return true // RFC 6761: localhost names are loopback, whatever DNS says
	}
	switch {
	case p.private:
		return isLocalhost(host)
	case p.glob != "":
		// path.Match's * stops only at "/", which a host never has.
		ok, _ := path.Match(p.glob, host)
		return ok
	}
	return false
}

// matchAddr reports whether p matches an address or one it stands for:
// the unspecified addresses connect to this machine, so a rule that
// denies loopback denies them too.
func (p pattern) matchAddr(a netip.Addr) bool {
	for _, b := range aliases(a) {
		if p.matchOne(b) {
			return true
		}
	}
	return false
}

func (p pattern) matchOne(a netip.Addr) bool {
	switch {
	case p.private:
		return isPrivate(a)
	case p.prefix.IsValid():
		return p.prefix.Contains(a)
	case p.glob != "":
		ok, _ := path.Match(p.glob, a.String())
		return ok
	}
	return false
}

var (
	loopback4 = netip.AddrFrom4([4]byte{127, 0, 0, 1})
	loopback6 = netip.IPv6Loopback()
)

// aliases is a and the addresses connecting to it reaches: IPv4-mapped
// (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) IPv6 are their IPv4
// address; 0.0.0.0 (all of 0.0.0.0/8, "this network") and :: reach
// loopback; and the two loopbacks, 127/8 and ::1, stand for each other
// (localhost resolves to both).
func aliases(a netip.Addr) []netip.Addr {
	a = a.Unmap()
	out := []netip.Addr{a}
	switch {
	case a == loopback6:
		return append(out, loopback4)
	case a.Is4() && a.IsLoopback():
		return append(out, loopback6)
	}
	if a.Is6() && !a.IsUnspecified() {
		b := a.As16()
		if [12]byte(b[:12]) == ([12]byte{}) {
			a = netip.AddrFrom4([4]byte(b[12:]))
			out = append(out, a)
		}
	}
	if a.IsUnspecified() || (a.Is4() && a.As4()[0] == 0) {
		out = append(out, loopback4, loopback6)
	}
	return out
}

func isLocalhost(host string) bool {
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// normHost is a host as the rules see it: lower case, without IPv6
// brackets or the trailing dot of a fully qualified name ("localhost.").
func normHost(host string) string {
	host = strings.ToLower(strings.Trim(host, "[]"))
	return strings.TrimSuffix(host, ".")
}

// hostAddr parses a host that is an IP address: standard notation, or the
// legacy IPv4 forms inet_aton (and so curl, browsers and many resolvers)
// accept: 2130706433, 0177.0.0.1, 0x7f.1, 127.1.
func hostAddr(host string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(host); err == nil {
		return a.WithZone(""), true
	}
	return parseLegacyIPv4(host)
}

func parseLegacyIPv4(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if s == "" || len(parts) > 4 {
		return netip.Addr{}, false
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		base := 10
		switch {
		case len(p) > 2 && (p[:2] == "0x" || p[:2] == "0X"):
			base, p = 16, p[2:]
		case len(p) > 1 && p[0] == '0':
			base, p = 8, p[1:]
		}
		v, err := strconv.ParseUint(p, base, 32)
		if err != nil {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	n := len(vals)
	var ip uint32
	for i := 0; i < n-1; i++ {
		if vals[i] > 255 {
			return netip.Addr{}, false
		}
		ip |= uint32(vals[i]) << (24 - 8*i)
	}
	if bits := 8 * (5 - n); bits < 32 && vals[n-1] >= 1<<bits {
		return netip.Addr{}, false
	}
	ip |= uint32(vals[n-1])
	return netip.AddrFrom4([4]byte{byte(ip >> 24), byte(ip >> 16), byte(ip >> 8), byte(ip)}), true
}

// sharedSpace is RFC 6598 carrier-grade NAT space, private in practice.
var (
	sharedSpace = netip.MustParsePrefix("100.64.0.0/10")
	siteLocal6  = netip.MustParsePrefix("fec0::/10")
	awsMetadata = netip.MustParseAddr("192.0.0.192")
)

// isPrivate is CC:Tweaked's $private: any-local, loopback, link-local,
// site-local / unique-local, multicast, shared address space.
func isPrivate(a netip.Addr) bool {
	return a.IsUnspecified() || a.IsLoopback() || a.IsLinkLocalUnicast() ||
		a.IsLinkLocalMulticast() || a.IsMulticast() || a.IsPrivate() ||
		sharedSpace.Contains(a) || siteLocal6.Contains(a) || a == awsMetadata ||
		a == netip.AddrFrom4([4]byte{255, 255, 255, 255})
}

// checkName is the check before any DNS lookup.
func (r *rules) checkName(host string) error {
	return r.decide(func(p pattern) bool { return p.matchName(host) })
}

// checkAddr is the check at dial time: the name the program asked for and
// the address it resolved to must both pass, so either may be allowed by a
// pattern while a deny pattern for either refuses.
func (r *rules) checkAddr(host string, a netip.Addr) error {
	return r.decide(func(p pattern) bool { return p.matchName(host) || p.matchAddr(a) })
}

func (r *rules) decide(match func(pattern) bool) error {
	for _, p := range r.deny {
		if match(p) {
			return errBlocked
		}
	}
	for _, p := range r.allow {
		if match(p) {
			return nil
		}
	}
	return errBlocked
}
