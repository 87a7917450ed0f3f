package peripheral

import (
	"fmt"
	"path/filepath"

	lua "github.com/yuin/gopher-lua"
)

// ArgType is the Lua type of a Factory's argument, for its error texts
// ("bad argument #3 (string expected, got number)").
func ArgType(v any) string {
	switch v := v.(type) {
	case float64, int, int64:
		return "number"
	case bool:
		return "boolean"
	case string:
		return "string"
	case lua.LValue:
		return v.Type().String()
	}
	return fmt.Sprintf("%T", v)
}

// LocalPath is name, a slash-separated path a Factory's argument gives,
// as a path inside a device's folder: ok is false when it is empty,
// absolute or leads out (Lua programs get no host paths).
func LocalPath(name string) (clean string, ok bool) {
	clean = filepath.Clean(filepath.FromSlash(name))
	return clean, name != "" && filepath.IsLocal(clean)
}

// NormaliseLabel is CC:Tweaked's StringUtil.normaliseLabel, for computer
// labels, disk labels and page titles: at most 32 characters; those outside
// ' '..'~', 161..172 and 174..255 become '?'.
func NormaliseLabel(s string) string {
	b := []byte(s[:min(len(s), 32)])
	for i, c := range b {
		if !(c >= ' ' && c <= '~' || c >= 161 && c <= 172 || c >= 174) {
			b[i] = '?'
		}
	}
	return string(b)
}
