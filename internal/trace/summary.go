package trace

import (
	"fmt"
	"math"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"
)

// MaxString is how many bytes of a string argument the trace shows.
const MaxString = 60

// Typer is an event argument that says which Lua type it becomes (a queued
// table copy says "table"); other Go values that become Lua values on
// delivery are handles.
type Typer interface{ TraceType() string }

// Cut is a long string: its first MaxString bytes and its length.
type Cut struct {
	Prefix string `json:"string"`
	Len    int    `json:"len"`
}

// Kind is a value shown by its type: a table, a function, a handle (with
// the Go type behind it).
type Kind struct {
	Type   string `json:"type"`
	Handle string `json:"handle,omitempty"`
}

// Summarise turns event arguments into JSON-ready values: numbers, booleans
// and nil as they are, strings cut past MaxString bytes (with their
// length), everything else by its type.
func Summarise(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = summary(a)
	}
	return out
}

func summary(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return str(x)
	case []byte:
		return str(string(x))
	case lua.LString:
		return str(string(x))
	case bool:
		return x
	case lua.LBool:
		return bool(x)
	case int:
		return x
	case int64:
		return x
	case float64:
		return number(x)
	case lua.LNumber:
		return number(float64(x))
	case Typer:
		return Kind{Type: x.TraceType()}
	case map[string]string, []string, *lua.LTable:
		return Kind{Type: "table"}
	case *lua.LFunction:
		return Kind{Type: "function"}
	case *lua.LState:
		return Kind{Type: "thread"}
	case *lua.LUserData:
		return Kind{Type: "userdata"}
	case lua.LValue:
		if x == lua.LNil {
			return nil
		}
		return Kind{Type: x.Type().String()}
	}
	return Kind{Type: "handle", Handle: fmt.Sprintf("%T", v)}
}

// number keeps what JSON cannot carry (nan, inf) readable as text.
func number(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Sprint(f)
	}
	return f
}

func str(s string) any {
	if len(s) <= MaxString {
		return s
	}
	cut := MaxString
	for cut > MaxString-utf8.UTFMax && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return Cut{Prefix: s[:cut], Len: len(s)}
}
