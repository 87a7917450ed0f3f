package conformance

// Shrink makes root as small as it can while interesting(root.Render())
// stays true: it drops statements, replaces statements by their bodies and
// expressions by simpler ones, until no single change keeps the mismatch.
// At most maxTries candidates are tried.
func Shrink(root *Node, interesting func(src string) bool, maxTries int) string {
	tries := 0
	try := func() bool {
		tries++
		return interesting(root.Render())
	}
	for changed := true; changed && tries < maxTries; {
		changed = false
		walk(root, func(n *Node) {
			if tries >= maxTries {
				return
			}
			if n.block {
				for _, p := range n.parts {
					s := p.(*Node)
					if s.dropped || tries >= maxTries {
						continue
					}
					s.dropped = true
					if try() {
						changed = true
						continue
					}
					s.dropped = false
					if s.body != nil && !s.inlined {
						s.inlined = true
						if try() {
							changed = true
							continue
						}
						s.inlined = false
					}
				}
				return
			}
			if n.chosen == nil {
				for _, a := range n.alts {
					if tries >= maxTries {
						break
					}
					n.chosen = a
					if try() {
						changed = true
						break
					}
					n.chosen = nil
				}
			}
		})
	}
	return root.Render()
}

// walk visits the nodes that are rendered, parents first.
func walk(n *Node, f func(*Node)) {
	f(n)
	if n.chosen != nil {
		walk(n.chosen, f)
		return
	}
	if n.block {
		for _, p := range n.parts {
			s := p.(*Node)
			switch {
			case s.dropped:
			case s.inlined && s.body != nil:
				walk(s.body, f)
			default:
				walk(s, f)
			}
		}
		return
	}
	for _, p := range n.parts {
		if c, ok := p.(*Node); ok {
			walk(c, f)
		}
	}
}
