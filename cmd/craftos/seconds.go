package main

import (
	"fmt"
	"strconv"
	"time"
)

// seconds is a duration flag that takes plain seconds, as CraftOS's settings
// do ("2", "0.5"), or a Go duration ("500ms", "1m").
type seconds struct{ d *time.Duration }

func (s seconds) String() string {
	if s.d == nil {
		return ""
	}
	return s.d.String()
}

func (s seconds) Set(v string) error {
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if f < 0 || f > float64(1<<62)/float64(time.Second) {
			return fmt.Errorf("%q is not a number of seconds from 0 up", v)
		}
		*s.d = time.Duration(f * float64(time.Second))
		return nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return fmt.Errorf("%q is neither seconds (2, 0.5) nor a duration (500ms, 1m)", v)
	}
	*s.d = d
	return nil
}

func (seconds) Type() string { return "seconds" }
