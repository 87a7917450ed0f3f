package http

import (
	"errors"
	"fmt"
	"net/netip"
	"path"
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
	glob := strings.ToLower(s)
	// path.Match treats [ ] \ ? specially; host names never contain them,
	// so only * stays a wildcard.
	if strings.ContainsAny(glob, `[]\?`) {
		return pattern{}, fmt.Errorf("http rules: bad host pattern %q", s)
	}
	return pattern{glob: glob}, nil
}

// matchName reports whether p matches a host name (or an IP written out).
func (p pattern) matchName(host string) bool {
	host = strings.ToLower(strings.Trim(host, "[]"))
	if a, err := netip.ParseAddr(host); err == nil {
		return p.matchAddr(a)
	}
	switch {
	case p.private:
		return host == "localhost" || strings.HasSuffix(host, ".localhost")
	case p.glob != "":
		// path.Match's * stops only at "/", which a host never has.
		ok, _ := path.Match(p.glob, host)
		return ok
	}
	return false
}

// matchAddr reports whether p matches an address.
func (p pattern) matchAddr(a netip.Addr) bool {
	a = a.Unmap()
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
