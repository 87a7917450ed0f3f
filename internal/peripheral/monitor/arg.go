package monitor

import (
	"fmt"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// options are what a monitor is made with.
type options struct {
	w, h   int
	blocks bool // w×h are blocks, not characters
	normal bool // a normal (not advanced) monitor
}

// parseArg reads periphemu.create's third argument or --peripheral's ARG:
// nil for CraftOS-PC's default monitor (51×19 characters at scale 1, as
// its monitor windows open), or a string of comma-separated words:
//
//	WxH         the size in characters at scale 1 (CraftOS-PC's width, height)
//	blocks=WxH  the size of a CC:Tweaked monitor of W×H blocks (1..8 × 1..6)
//	normal      a normal monitor: no colour, cannot be touched
//	advanced    an advanced monitor (the default)
//
// A list of two numbers is CraftOS-PC's width and height in characters.
func parseArg(arg any) (options, error) {
	o := options{w: 51, h: 19}
	var s string
	switch v := arg.(type) {
	case nil:
		return o, nil
	case string:
		s = v
	case lua.LString:
		s = string(v)
	case []any:
		// CraftOS-PC's periphemu.create(side, "monitor", width, height),
		// when the arguments past the type come as a list.
		if len(v) == 2 {
			w, ok1 := v[0].(float64)
			h, ok2 := v[1].(float64)
			if ok1 && ok2 && w >= 1 && h >= 1 && w <= maxChars && h <= maxChars {
				o.w, o.h = int(w), int(h)
				return o, nil
			}
		}
		return o, fmt.Errorf("monitor: expected a width and a height from 1 to %d", maxChars)
	case lua.LValue:
		if v == lua.LNil {
			return o, nil
		}
		return o, fmt.Errorf("monitor: expected a size such as 51x19 or blocks=3x2, got %s", v.Type())
	default:
		return o, fmt.Errorf("monitor: expected a size such as 51x19 or blocks=3x2, got %v", arg)
	}
	for _, word := range strings.Split(s, ",") {
		word = strings.TrimSpace(word)
		switch {
		case word == "":
		case word == "normal":
			o.normal = true
		case word == "advanced":
			o.normal = false
		case strings.HasPrefix(word, "blocks="):
			w, h, ok := dims(strings.TrimPrefix(word, "blocks="))
			if !ok || w > maxBlocksW || h > maxBlocksH {
				return o, fmt.Errorf("monitor: blocks must be 1x1 to %dx%d, got %q", maxBlocksW, maxBlocksH, word)
			}
			o.w, o.h, o.blocks = w, h, true
		default:
			w, h, ok := dims(word)
			if !ok || w > maxChars || h > maxChars {
				return o, fmt.Errorf("monitor: unknown option %q (want WxH, blocks=WxH, normal or advanced)", word)
			}
			o.w, o.h, o.blocks = w, h, false
		}
	}
	return o, nil
}

// dims parses "WxH", both at least 1.
func dims(s string) (int, int, bool) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	if !ok {
		return 0, 0, false
	}
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if err1 != nil || err2 != nil || w < 1 || h < 1 {
		return 0, 0, false
	}
	return w, h, true
}
