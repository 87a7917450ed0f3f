package computer

import "time"

// Seconds converts a Lua time in seconds (os.startTimer, receive and listen
// timeouts) to a duration; zero or negative means now.
func Seconds(f float64) time.Duration {
	if f <= 0 {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}
