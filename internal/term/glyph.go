package term

import (
	"strings"
	"unicode/utf8"
)

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

// Printable is text for a reader's terminal. UTF-8 text stays as it is;
// in text that is not, CraftOS's drawing characters (bytes 127..159: the
// \149 bars and \131 blocks programs draw boxes with, control codes in
// Latin-1) become their Unicode look-alikes. Other bytes pass unchanged, so
// Latin-1 text and binary data a program prints reach the pipe as written.
func Printable(text string) string {
	if utf8.ValidString(text) {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch c := text[i]; {
		case r != utf8.RuneError || n > 1: // a UTF-8 character
			b.WriteString(text[i : i+n])
		case c >= 127 && c < 160:
			b.WriteRune(Glyph(c))
		default:
			b.WriteByte(c)
		}
		i += n
	}
	return b.String()
}
