package speaker

import "strings"

// Instruments are the note block instruments playNote accepts (Minecraft's
// NoteBlockInstrument names, matched ignoring case): CC:Tweaked's
// documented sixteen and the mob heads' sounds.
var Instruments = []string{
	"harp", "basedrum", "snare", "hat", "bass", "flute", "bell", "guitar",
	"chime", "xylophone", "iron_xylophone", "cow_bell", "didgeridoo", "bit",
	"banjo", "pling",
	"zombie", "skeleton", "creeper", "dragon", "wither_skeleton", "piglin",
}

func instrument(name string) (string, bool) {
	for _, i := range Instruments {
		if strings.EqualFold(i, name) {
			return i, true
		}
	}
	return "", false
}

// validSound is whether name parses as a Minecraft resource location
// ([namespace:]path; namespace of a-z 0-9 _ - ., path of those and /), as
// ResourceLocation.tryParse requires.
func validSound(name string) bool {
	ns, path, found := strings.Cut(name, ":")
	if !found {
		ns, path = "minecraft", name
	}
	for i := 0; i < len(ns); i++ {
		if !locationChar(ns[i]) {
			return false
		}
	}
	for i := 0; i < len(path); i++ {
		if !locationChar(path[i]) && path[i] != '/' {
			return false
		}
	}
	return true
}

func locationChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// isRecord is whether a sound is a music disc's, which playSound refuses
// (CC:Tweaked returns false for them).
func isRecord(name string) bool {
	ns, path, found := strings.Cut(name, ":")
	if !found {
		ns, path = "minecraft", name
	}
	return (ns == "minecraft" || ns == "") && strings.HasPrefix(path, "music_disc.")
}
