package term

import "unicode/utf8"

// low are the glyphs of CraftOS's font for bytes 1..31 (those of code
// page 437).
var low = []rune("☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼")

// Glyph is the Unicode character that looks like byte c of CraftOS's
// charset: ASCII, the code page 437 symbols for 1..31, 2×3 block
// ("teletext") characters for 128..159, and ISO-8859-1 above.
func Glyph(c byte) rune {
	switch {
	case c == 0, c == '\t':
		return ' '
	case c < 32:
		return low[c-1]
	case c < 127:
		return rune(c)
	case c == 127:
		return '▒'
	case c < 160:
		return sextant(int(c - 128))
	case c == 160:
		return ' ' // no-break space
	}
	return rune(c)
}

// sextant maps CraftOS's drawing characters (bits: top-left 1, top-right
// 2, middle-left 4, middle-right 8, bottom-left 16) to Unicode's block
// sextants, which skip the empty, left-half, right-half and full shapes.
func sextant(v int) rune {
	switch v {
	case 0:
		return ' '
	case 21:
		return '▌'
	}
	r := 0x1FB00 + v - 1
	if v > 21 {
		r--
	}
	return rune(r)
}

// Printable is text for a reader's terminal: UTF-8 text as it is, while
// text that is not UTF-8 is taken as CraftOS's charset, each byte shown as
// its Glyph (a program's box-drawing and \149 bars stay readable on a pipe).
func Printable(text string) string {
	if utf8.ValidString(text) {
		return text
	}
	out := make([]rune, len(text))
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= 32 && c < 127 || c == '\n' || c == '\t' {
			out[i] = rune(c)
		} else {
			out[i] = Glyph(c)
		}
	}
	return string(out)
}
