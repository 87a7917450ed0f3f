package monitor_test

import (
	"os"

	"github.com/craftos/craftos/internal/events"
)

func readFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func eventChar() events.Event { return events.Event{Name: "char", Args: []any{"x"}} }
